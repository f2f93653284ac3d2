import type { LeadStatus } from '../lead.entity.js';
import { LeadEmail, LeadMessage, LeadName, LeadSource, LeadStatusField, ReadOnlyLeadFields } from './lead-fields.js';

/** The body of POST and PUT: `name` and `email` required, `message`, `status` and `source` optional. */
export class CreateLeadDto extends ReadOnlyLeadFields {
  @LeadName(true)
  name: string;

  @LeadEmail(true)
  email: string;

  @LeadMessage()
  message?: string;

  @LeadStatusField()
  status?: LeadStatus;

  @LeadSource()
  source?: string;
}
