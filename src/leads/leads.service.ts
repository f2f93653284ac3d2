import { Injectable } from '@nestjs/common';
import { fieldError, notFound } from '../common/errors/api.exception.js';
import { FieldMessages } from '../common/errors/messages.js';
import { DuplicateLeadEmail, type LeadChanges, type LeadView, LeadsRepository } from './leads.repository.js';

interface LeadPage {
  leads: LeadView[];
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
  async get(ownerId: number, id: number): Promise<LeadView> {
    const lead = await this.leads.findOne(ownerId, id);
    if (!lead) throw notFound();
    return lead;
  }

  async create(ownerId: number, fields: NewLead): Promise<LeadView> {
    const lead = {
      name: fields.name,
      email: fields.email,
      message: fields.message ?? '',
      ownerId,
      createdAt: new Date().toISOString(),
    };
    const id = await withEmailRule(() => this.leads.insert(lead));
    return { id, name: lead.name, email: lead.email, message: lead.message, owner: ownerId, created_at: lead.createdAt };
  }

  /** Changes the sent fields of `lead` (already found for this owner) and answers it as now stored. */
  async update(lead: LeadView, fields: LeadChanges): Promise<LeadView> {
    const changes = writableFields(fields);
    if (Object.keys(changes).length === 0) return lead;
    const changed = await withEmailRule(() => this.leads.update(lead.owner, lead.id, changes));
    if (!changed) throw notFound();
    // Read back rather than merge: a concurrent change to another field shows too.
    return this.get(lead.owner, lead.id);
  }

  async remove(ownerId: number, id: number): Promise<void> {
    if (!(await this.leads.delete(ownerId, id))) throw notFound();
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

/** A clash on the owner's lead emails is the contract's field error. */
async function withEmailRule<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (error instanceof DuplicateLeadEmail) throw fieldError('email', FieldMessages.leadEmailTaken);
    throw error;
  }
}
