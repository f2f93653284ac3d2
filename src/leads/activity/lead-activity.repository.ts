import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { insertRows } from '../../database/bulk-insert.js';
import { READER } from '../../database/data-source-options.js';
import type { Lead, LeadStatus } from '../lead.entity.js';
import { LeadActivity } from './lead-activity.entity.js';
import { LeadNote } from './lead-note.entity.js';

/** An activity entry as read for the list: the note's text joined in. */
export interface ActivityRow {
  id: number;
  type: LeadActivity['type'];
  fromStatus: LeadStatus | null;
  toStatus: LeadStatus | null;
  noteId: number | null;
  text: string | null;
  createdAt: string;
}

/** Where a page of activity starts: after this entry, newest first. */
export interface ActivityPosition {
  createdAt: string;
  id: number;
}

/**
 * The `lead_notes` and `lead_activity` tables. Writes take the manager of the
 * caller's transaction, so that an entry commits or rolls back with the
 * change it records; reads name the lead, which the caller found for its owner.
 */
@Injectable()
export class LeadActivityRepository {
  constructor(@InjectRepository(LeadActivity, READER) private readonly reader: Repository<LeadActivity>) {}

  /** The creation entry of a new lead. */
  async recordCreation(manager: EntityManager, lead: Pick<Lead, 'id'>, at: string): Promise<void> {
    await manager.insert(LeadActivity, { leadId: lead.id, type: 'created', fromStatus: null, toStatus: null, noteId: null, createdAt: at });
  }

  /** The creation entries of new leads, in batched statements. */
  async recordCreations(manager: EntityManager, leadIds: number[], at: string): Promise<void> {
    const entries = leadIds.map((leadId) => ({
      leadId,
      type: 'created' as const,
      fromStatus: null,
      toStatus: null,
      noteId: null,
      createdAt: at,
    }));
    await insertRows(manager, LeadActivity, entries);
  }

  /** A change of status, written in the transaction that changes it; setting the status a lead already has writes nothing. */
  async recordStatusChange(manager: EntityManager, lead: Pick<Lead, 'id'>, from: LeadStatus, to: LeadStatus, at: string): Promise<void> {
    if (from === to) return;
    await manager.insert(LeadActivity, { leadId: lead.id, type: 'status', fromStatus: from, toStatus: to, noteId: null, createdAt: at });
  }

  /** A note and its activity entry. */
  async addNote(manager: EntityManager, lead: Pick<Lead, 'id'>, text: string, at: string): Promise<LeadNote> {
    const note = { leadId: lead.id, text, createdAt: at };
    const { identifiers } = await manager.insert(LeadNote, note);
    const id = Number(identifiers[0].id);
    await manager.insert(LeadActivity, { leadId: lead.id, type: 'note', fromStatus: null, toStatus: null, noteId: id, createdAt: at });
    return { ...note, id };
  }

  /** True when the lead had that note; its activity entry goes with it. */
  async deleteNote(manager: EntityManager, lead: Pick<Lead, 'id'>, noteId: number): Promise<boolean> {
    const { affected } = await manager.delete(LeadNote, { id: noteId, leadId: lead.id });
    return affected !== 0;
  }

  /** Up to `limit` entries of the lead, newest first (ties: newest id first), after `position`. */
  page(leadId: number, limit: number, position: ActivityPosition | null): Promise<ActivityRow[]> {
    const query = this.reader
      .createQueryBuilder('activity')
      .leftJoin(LeadNote, 'note', 'note.id = activity.noteId')
      .select('activity.id', 'id')
      .addSelect('activity.type', 'type')
      .addSelect('activity.fromStatus', 'fromStatus')
      .addSelect('activity.toStatus', 'toStatus')
      .addSelect('activity.noteId', 'noteId')
      .addSelect('note.text', 'text')
      .addSelect('activity.createdAt', 'createdAt')
      .where('activity.leadId = :leadId', { leadId })
      .orderBy('activity.createdAt', 'DESC')
      .addOrderBy('activity.id', 'DESC')
      .limit(limit);
    if (position) {
      query.andWhere('(activity.createdAt < :createdAt OR (activity.createdAt = :createdAt AND activity.id < :id))', position);
    }
    return query.getRawMany<ActivityRow>();
  }
}
