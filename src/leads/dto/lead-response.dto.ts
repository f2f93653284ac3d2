import { ApiProperty } from '@nestjs/swagger';
import { ID_PROPERTY, TIMESTAMP_PROPERTY } from '../../common/openapi/properties.js';
import { LEAD_LIMITS, LEAD_STATUSES, type LeadStatus } from '../lead.entity.js';
import type { LeadRecord } from '../leads.repository.js';

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

  @ApiProperty({ type: String, enum: [...LEAD_STATUSES], example: 'new' })
  status: LeadStatus;

  @ApiProperty({ example: '', maxLength: LEAD_LIMITS.source, description: "Where the lead came from, in the team's own words." })
  source: string;

  @ApiProperty({
    ...TIMESTAMP_PROPERTY,
    example: '2026-11-24T04:41:14.123Z',
    readOnly: true,
    description: 'Set at creation and by every change.',
  })
  updated_at: string;

  /** The one mapping from the stored lead to what a client sees. */
  static of(lead: LeadRecord): LeadResponseDto {
    return {
      id: lead.id,
      name: lead.name,
      email: lead.email,
      message: lead.message,
      owner: lead.ownerId,
      created_at: lead.createdAt,
      status: lead.status,
      source: lead.source,
      updated_at: lead.updatedAt,
    };
  }
}
