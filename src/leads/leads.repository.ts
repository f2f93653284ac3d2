import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DbWriter } from '../database/db-writer.service.js';
import { placeholders, type PreparedRead, PreparedReads } from '../database/prepared-read.js';
import type { LeadResponseDto } from './dto/lead-response.dto.js';
import { Lead } from './lead.entity.js';

/** The fields a client may write. Everything else about a lead is the server's. */
export interface LeadChanges {
  name?: string;
  email?: string;
  message?: string;
}

/** A lead as the API shows it. */
export type LeadView = LeadResponseDto;

/** The one mapping from a row to a LeadView: every read and the insert select the columns under DRF's names. */
const COLUMNS = '"id", "name", "email", "message", "owner_id" AS "owner", "created_at"';

/** The `leads` table. Every statement names the owner: a user never reaches another user's leads. */
@Injectable()
export class LeadsRepository {
  private readonly findPage: PreparedRead<LeadView>;
  private readonly findOwned: PreparedRead<LeadView>;
  private readonly insertSql: string;

  constructor(
    reads: PreparedReads,
    dataSource: DataSource,
    private readonly writer: DbWriter,
  ) {
    const [name, email, message, ownerId, createdAt] = placeholders(dataSource, 5);
    this.insertSql =
      'INSERT INTO "leads" ("name", "email", "message", "owner_id", "created_at") ' +
      `VALUES (${name}, ${email}, ${message}, ${ownerId}, ${createdAt}) RETURNING ${COLUMNS}`;
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

  /** Stores a new lead and answers it as stored. */
  async insert(lead: Omit<Lead, 'id'>): Promise<LeadView> {
    const parameters = [lead.name, lead.email, lead.message, lead.ownerId, lead.createdAt];
    const [stored] = await this.writer.write<LeadView[]>((m) => m.query(this.insertSql, parameters));
    return stored;
  }

  /** True when the owner's lead existed and was changed. */
  async update(ownerId: number, id: number, changes: LeadChanges): Promise<boolean> {
    const { affected } = await this.writer.write((m) => m.update(Lead, { id, ownerId }, changes));
    return affected !== 0;
  }

  /** True when the owner's lead existed and was deleted. */
  async delete(ownerId: number, id: number): Promise<boolean> {
    const { affected } = await this.writer.write((m) => m.delete(Lead, { id, ownerId }));
    return affected !== 0;
  }
}
