import { LeadEmail, LeadMessage, LeadName, ReadOnlyLeadFields } from './lead-fields.js';

/** The body of POST and PUT: `name` and `email` required, `message` optional. */
export class CreateLeadDto extends ReadOnlyLeadFields {
  @LeadName(true)
  name: string;

  @LeadEmail(true)
  email: string;

  @LeadMessage()
  message?: string;
}
