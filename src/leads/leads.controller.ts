import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Patch, Post, Put, Query, Req, Res, UseGuards } from '@nestjs/common';
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
import type { Request, Response } from 'express';
import { CurrentPrincipal } from '../accounts/auth/current-principal.decorator.js';
import type { Principal } from '../accounts/auth/principal.js';
import { ApiErrors } from '../common/openapi/api-errors.decorator.js';
import { TOKEN_SECURITY } from '../common/openapi/openapi.js';
import { nextPageUrl } from '../common/pagination/cursor.js';
import { CreateLeadDto } from './dto/create-lead.dto.js';
import { LeadResponseDto } from './dto/lead-response.dto.js';
import { LeadStatsDto } from './dto/lead-stats.dto.js';
import { DEFAULT_PAGE_SIZE, LeadSearchQueryDto, ListLeadsQueryDto, MAX_PAGE_SIZE } from './dto/list-leads-query.dto.js';
import { UpdateLeadDto } from './dto/update-lead.dto.js';
import type { LeadRecord } from './leads.repository.js';
import { LeadsService } from './leads.service.js';
import { OwnedLead, OwnedLeadGuard } from './owned-lead.guard.js';

const LeadId = () => ApiParam({ name: 'id', type: Number, example: 7 });

/** The `Link` header of a paged list: the request line is at most 16 KiB, and so is the URL it keeps. */
export const NEXT_PAGE_LINK = {
  Link: {
    description: 'Present when more remain: `<URL>; rel="next"`, the same request with the next page\'s `cursor`. Follow it as it is.',
    schema: { type: 'string', maxLength: 16 * 1024 },
  },
};

@ApiTags('leads')
@ApiBearerAuth(TOKEN_SECURITY)
@ApiErrors(401)
@Controller('api/leads')
export class LeadsController {
  constructor(private readonly leads: LeadsService) {}

  @Get()
  @ApiOperation({
    summary: "The caller's leads: searched, filtered, ordered, one page at a time",
    description:
      'Oldest first (by id) unless `ordering` says otherwise; at most `limit` leads. When more remain, `Link` names the next page: ' +
      'the same query with a `cursor`. A cursor that was altered or belongs to another query answers 404 `Invalid cursor`.',
  })
  @ApiOkResponse({
    schema: { type: 'array', maxItems: MAX_PAGE_SIZE, items: { $ref: getSchemaPath(LeadResponseDto) } },
    headers: NEXT_PAGE_LINK,
  })
  @ApiErrors(400, 404)
  async list(
    @CurrentPrincipal() { user }: Principal,
    @Query() query: ListLeadsQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<LeadResponseDto[]> {
    const page = await this.leads.list(user.id, { ...query, limit: query.limit ?? DEFAULT_PAGE_SIZE });
    if (page.next !== null) response.setHeader('Link', `<${nextPageUrl('/api/leads', request.originalUrl, page.next)}>; rel="next"`);
    return page.leads.map((lead) => LeadResponseDto.of(lead));
  }

  @Get('stats')
  @ApiOperation({
    summary: "How many of the caller's leads have each status",
    description: 'Every status is listed, 0 included. With `search`, only the leads it finds are counted.',
  })
  @ApiOkResponse({ type: LeadStatsDto })
  @ApiErrors(400)
  stats(@CurrentPrincipal() { user }: Principal, @Query() query: LeadSearchQueryDto): Promise<LeadStatsDto> {
    return this.leads.stats(user.id, query.search);
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
  get(@OwnedLead() lead: LeadRecord): LeadResponseDto {
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
  async replace(@OwnedLead() lead: LeadRecord, @Body() dto: CreateLeadDto): Promise<LeadResponseDto> {
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
  async update(@OwnedLead() lead: LeadRecord, @Body() dto: UpdateLeadDto): Promise<LeadResponseDto> {
    return LeadResponseDto.of(await this.leads.update(lead, dto));
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Delete a lead', description: 'Another user’s lead answers 404 and stays.' })
  @LeadId()
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(404)
  @UseGuards(OwnedLeadGuard)
  remove(@OwnedLead() lead: LeadRecord): Promise<void> {
    return this.leads.remove(lead);
  }
}
