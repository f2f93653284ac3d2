import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, type Repository, type SelectQueryBuilder } from 'typeorm';
import type { CursorPosition } from '../common/pagination/cursor.js';
import { insertRows } from '../database/bulk-insert.js';
import { type CachedRead, cacheRead } from '../database/cached-read.js';
import { READER } from '../database/data-source-options.js';
import { Dialect } from '../database/dialect.js';
import { MAX_INTEGER_ID } from '../database/limits.js';
import { DbWriter } from '../database/db-writer.service.js';
import { leadKeys } from './lead-keys.js';
import { Lead, type LeadStatus } from './lead.entity.js';

/** A lead as the app reads it: every field a client sees, none of the stored keys. */
export type LeadRecord = Omit<Lead, 'owner' | 'nameKey' | 'search'>;

/** The properties of a LeadRecord, in the order they are selected. */
const RECORD_PROPERTIES = ['id', 'name', 'email', 'message', 'ownerId', 'createdAt', 'status', 'source', 'updatedAt'] as const;

/** Ids per DELETE of several leads: well under either database's limit on bound values. */
const DELETE_CHUNK = 500;

type PageParameters = { ownerId: number; after: number };

/** The stored column a list is ordered by (then by id). */
export type LeadSortKey = 'id' | 'createdAt' | 'updatedAt' | 'nameKey';

/** Which of an owner's leads a list or a count takes. */
export interface LeadFilter {
  ownerId: number;
  /** Folded search terms (`foldText`); a lead matches when its search text holds every one. */
  terms: string[];
  /** Empty: every status. */
  statuses: LeadStatus[];
  /** Only leads with a larger id. */
  after: number;
}

export interface LeadOrder {
  key: LeadSortKey;
  descending: boolean;
}

/** A listed lead with the value it was ordered by (null when ordered by id), for the next page's cursor. */
export type LeadRow = LeadRecord & { sortKey: string | null };

/** The trigram indexes take terms of at least this many characters; shorter ones are looked for in the owner's rows. */
const TRIGRAM = 3;

/**
 * Where nulls go in a list by id: the order the owner's indexes by id keep and
 * the primary key does not, so that PostgreSQL's planner seeks the owner's
 * leads rather than walk every lead by id (migration LeadIdOrder1764600000000).
 * Ids are never null: the order is the usual one.
 */
const ID_NULLS = { ASC: 'NULLS FIRST', DESC: 'NULLS LAST' } as const;

/** Selects the LeadRecord columns under their property names, so that raw rows have its shape. */
export function selectRecord<T extends Lead>(query: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
  const [first, ...rest] = RECORD_PROPERTIES;
  return rest.reduce(
    (selection, property) => selection.addSelect(`${query.alias}.${property}`, property),
    query.select(`${query.alias}.${first}`, first),
  );
}

/**
 * The `leads` table, the one home of its queries. Every query names the
 * owner: a user never reaches another user's leads. Reads go to the reader
 * connection (committed data only); writes take the manager of a
 * transaction (DbWriter's), so that the activity they cause commits with them.
 * Every write of a lead's fields writes its stored keys too (`leadKeys`).
 */
@Injectable()
export class LeadsRepository {
  /** The page read, per page size: built once each, as the hot path runs it on every list request. */
  private readonly pages = new Map<number, CachedRead<PageParameters, LeadRecord>>();

  constructor(
    @InjectRepository(Lead, READER) private readonly reader: Repository<Lead>,
    private readonly writer: DbWriter,
    private readonly dialect: Dialect,
  ) {}

  /** Up to `limit` of the owner's leads with an id above `after`, oldest first. */
  page(ownerId: number, after: number, limit: number): Promise<LeadRecord[]> {
    return this.pageQuery(limit)({ ownerId, after });
  }

  /**
   * Up to `limit` of the leads `filter` takes, in `order`, after `position`.
   * The order and the position are over (owner, [status,] key, id): the
   * columns of the index that serves them, so a page is a seek and a short
   * walk whatever the list's size (the status joins them when there is one).
   */
  async list(filter: LeadFilter, order: LeadOrder, position: CursorPosition | null, limit: number): Promise<LeadRow[]> {
    const query = selectRecord(this.reader.createQueryBuilder('lead'));
    if (order.key !== 'id') query.addSelect(`lead.${order.key}`, 'sortKey');
    this.filtered(query, filter);
    const oneStatus = filter.statuses.length === 1;
    const columns = [
      'lead.ownerId',
      ...(oneStatus ? ['lead.status'] : []),
      ...(order.key !== 'id' ? [`lead.${order.key}`] : []),
      'lead.id',
    ];
    // By id, the first page starts below the lowest id (above the highest, descending): a row
    // comparison on the index's columns even there, or PostgreSQL's planner may walk the
    // primary key past every other owner's leads, as the default list's comment explains
    // (measured: 1.4 s instead of milliseconds for a search, with 400,000 older leads of others).
    const start = position ?? (order.key === 'id' ? ([null, order.descending ? MAX_INTEGER_ID : 0] as CursorPosition) : null);
    // A real position is shown already (strictly after it); the first page's bound is no lead's id, or may be the last possible one.
    const comparison = `${order.descending ? '<' : '>'}${position ? '' : '='}`;
    if (start) {
      const [value, id] = start;
      const values = [':ownerId', ...(oneStatus ? [':status0'] : []), ...(order.key !== 'id' ? [':positionValue'] : []), ':positionId'];
      query.andWhere(`(${columns.join(', ')}) ${comparison} (${values.join(', ')})`, {
        positionValue: value,
        positionId: id,
      });
    }
    const direction = order.descending ? 'DESC' : 'ASC';
    const nulls = order.key === 'id' ? ID_NULLS[direction] : undefined;
    columns.forEach((column, index) =>
      index === 0 ? query.orderBy(column, direction) : query.addOrderBy(column, direction, column === 'lead.id' ? nulls : undefined),
    );
    const rows = await query.limit(limit).getRawMany<LeadRow>();
    if (order.key === 'id') for (const row of rows) row.sortKey = null;
    return rows;
  }

  /** How many of the leads `filter` takes have each status (statuses with none are left out). */
  async countByStatus(filter: LeadFilter): Promise<{ status: LeadStatus; count: number }[]> {
    const query = this.reader.createQueryBuilder('lead').select('lead.status', 'status').addSelect('COUNT(*)', 'count');
    const rows = await this.filtered(query, filter).groupBy('lead.status').getRawMany<{ status: LeadStatus; count: number | string }>();
    return rows.map(({ status, count }) => ({ status, count: Number(count) }));
  }

  /**
   * The owner's leads that `filter` takes. A term of three characters or more
   * is looked up in the trigram index (SQLite: the FTS5 table; PostgreSQL:
   * LIKE, which pg_trgm's GIN index serves); a shorter one is a plain
   * substring test on the rows the rest selects.
   */
  private filtered<T extends Lead>(query: SelectQueryBuilder<T>, filter: LeadFilter): SelectQueryBuilder<T> {
    query.where('lead.ownerId = :ownerId', { ownerId: filter.ownerId });
    if (filter.statuses.length === 1) query.andWhere('lead.status = :status0', { status0: filter.statuses[0] });
    else if (filter.statuses.length > 1) query.andWhere('lead.status IN (:...statuses)', { statuses: filter.statuses });
    if (filter.after > 0) query.andWhere('lead.id > :after', { after: filter.after });
    const long = filter.terms.filter((term) => Array.from(term).length >= TRIGRAM);
    const short = filter.terms.filter((term) => Array.from(term).length < TRIGRAM);
    if (this.dialect.kind === 'sqlite') {
      if (long.length > 0) {
        const match = long.map((term) => `"${term.replaceAll('"', '""')}"`).join(' AND ');
        query.andWhere('lead.id IN (SELECT rowid FROM "leads_search" WHERE "leads_search" MATCH :match)', { match });
      }
      short.forEach((term, index) => query.andWhere(`instr(lead.search, :short${index}) > 0`, { [`short${index}`]: term }));
    } else {
      long.forEach((term, index) =>
        query.andWhere(`lead.search LIKE :long${index}`, { [`long${index}`]: `%${term.replace(/[\\%_]/g, '\\$&')}%` }),
      );
      short.forEach((term, index) => query.andWhere(`strpos(lead.search, :short${index}) > 0`, { [`short${index}`]: term }));
    }
    return query;
  }

  findOne(ownerId: number, id: number): Promise<LeadRecord | null> {
    return selectRecord(this.reader.createQueryBuilder('lead'))
      .where('lead.ownerId = :ownerId AND lead.id = :id', { ownerId, id })
      .getRawOne<LeadRecord>()
      .then((row) => row ?? null);
  }

  /** The owner's lead, held until `manager`'s transaction ends, or null. */
  lockOne(manager: EntityManager, ownerId: number, id: number): Promise<LeadRecord | null> {
    const query = selectRecord(manager.getRepository(Lead).createQueryBuilder('lead')).where('lead.ownerId = :ownerId AND lead.id = :id', {
      ownerId,
      id,
    });
    return this.dialect
      .lockForUpdate(query)
      .getRawOne<LeadRecord>()
      .then((row) => row ?? null);
  }

  /** Stores a new lead; answers it with its id. */
  async insert(manager: EntityManager, lead: Omit<LeadRecord, 'id'>): Promise<LeadRecord> {
    const { identifiers } = await manager.insert(Lead, { ...lead, ...leadKeys(lead) });
    return { ...lead, id: Number(identifiers[0].id) };
  }

  /** Writes every field of the owner's lead as `lead` holds it; true when it existed. */
  async update(manager: EntityManager, lead: LeadRecord): Promise<boolean> {
    const { name, email, message, status, source, updatedAt } = lead;
    const { affected } = await manager.update(
      Lead,
      { id: lead.id, ownerId: lead.ownerId },
      { name, email, message, status, source, updatedAt, ...leadKeys(lead) },
    );
    return affected !== 0;
  }

  /** True when the owner's lead existed and was deleted, with its notes and activity (the foreign keys cascade). */
  async delete(ownerId: number, id: number): Promise<boolean> {
    const { affected } = await this.writer.write((manager) => manager.delete(Lead, { id, ownerId }));
    return affected !== 0;
  }

  /**
   * The email of each of the owner's leads, in lower case, with its id (an
   * import matches emails ignoring case). In `manager`'s transaction when
   * given, else on the reader.
   */
  async emailIds(ownerId: number, manager?: EntityManager): Promise<Map<string, number>> {
    const rows = await (manager?.getRepository(Lead) ?? this.reader)
      .createQueryBuilder('lead')
      .select('lead.id', 'id')
      .addSelect('lead.email', 'email')
      .where('lead.ownerId = :ownerId', { ownerId })
      .orderBy('lead.id', 'DESC')
      .getRawMany<{ id: number; email: string }>();
    // Two leads whose emails differ only in case: the oldest answers.
    return new Map(rows.map(({ id, email }) => [email.trim().toLowerCase(), Number(id)]));
  }

  /** The owner's leads among `ids`, in `manager`'s transaction when given, else on the reader. */
  findMany(ownerId: number, ids: number[], manager?: EntityManager): Promise<LeadRecord[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return selectRecord((manager?.getRepository(Lead) ?? this.reader).createQueryBuilder('lead'))
      .where('lead.ownerId = :ownerId AND lead.id IN (:...ids)', { ownerId, ids })
      .getRawMany<LeadRecord>();
  }

  /** Stores new leads of one owner in batched statements; answers their ids, in order. */
  async insertMany(manager: EntityManager, leads: Omit<LeadRecord, 'id'>[]): Promise<number[]> {
    const rows = await insertRows(
      manager,
      Lead,
      leads.map((lead) => ({ ...lead, ...leadKeys(lead) })),
      ['id', 'email'],
    );
    // Emails are unique per owner: they tell which id is whose, in whatever order the database answers.
    const idOf = new Map(rows.map(({ id, email }) => [email, Number(id)]));
    return leads.map((lead) => idOf.get(lead.email)!);
  }

  /** Deletes the owner's leads among `ids`, with their notes and activity. */
  async deleteMany(manager: EntityManager, ownerId: number, ids: number[]): Promise<void> {
    for (let start = 0; start < ids.length; start += DELETE_CHUNK) {
      await manager.delete(Lead, { ownerId, id: In(ids.slice(start, start + DELETE_CHUNK)) });
    }
  }

  private pageQuery(limit: number): CachedRead<PageParameters, LeadRecord> {
    let read = this.pages.get(limit);
    if (!read) {
      // The row comparison says the same as the two conditions before it. It
      // is there for PostgreSQL's planner: without it, when one owner holds
      // most rows, it walks the primary key and skips every other owner's
      // older lead (measured: 4.6 ms instead of 0.03 ms past 50,000 of them).
      // SQLite seeks (owner_id, id) either way.
      const query = selectRecord(this.reader.createQueryBuilder('lead'))
        .where('lead.ownerId = :ownerId AND lead.id > :after')
        .andWhere('(lead.ownerId, lead.id) > (:ownerId, :after)')
        .orderBy('lead.ownerId')
        .addOrderBy('lead.id', 'ASC', ID_NULLS.ASC)
        .limit(limit);
      read = cacheRead<PageParameters, LeadRecord>(query, ['ownerId', 'after']);
      this.pages.set(limit, read);
    }
    return read;
  }
}
