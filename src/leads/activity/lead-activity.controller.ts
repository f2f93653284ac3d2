import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiExtraModels,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { ApiErrors } from '../../common/openapi/api-errors.decorator.js';
import { TOKEN_SECURITY } from '../../common/openapi/openapi.js';
import { nextPageUrl } from '../../common/pagination/cursor.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../dto/list-leads-query.dto.js';
import { NEXT_PAGE_LINK } from '../leads.controller.js';
import type { LeadRecord } from '../leads.repository.js';
import { OwnedLead, OwnedLeadGuard, parseId } from '../owned-lead.guard.js';
import { type ActivityEntryDto, CreatedEntryDto, NoteEntryDto, StatusEntryDto } from './dto/activity-entry.dto.js';
import { ActivityQueryDto } from './dto/activity-query.dto.js';
import { CreateNoteDto } from './dto/create-note.dto.js';
import { LeadActivityService } from './lead-activity.service.js';

const LeadId = () => ApiParam({ name: 'id', type: Number, example: 7 });

/** A lead's notes and its activity; the lead is found for its owner first (another user's is 404). */
@ApiTags('leads')
@ApiBearerAuth(TOKEN_SECURITY)
@ApiErrors(401)
@ApiExtraModels(NoteEntryDto, StatusEntryDto, CreatedEntryDto)
@Controller('api/leads/:id')
@UseGuards(OwnedLeadGuard)
export class LeadActivityController {
  constructor(private readonly activity: LeadActivityService) {}

  @Get('activity')
  @ApiOperation({
    summary: "A lead's activity, newest first",
    description: 'Its notes, its changes of status and its creation (last); ties by id, newest first. Paged like the lead list.',
  })
  @LeadId()
  @ApiOkResponse({
    schema: {
      type: 'array',
      maxItems: MAX_PAGE_SIZE,
      items: {
        oneOf: [getSchemaPath(NoteEntryDto), getSchemaPath(StatusEntryDto), getSchemaPath(CreatedEntryDto)].map(($ref) => ({ $ref })),
        discriminator: { propertyName: 'type' },
      },
    },
    headers: NEXT_PAGE_LINK,
  })
  @ApiErrors(400, 404)
  async list(
    @OwnedLead() lead: LeadRecord,
    @Query() query: ActivityQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ActivityEntryDto[]> {
    const page = await this.activity.list(lead, query.limit ?? DEFAULT_PAGE_SIZE, query.cursor);
    if (page.next !== null) {
      response.setHeader('Link', `<${nextPageUrl(`/api/leads/${lead.id}/activity`, request.originalUrl, page.next)}>; rel="next"`);
    }
    return page.entries;
  }

  @Post('notes')
  @ApiOperation({ summary: 'Write a note about a lead', description: 'The note joins the lead’s activity.' })
  @LeadId()
  @ApiCreatedResponse({ type: NoteEntryDto })
  @ApiErrors(400, 404)
  addNote(@OwnedLead() lead: LeadRecord, @Body() dto: CreateNoteDto): Promise<NoteEntryDto> {
    return this.activity.addNote(lead, dto.text);
  }

  @Delete('notes/:note_id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Delete a note',
    description: 'It leaves the activity; changes of status and the creation stay. A note of another lead answers 404.',
  })
  @LeadId()
  @ApiParam({ name: 'note_id', type: Number, example: 12 })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(404)
  deleteNote(@OwnedLead() lead: LeadRecord, @Param('note_id') noteId: string): Promise<void> {
    return this.activity.deleteNote(lead, parseId(noteId));
  }
}
