import type { LeadResponseDto } from './dto/lead-response.dto.js';
import type { Lead } from './lead.entity.js';

/** A lead as the API shows it (DRF's field names). */
export function toLeadResponse(lead: Lead): LeadResponseDto {
  return {
    id: lead.id,
    name: lead.name,
    email: lead.email,
    message: lead.message,
    owner: lead.ownerId,
    created_at: lead.createdAt,
  };
}
