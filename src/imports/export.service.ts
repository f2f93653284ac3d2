import { Injectable } from '@nestjs/common';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setImmediate as turnOfTheLoop } from 'node:timers/promises';
import type { LeadRecord } from '../leads/leads.repository.js';
import { type LeadListParameters, LeadsService } from '../leads/leads.service.js';
import { csvPage } from './csv/csv-writer.js';
import { EXPORT_COLUMNS } from './csv/lead-columns.js';

/** Leads read per query: a page of the list, as large as the list allows. */
const EXPORT_PAGE = 1000;

/** What an export takes: the list's search, status filter and ordering. */
export type ExportQuery = Pick<LeadListParameters, 'search' | 'status' | 'ordering'>;

/** The file name of an export made on `date` (UTC): `leads-2026-12-05.csv`. */
export const exportFileName = (date: Date): string => `leads-${date.toISOString().slice(0, 10)}.csv`;

/**
 * The CSV export of an owner's leads: every lead the list would show for the
 * same query, read a page at a time through the list's own paging, each page
 * written as soon as it is read, and the next one read only once the
 * destination has taken it (back-pressure). Memory holds a page, whatever
 * the number of leads. Between pages the event loop takes a turn: a client
 * that reads as fast as the server writes never makes the socket wait, and
 * without that turn an export would hold the process, and every other
 * request, until its last page.
 */
@Injectable()
export class ExportService {
  constructor(private readonly leads: LeadsService) {}

  /** Writes the export to `destination`; resolves once all of it is written (rejects if the destination goes away). */
  write(ownerId: number, query: ExportQuery, destination: Writable): Promise<void> {
    return pipeline(Readable.from(this.pages(ownerId, query), { objectMode: false }), destination);
  }

  private async *pages(ownerId: number, query: ExportQuery): AsyncGenerator<Buffer> {
    let first = true;
    for (let cursor: string | undefined; ;) {
      if (!first) await turnOfTheLoop();
      const page = await this.leads.list(ownerId, { ...query, limit: EXPORT_PAGE, cursor });
      if (first || page.leads.length > 0) yield Buffer.from(csvPage(EXPORT_COLUMNS, page.leads.map(exportRow), first), 'utf8');
      first = false;
      if (page.next === null) return;
      cursor = page.next;
    }
  }
}

/**
 * A lead as a row of the export, in EXPORT_COLUMNS' order. The id is written
 * with toFixed: the strings String() makes of numbers are kept in V8's
 * number cache past young-generation collections, so an export of a million
 * leads filled the old generation with a million short-lived strings (it
 * was most of the export's memory growth).
 */
function exportRow(lead: LeadRecord): unknown[] {
  return [lead.id.toFixed(0), lead.name, lead.email, lead.message, lead.status, lead.source, lead.createdAt, lead.updatedAt];
}
