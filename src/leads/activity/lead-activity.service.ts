import { Injectable } from '@nestjs/common';
import { notFound } from '../../common/errors/api.exception.js';
import { decodeCursor, encodeCursor, invalidCursor } from '../../common/pagination/cursor.js';
import { DbWriter } from '../../database/db-writer.service.js';
import { MAX_INTEGER_ID } from '../../database/limits.js';
import type { LeadRecord } from '../leads.repository.js';
import { activityEntry, type ActivityEntryDto, type NoteEntryDto } from './dto/activity-entry.dto.js';
import { LeadActivityRepository } from './lead-activity.repository.js';

interface ActivityPage {
  entries: ActivityEntryDto[];
  /** The `cursor` of the next page, or null on the last one. */
  next: string | null;
}

/** Notes and the activity list of a lead that OwnedLeadGuard found for its owner. */
@Injectable()
export class LeadActivityService {
  constructor(
    private readonly activity: LeadActivityRepository,
    private readonly writer: DbWriter,
  ) {}

  /** One page of the lead's activity, newest first. */
  async list(lead: LeadRecord, limit: number, cursor: unknown): Promise<ActivityPage> {
    // A cursor belongs to one lead's activity.
    const query = `activity ${lead.id}`;
    let position = null;
    if (cursor !== undefined) {
      if (typeof cursor !== 'string') throw invalidCursor();
      const [createdAt, id] = decodeCursor(cursor, query, MAX_INTEGER_ID);
      if (createdAt === null) throw invalidCursor();
      position = { createdAt, id };
    }
    const rows = await this.activity.page(lead.id, limit + 1, position);
    const more = rows.length > limit;
    if (more) rows.length = limit;
    const last = rows[rows.length - 1];
    return { entries: rows.map(activityEntry), next: more ? encodeCursor([last.createdAt, last.id], query) : null };
  }

  /** A note and its activity entry, written together. */
  async addNote(lead: LeadRecord, text: string): Promise<NoteEntryDto> {
    const now = new Date().toISOString();
    const note = await this.writer.transaction((manager) => this.activity.addNote(manager, lead, text, now));
    return { type: 'note', id: note.id, text: note.text, created_at: note.createdAt };
  }

  /** Deletes the lead's note named `noteId` (as the path gives it); anything else is 404. */
  async deleteNote(lead: LeadRecord, noteId: number): Promise<void> {
    if (!(await this.writer.transaction((manager) => this.activity.deleteNote(manager, lead, noteId)))) throw notFound();
  }
}
