import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { insertRows } from '../database/bulk-insert.js';
import { READER } from '../database/data-source-options.js';
import { Import } from './import.entity.js';
import { ImportedLead } from './imported-lead.entity.js';

/** An entry of an import, as its undo reads them. */
export type ImportedLeadEntry = Pick<ImportedLead, 'id' | 'leadId' | 'action' | 'previous'>;

/**
 * The `imports` and `imported_leads` tables. Reads outside a transaction go
 * to the reader; everything else takes the manager of the import's (or the
 * undo's) transaction. Every query names the owner, or an import found for it.
 */
@Injectable()
export class ImportsRepository {
  constructor(@InjectRepository(Import, READER) private readonly reader: Repository<Import>) {}

  /** Records a new import; answers its id. */
  async insert(manager: EntityManager, fields: Pick<Import, 'ownerId' | 'createdAt' | 'mode'>): Promise<number> {
    const { identifiers } = await manager.insert(Import, { ...fields, created: 0, updated: 0, undoneAt: null });
    return Number(identifiers[0].id);
  }

  async setCounts(manager: EntityManager, id: number, counts: Pick<Import, 'created' | 'updated'>): Promise<void> {
    await manager.update(Import, { id }, counts);
  }

  /** The leads an import wrote, in batched statements. */
  async recordLeads(manager: EntityManager, entries: Omit<ImportedLead, 'id' | 'import' | 'lead'>[]): Promise<void> {
    await insertRows(manager, ImportedLead, entries);
  }

  /** The owner's imports that wrote something, newest first. */
  list(ownerId: number): Promise<Import[]> {
    return this.reader
      .createQueryBuilder('import')
      .where('import.ownerId = :ownerId', { ownerId })
      .andWhere('(import.created > 0 OR import.updated > 0)')
      .orderBy('import.id', 'DESC')
      .getMany();
  }

  /** The owner's import, read in `manager`'s transaction, or null. */
  findOne(manager: EntityManager, ownerId: number, id: number): Promise<Import | null> {
    return manager.findOneBy(Import, { ownerId, id });
  }

  /** True when the import was not undone yet, and now is. */
  async markUndone(manager: EntityManager, id: number, at: string): Promise<boolean> {
    const { affected } = await manager
      .createQueryBuilder()
      .update(Import)
      .set({ undoneAt: at })
      .where('id = :id AND undone_at IS NULL', { id })
      .execute();
    return affected !== 0;
  }

  /** Up to `limit` of the import's entries with an id above `after`, in order. */
  entries(manager: EntityManager, importId: number, after: number, limit: number): Promise<ImportedLeadEntry[]> {
    return manager
      .createQueryBuilder(ImportedLead, 'entry')
      .select(['entry.id', 'entry.leadId', 'entry.action', 'entry.previous'])
      .where('entry.importId = :importId AND entry.id > :after', { importId, after })
      .orderBy('entry.id')
      .limit(limit)
      .getMany();
  }
}
