import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { CurrentPrincipal } from '../accounts/current-principal.decorator.js';
import type { Principal } from '../accounts/principal.js';
import { CreateLeadDto } from './dto/create-lead.dto.js';
import { DEFAULT_PAGE_SIZE, ListLeadsQueryDto } from './dto/list-leads-query.dto.js';
import { UpdateLeadDto } from './dto/update-lead.dto.js';
import { LeadIdPipe } from './lead-id.pipe.js';
import { type LeadResponse, toLeadResponse } from './lead.response.js';
import { LeadsService } from './leads.service.js';

@Controller('api/leads')
export class LeadsController {
  constructor(private readonly leads: LeadsService) {}

  @Get()
  async list(
    @CurrentPrincipal() { user }: Principal,
    @Query() query: ListLeadsQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LeadResponse[]> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const page = await this.leads.list(user.id, limit, query.after);
    if (page.nextAfter !== null) {
      response.setHeader('Link', `</api/leads?limit=${limit}&after=${page.nextAfter}>; rel="next"`);
    }
    return page.leads.map(toLeadResponse);
  }

  @Post()
  async create(@CurrentPrincipal() { user }: Principal, @Body() dto: CreateLeadDto): Promise<LeadResponse> {
    return toLeadResponse(await this.leads.create(user.id, dto));
  }

  @Get(':id')
  async get(@CurrentPrincipal() { user }: Principal, @Param('id', LeadIdPipe) id: number): Promise<LeadResponse> {
    return toLeadResponse(await this.leads.get(user.id, id));
  }

  @Put(':id')
  async replace(
    @CurrentPrincipal() { user }: Principal,
    @Param('id', LeadIdPipe) id: number,
    @Body() dto: CreateLeadDto,
  ): Promise<LeadResponse> {
    return toLeadResponse(await this.leads.update(user.id, id, dto));
  }

  @Patch(':id')
  async update(
    @CurrentPrincipal() { user }: Principal,
    @Param('id', LeadIdPipe) id: number,
    @Body() dto: UpdateLeadDto,
  ): Promise<LeadResponse> {
    return toLeadResponse(await this.leads.update(user.id, id, dto));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@CurrentPrincipal() { user }: Principal, @Param('id', LeadIdPipe) id: number): Promise<void> {
    return this.leads.remove(user.id, id);
  }
}
