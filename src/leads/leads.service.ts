import { Injectable } from '@nestjs/common';
import { notFound } from '../common/errors/api.exception.js';
import type { Lead, LeadChanges } from './lead.entity.js';
import { LeadsRepository } from './leads.repository.js';

interface LeadPage {
  leads: Lead[];
  /** The `after` for the next page, or null on the last one. */
  nextAfter: number | null;
}

type NewLead = Required<Pick<LeadChanges, 'name' | 'email'>> & LeadChanges;

/** The rules of leads; every call names the owner. */
@Injectable()
export class LeadsService {
  constructor(private readonly leads: LeadsRepository) {}

  async list(ownerId: number, limit: number, after = 0): Promise<LeadPage> {
    const rows = await this.leads.page(ownerId, after, limit + 1);
    if (rows.length <= limit) return { leads: rows, nextAfter: null };
    rows.length = limit;
    return { leads: rows, nextAfter: rows[limit - 1].id };
  }

  /** The owner's lead, or 404 — for another user's lead too, so ids cannot be probed. */
  async get(ownerId: number, id: number): Promise<Lead> {
    const lead = await this.leads.findOne(ownerId, id);
    if (!lead) throw notFound();
    return lead;
  }

  /** A clash with another of the owner's lead emails meets the unique index, which the exception filter answers. */
  create(ownerId: number, fields: NewLead): Promise<Lead> {
    return this.leads.insert({
      name: fields.name,
      email: fields.email,
      message: fields.message ?? '',
      ownerId,
      createdAt: new Date().toISOString(),
    });
  }

  /**
   * Changes the sent fields of `lead` (found for this owner by OwnedLeadGuard)
   * and answers it with them, as DRF's serializer.save() does: one read, one write.
   */
  async update(lead: Lead, fields: LeadChanges): Promise<Lead> {
    const changes = writableFields(fields);
    if (Object.keys(changes).length === 0) return lead;
    if (!(await this.leads.update(lead.ownerId, lead.id, changes))) throw notFound();
    return { ...lead, ...changes };
  }

  async remove(lead: Lead): Promise<void> {
    if (!(await this.leads.delete(lead.ownerId, lead.id))) throw notFound();
  }
}

/** Only the writable fields that were sent: a body can never set id, owner or created_at. */
function writableFields(fields: LeadChanges): LeadChanges {
  const changes: LeadChanges = {};
  if (fields.name !== undefined) changes.name = fields.name;
  if (fields.email !== undefined) changes.email = fields.email;
  if (fields.message !== undefined) changes.message = fields.message;
  return changes;
}
