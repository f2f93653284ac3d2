import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { EntityManager } from 'typeorm';
import { detailError, notFound } from '../common/errors/api.exception.js';
import { ImportMessages } from '../common/errors/messages.js';
import type { Settings } from '../config/settings.js';
import { DbWriter } from '../database/db-writer.service.js';
import { Dialect } from '../database/dialect.js';
import { uniqueViolationError } from '../database/unique-constraints.js';
import { LeadActivityRepository } from '../leads/activity/lead-activity.repository.js';
import type { LeadChanges } from '../leads/lead.entity.js';
import { LeadsRepository } from '../leads/leads.repository.js';
import { readCsv } from './csv/csv-reader.js';
import { fileTooLarge, readTextFile } from './csv/text-file.js';
import type { ImportReportDto, ImportSummaryDto, UndoResultDto } from './dto/import-report.dto.js';
import { IMPORT_BATCH, type ImportStore, runImport } from './import-run.js';
import { checkLeadRow } from './lead-row-check.js';
import type { ImportMode } from './import.entity.js';
import { ImportsRepository } from './imports.repository.js';

export interface ImportOptions {
  mode: ImportMode;
  dryRun: boolean;
  /** The size the sender announced (Content-Length), refused at once when over the limit. */
  declaredBytes?: number;
}

/** Imports and undos of one owner take turns (on PostgreSQL; SQLite's writers do anyway). */
const ownerImportsKey = (ownerId: number) => `imports:${ownerId}`;

/**
 * The rules of importing CSV files of leads and undoing imports; every call
 * names the owner. An import reads the whole file first (checked as it
 * arrives, held as bytes), then parses and checks it a batch at a time; a
 * real one does so in one transaction, so that a failure part way writes nothing.
 */
@Injectable()
export class ImportsService {
  private readonly maxBytes: number;

  constructor(
    config: ConfigService<Settings, true>,
    private readonly writer: DbWriter,
    private readonly dialect: Dialect,
    private readonly leads: LeadsRepository,
    private readonly activity: LeadActivityRepository,
    private readonly imports: ImportsRepository,
  ) {
    this.maxBytes = config.get('importMaxBytes', { infer: true });
  }

  async importFile(ownerId: number, source: AsyncIterable<Uint8Array | string>, options: ImportOptions): Promise<ImportReportDto> {
    const { mode, dryRun, declaredBytes = 0 } = options;
    if (declaredBytes > this.maxBytes) throw fileTooLarge(this.maxBytes);
    const file = await readTextFile(source, this.maxBytes);
    if (dryRun) {
      const outcome = await runImport(readCsv(file), mode, this.dryRunStore(ownerId), checkLeadRow);
      return { id: null, dry_run: true, mode, ...outcome };
    }
    try {
      return await this.writer.transaction(async (manager) => {
        await this.dialect.lockKey(manager, ownerImportsKey(ownerId));
        const at = new Date().toISOString();
        const id = await this.imports.insert(manager, { ownerId, createdAt: at, mode });
        const outcome = await runImport(readCsv(file), mode, this.writingStore(manager, ownerId, id, at), checkLeadRow);
        await this.imports.setCounts(manager, id, { created: outcome.created, updated: outcome.updated });
        return { id, dry_run: false, mode, ...outcome };
      });
    } catch (error) {
      // A lead created by another request while this import ran.
      throw uniqueViolationError(error, this.dialect) ?? error;
    }
  }

  async list(ownerId: number): Promise<ImportSummaryDto[]> {
    return (await this.imports.list(ownerId)).map((record) => ({
      id: record.id,
      created_at: record.createdAt,
      mode: record.mode,
      created: record.created,
      updated: record.updated,
      undone: record.undoneAt !== null,
    }));
  }

  /**
   * Deletes the leads the import created and puts back the fields it updated,
   * except on leads changed since (their `updated_at` is no longer the
   * import's), which are kept and counted. One transaction.
   */
  undo(ownerId: number, importId: number): Promise<UndoResultDto> {
    return this.writer.transaction(async (manager) => {
      await this.dialect.lockKey(manager, ownerImportsKey(ownerId));
      const record = await this.imports.findOne(manager, ownerId, importId);
      if (!record) throw notFound();
      if (record.undoneAt !== null) throw detailError(HttpStatus.BAD_REQUEST, ImportMessages.alreadyUndone);
      const at = new Date().toISOString();
      const result: UndoResultDto = { deleted: 0, restored: 0, kept: 0 };
      for (let after = 0; ;) {
        const entries = await this.imports.entries(manager, importId, after, IMPORT_BATCH);
        if (entries.length === 0) break;
        after = entries[entries.length - 1].id;
        const current = new Map(
          (
            await this.leads.findMany(
              ownerId,
              entries.map(({ leadId }) => leadId),
              manager,
            )
          ).map((lead) => [lead.id, lead]),
        );
        const created: number[] = [];
        for (const entry of entries) {
          const lead = current.get(entry.leadId);
          if (!lead) continue;
          if (lead.updatedAt !== record.createdAt) {
            result.kept += 1;
          } else if (entry.action === 'created') {
            created.push(lead.id);
            result.deleted += 1;
          } else {
            const previous = JSON.parse(entry.previous ?? '{}') as LeadChanges;
            await this.leads.update(manager, { ...lead, ...previous, updatedAt: at });
            if (previous.status !== undefined) await this.activity.recordStatusChange(manager, lead, lead.status, previous.status, at);
            result.restored += 1;
          }
        }
        await this.leads.deleteMany(manager, ownerId, created);
      }
      await this.imports.markUndone(manager, importId, at);
      return result;
    });
  }

  /** Reads committed data (the reader), writes nothing. */
  private dryRunStore(ownerId: number): ImportStore {
    return {
      emailIds: () => this.leads.emailIds(ownerId),
      leads: (ids) => this.leads.findMany(ownerId, ids),
      create: () => Promise.resolve(),
      update: () => Promise.resolve(),
    };
  }

  /** Reads and writes in the import's transaction; every lead it writes gets the import's time as `updated_at`. */
  private writingStore(manager: EntityManager, ownerId: number, importId: number, at: string): ImportStore {
    return {
      emailIds: () => this.leads.emailIds(ownerId, manager),
      leads: (ids) => this.leads.findMany(ownerId, ids, manager),
      create: async (leads) => {
        const ids = await this.leads.insertMany(
          manager,
          leads.map((lead) => ({ ...lead, ownerId, createdAt: at, updatedAt: at })),
        );
        await this.activity.recordCreations(manager, ids, at);
        await this.imports.recordLeads(
          manager,
          ids.map((leadId) => ({ importId, leadId, action: 'created', previous: null })),
        );
      },
      update: async (updates) => {
        for (const { lead, changes } of updates) {
          await this.leads.update(manager, { ...lead, ...changes, updatedAt: at });
          if (changes.status !== undefined) await this.activity.recordStatusChange(manager, lead, lead.status, changes.status, at);
        }
        await this.imports.recordLeads(
          manager,
          updates.map(({ lead, changes }) => ({
            importId,
            leadId: lead.id,
            action: 'updated',
            previous: JSON.stringify(Object.fromEntries(Object.keys(changes).map((field) => [field, lead[field as keyof LeadChanges]]))),
          })),
        );
      },
    };
  }
}
