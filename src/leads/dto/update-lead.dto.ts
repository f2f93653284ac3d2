import type { LeadStatus } from '../lead.entity.js';
import { LeadEmail, LeadMessage, LeadName, LeadSource, LeadStatusField, ReadOnlyLeadFields } from './lead-fields.js';

/** The body of PATCH: any subset of the fields. */
export class UpdateLeadDto extends ReadOnlyLeadFields {
  @LeadName(false)
  name?: string;

  @LeadEmail(false)
  email?: string;

  @LeadMessage()
  message?: string;

  @LeadStatusField()
  status?: LeadStatus;

  @LeadSource()
  source?: string;
}
