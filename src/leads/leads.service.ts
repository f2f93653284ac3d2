import { Injectable } from '@nestjs/common';
import { notFound } from '../common/errors/api.exception.js';
import { type CursorPosition, decodeCursor, encodeCursor, invalidCursor } from '../common/pagination/cursor.js';
import { choiceList, searchTerms } from '../common/validation/query-fields.js';
import { DbWriter } from '../database/db-writer.service.js';
import { MAX_INTEGER_ID } from '../database/limits.js';
import { LeadActivityRepository } from './activity/lead-activity.repository.js';
import { DEFAULT_LEAD_ORDERING, type LeadOrdering } from './dto/list-leads-query.dto.js';
import { foldText } from './lead-keys.js';
import { DEFAULT_LEAD_STATUS, type LeadChanges, LEAD_STATUSES, type LeadStatus } from './lead.entity.js';
import { type LeadFilter, type LeadOrder, type LeadRecord, type LeadSortKey, LeadsRepository } from './leads.repository.js';

/** What a list request asks for, as the query string said it (validated). */
export interface LeadListParameters {
  search?: string;
  status?: string;
  ordering?: LeadOrdering;
  after?: number;
  cursor?: unknown;
  limit: number;
}

interface LeadPage {
  leads: LeadRecord[];
  /** The `cursor` of the next page, or null on the last one. */
  next: string | null;
}

export type LeadStats = { total: number; by_status: Record<LeadStatus, number> };

const SORT_KEYS: Record<string, LeadSortKey> = { id: 'id', created_at: 'createdAt', updated_at: 'updatedAt', name: 'nameKey' };

type NewLead = Required<Pick<LeadChanges, 'name' | 'email'>> & LeadChanges;

/** The rules of leads; every call names the owner. */
@Injectable()
export class LeadsService {
  constructor(
    private readonly leads: LeadsRepository,
    private readonly activity: LeadActivityRepository,
    private readonly writer: DbWriter,
  ) {}

  /**
   * One page of the owner's leads as `parameters` ask. The plain list (no
   * search, no status, by id) is the hot path: one cached read.
   */
  async list(ownerId: number, parameters: LeadListParameters): Promise<LeadPage> {
    const { limit } = parameters;
    const filter = leadFilter(ownerId, parameters);
    const ordering = parameters.ordering ?? DEFAULT_LEAD_ORDERING;
    const order: LeadOrder = { key: SORT_KEYS[ordering.replace('-', '')], descending: ordering.startsWith('-') };
    const query = JSON.stringify([filter.terms, [...filter.statuses].sort(), ordering, filter.after]);
    const position = parameters.cursor === undefined ? null : readCursor(parameters.cursor, query, order.key);

    if (filter.terms.length === 0 && filter.statuses.length === 0 && ordering === 'id') {
      const rows = await this.leads.page(ownerId, Math.max(filter.after, position?.[1] ?? 0), limit + 1);
      if (rows.length <= limit) return { leads: rows, next: null };
      rows.length = limit;
      return { leads: rows, next: encodeCursor([null, rows[limit - 1].id], query) };
    }
    const rows = await this.leads.list(filter, order, position, limit + 1);
    if (rows.length <= limit) return { leads: rows, next: null };
    rows.length = limit;
    const last = rows[limit - 1];
    return { leads: rows, next: encodeCursor([last.sortKey, last.id], query) };
  }

  /** How many of the owner's leads (those `search` finds, when given) have each status; every status is listed. */
  async stats(ownerId: number, search: string | undefined): Promise<LeadStats> {
    const counts = await this.leads.countByStatus(leadFilter(ownerId, { search }));
    const byStatus = Object.fromEntries(LEAD_STATUSES.map((status) => [status, 0])) as Record<LeadStatus, number>;
    for (const { status, count } of counts) byStatus[status] = count;
    return { total: counts.reduce((sum, { count }) => sum + count, 0), by_status: byStatus };
  }

  /** The owner's lead, or 404 — for another user's lead too, so ids cannot be probed. */
  async get(ownerId: number, id: number): Promise<LeadRecord> {
    const lead = await this.leads.findOne(ownerId, id);
    if (!lead) throw notFound();
    return lead;
  }

  /**
   * A new lead and its creation entry, in one transaction. A clash with
   * another of the owner's lead emails meets the unique index, which the
   * exception filter answers.
   */
  create(ownerId: number, fields: NewLead): Promise<LeadRecord> {
    const now = new Date().toISOString();
    return this.writer.transaction(async (manager) => {
      const lead = await this.leads.insert(manager, {
        name: fields.name,
        email: fields.email,
        message: fields.message ?? '',
        status: fields.status ?? DEFAULT_LEAD_STATUS,
        source: fields.source ?? '',
        ownerId,
        createdAt: now,
        updatedAt: now,
      });
      await this.activity.recordCreation(manager, lead, now);
      return lead;
    });
  }

  /**
   * Changes the sent fields of `lead` (found for this owner by OwnedLeadGuard),
   * sets its update time, and answers it as stored, as DRF's serializer.save()
   * does. The lead is read again and held inside the transaction, so that a
   * change of status is recorded from the status it really replaced.
   */
  update(lead: LeadRecord, fields: LeadChanges): Promise<LeadRecord> {
    const changes = writableFields(fields);
    const now = new Date().toISOString();
    return this.writer.transaction(async (manager) => {
      const current = await this.leads.lockOne(manager, lead.ownerId, lead.id);
      if (!current) throw notFound();
      const changed: LeadRecord = { ...current, ...changes, updatedAt: now };
      await this.leads.update(manager, changed);
      await this.activity.recordStatusChange(manager, changed, current.status, changed.status, now);
      return changed;
    });
  }

  async remove(lead: LeadRecord): Promise<void> {
    if (!(await this.leads.delete(lead.ownerId, lead.id))) throw notFound();
  }
}

function leadFilter(ownerId: number, parameters: Pick<LeadListParameters, 'search' | 'status' | 'after'>): LeadFilter {
  return {
    ownerId,
    terms: parameters.search === undefined ? [] : searchTerms(parameters.search).map(foldText),
    statuses: parameters.status === undefined ? [] : choiceList<LeadStatus>(parameters.status),
    after: parameters.after ?? 0,
  };
}

/** The position a cursor names, for a query ordered by `key`; a cursor of another shape is as invalid as an altered one. */
function readCursor(cursor: unknown, query: string, key: LeadSortKey): CursorPosition {
  if (typeof cursor !== 'string') throw invalidCursor();
  const position = decodeCursor(cursor, query, MAX_INTEGER_ID);
  if ((key === 'id') !== (position[0] === null)) throw invalidCursor();
  return position;
}

/** Only the writable fields that were sent: a body can never set id, owner, created_at or updated_at. */
function writableFields(fields: LeadChanges): LeadChanges {
  const changes: LeadChanges = {};
  if (fields.name !== undefined) changes.name = fields.name;
  if (fields.email !== undefined) changes.email = fields.email;
  if (fields.message !== undefined) changes.message = fields.message;
  if (fields.status !== undefined) changes.status = fields.status;
  if (fields.source !== undefined) changes.source = fields.source;
  return changes;
}
