import type { Lead } from './lead.entity.js';

/** A lead as the API shows it (DRF's field names). */
export interface LeadResponse {
  id: number;
  name: string;
  email: string;
  message: string;
  owner: number;
  created_at: string;
}

export function toLeadResponse(lead: Lead): LeadResponse {
  return {
    id: lead.id,
    name: lead.name,
    email: lead.email,
    message: lead.message,
    owner: lead.ownerId,
    created_at: lead.createdAt,
  };
}
