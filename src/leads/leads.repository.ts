import { Injectable } from '@nestjs/common';
import { DbWriter } from '../database/db-writer.service.js';
import { type PreparedRead, PreparedReads } from '../database/prepared-read.js';
import { isUniqueViolation } from '../database/unique-violation.js';
import type { LeadResponseDto } from './dto/lead-response.dto.js';
import { Lead } from './lead.entity.js';

/** The fields a client may write. Everything else about a lead is the server's. */
export interface LeadChanges {
  name?: string;
  email?: string;
  message?: string;
}

/** A lead read as the API shows it: the SQL names the columns the way DRF does, so no mapping follows. */
export type LeadView = LeadResponseDto;

const COLUMNS = '"id", "name", "email", "message", "owner_id" AS "owner", "created_at"';

/** Thrown when a write would give one owner two leads with the same email. */
export class DuplicateLeadEmail extends Error {}

/** The `leads` table. Every statement names the owner: a user never reaches another user's leads. */
@Injectable()
export class LeadsRepository {
  private readonly findPage: PreparedRead<LeadView>;
  private readonly findOwned: PreparedRead<LeadView>;

  constructor(
    reads: PreparedReads,
    private readonly writer: DbWriter,
  ) {
    // The row comparison says the same as the two conditions before it. It is
    // there for PostgreSQL's planner: without it, when one owner holds most
    // rows, it walks the primary key and skips every other owner's older lead
    // (measured: 4.6 ms instead of 0.03 ms past 50,000 of them). SQLite seeks
    // (owner_id, id) either way.
    this.findPage = reads.prepare<LeadView>(
      5,
      (ownerId, after, sameOwnerId, sameAfter, limit) =>
        `SELECT ${COLUMNS} FROM "leads" ` +
        `WHERE "owner_id" = ${ownerId} AND "id" > ${after} AND ("owner_id", "id") > (${sameOwnerId}, ${sameAfter}) ` +
        `ORDER BY "owner_id", "id" LIMIT ${limit}`,
    );
    this.findOwned = reads.prepare<LeadView>(
      2,
      (ownerId, id) => `SELECT ${COLUMNS} FROM "leads" WHERE "owner_id" = ${ownerId} AND "id" = ${id}`,
    );
  }

  /** Up to `limit` of the owner's leads with an id above `after`, oldest first. */
  page(ownerId: number, after: number, limit: number): Promise<LeadView[]> {
    return this.findPage(ownerId, after, ownerId, after, limit);
  }

  async findOne(ownerId: number, id: number): Promise<LeadView | null> {
    const [lead] = await this.findOwned(ownerId, id);
    return lead ?? null;
  }

  async insert(lead: Omit<Lead, 'id'>): Promise<number> {
    const { identifiers } = await this.uniqueEmail(() => this.writer.write((m) => m.insert(Lead, lead)));
    return Number(identifiers[0].id);
  }

  /** True when the owner's lead existed and was changed. */
  async update(ownerId: number, id: number, changes: LeadChanges): Promise<boolean> {
    const { affected } = await this.uniqueEmail(() => this.writer.write((m) => m.update(Lead, { id, ownerId }, changes)));
    return affected !== 0;
  }

  /** True when the owner's lead existed and was deleted. */
  async delete(ownerId: number, id: number): Promise<boolean> {
    const { affected } = await this.writer.write((m) => m.delete(Lead, { id, ownerId }));
    return affected !== 0;
  }

  private async uniqueEmail<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isUniqueViolation(error, 'UQ_leads_owner_id_email', ['owner_id', 'email'])) throw new DuplicateLeadEmail();
      throw error;
    }
  }
}
