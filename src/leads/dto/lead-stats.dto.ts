import { ApiProperty } from '@nestjs/swagger';
import { LEAD_STATUSES, type LeadStatus } from '../lead.entity.js';

const COUNT = { type: 'integer', format: 'int32', minimum: 0, maximum: 2_147_483_647 } as const;

/** GET /api/leads/stats. */
export class LeadStatsDto {
  @ApiProperty({ ...COUNT, example: 42 })
  total: number;

  @ApiProperty({
    type: 'object',
    description: 'The count of each status; every status is present.',
    properties: Object.fromEntries(LEAD_STATUSES.map((status) => [status, { ...COUNT, example: 0 }])),
    required: [...LEAD_STATUSES],
    additionalProperties: false,
  })
  by_status: Record<LeadStatus, number>;
}
