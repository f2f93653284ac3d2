import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Patch, Post, Put, Query, Res, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal } from '../accounts/auth/current-principal.decorator.js';
import type { Principal } from '../accounts/auth/principal.js';
import { ApiErrors } from '../common/openapi/api-errors.decorator.js';
import { TOKEN_SECURITY } from '../common/openapi/openapi.js';
import { CreateLeadDto } from './dto/create-lead.dto.js';
import { LeadResponseDto } from './dto/lead-response.dto.js';
import { DEFAULT_PAGE_SIZE, ListLeadsQueryDto, MAX_PAGE_SIZE } from './dto/list-leads-query.dto.js';
import { UpdateLeadDto } from './dto/update-lead.dto.js';
import type { Lead } from './lead.entity.js';
import { LeadsService } from './leads.service.js';
import { OwnedLead, OwnedLeadGuard } from './owned-lead.guard.js';

const LeadId = () => ApiParam({ name: 'id', type: Number, example: 7 });

@ApiTags('leads')
@ApiBearerAuth(TOKEN_SECURITY)
@ApiErrors(401)
@Controller('api/leads')
export class LeadsController {
  constructor(private readonly leads: LeadsService) {}

  @Get()
  @ApiOperation({
    summary: "The caller's leads, oldest first",
    description: 'One page of at most `limit` leads after the id `after`; `Link` names the next page.',
  })
  @ApiOkResponse({
    schema: { type: 'array', maxItems: MAX_PAGE_SIZE, items: { $ref: getSchemaPath(LeadResponseDto) } },
    headers: {
      Link: {
        description: 'Present when more leads remain: `</api/leads?limit=N&after=ID>; rel="next"`',
        schema: { type: 'string', maxLength: 100 },
      },
    },
  })
  @ApiErrors(400)
  async list(
    @CurrentPrincipal() { user }: Principal,
    @Query() query: ListLeadsQueryDto,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LeadResponseDto[]> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const page = await this.leads.list(user.id, limit, query.after);
    if (page.nextAfter !== null) {
      response.setHeader('Link', `</api/leads?limit=${limit}&after=${page.nextAfter}>; rel="next"`);
    }
    return page.leads.map(LeadResponseDto.of);
  }

  @Post()
  @ApiOperation({
    summary: 'Create a lead owned by the caller',
    description: 'The email must be unique among the caller’s leads; id, owner and created_at are ignored.',
  })
  @ApiCreatedResponse({ type: LeadResponseDto })
  @ApiErrors(400)
  async create(@CurrentPrincipal() { user }: Principal, @Body() dto: CreateLeadDto): Promise<LeadResponseDto> {
    return LeadResponseDto.of(await this.leads.create(user.id, dto));
  }

  @Get(':id')
  @ApiOperation({ summary: 'One lead of the caller', description: 'Another user’s lead answers 404, as a missing one does.' })
  @LeadId()
  @ApiOkResponse({ type: LeadResponseDto })
  @ApiErrors(404)
  @UseGuards(OwnedLeadGuard)
  get(@OwnedLead() lead: Lead): LeadResponseDto {
    return LeadResponseDto.of(lead);
  }

  @Put(':id')
  @ApiOperation({
    summary: 'Replace a lead (name and email required; a left-out message is kept)',
    description: 'Another user’s lead answers 404.',
  })
  @LeadId()
  @ApiOkResponse({ type: LeadResponseDto })
  @ApiErrors(400, 404)
  @UseGuards(OwnedLeadGuard)
  async replace(@OwnedLead() lead: Lead, @Body() dto: CreateLeadDto): Promise<LeadResponseDto> {
    return LeadResponseDto.of(await this.leads.update(lead, dto));
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change some fields of a lead',
    description: 'Fields left out keep their values. Another user’s lead answers 404.',
  })
  @LeadId()
  @ApiOkResponse({ type: LeadResponseDto })
  @ApiErrors(400, 404)
  @UseGuards(OwnedLeadGuard)
  async update(@OwnedLead() lead: Lead, @Body() dto: UpdateLeadDto): Promise<LeadResponseDto> {
    return LeadResponseDto.of(await this.leads.update(lead, dto));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a lead', description: 'Another user’s lead answers 404 and stays.' })
  @LeadId()
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(404)
  @UseGuards(OwnedLeadGuard)
  remove(@OwnedLead() lead: Lead): Promise<void> {
    return this.leads.remove(lead);
  }
}
