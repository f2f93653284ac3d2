import { ApiProperty } from '@nestjs/swagger';
import { ID_PROPERTY, TIMESTAMP_PROPERTY } from '../../common/openapi/properties.js';
import { LEAD_LIMITS, type Lead } from '../lead.entity.js';

/** A lead as the API shows it, under DRF's names. */
export class LeadResponseDto {
  @ApiProperty({ ...ID_PROPERTY, example: 7, readOnly: true })
  id: number;

  @ApiProperty({ example: 'Jane Doe', maxLength: LEAD_LIMITS.name })
  name: string;

  @ApiProperty({ example: 'jane@example.com', format: 'email', maxLength: LEAD_LIMITS.email })
  email: string;

  @ApiProperty({ example: '', maxLength: LEAD_LIMITS.message })
  message: string;

  @ApiProperty({ ...ID_PROPERTY, example: 1, readOnly: true, description: 'The id of the user who owns the lead.' })
  owner: number;

  @ApiProperty({ ...TIMESTAMP_PROPERTY, example: '2026-11-24T04:41:14.123Z', readOnly: true })
  created_at: string;

  /** The one mapping from the entity to what a client sees. */
  static of(lead: Lead): LeadResponseDto {
    return { id: lead.id, name: lead.name, email: lead.email, message: lead.message, owner: lead.ownerId, created_at: lead.createdAt };
  }
}
