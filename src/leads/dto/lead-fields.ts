import { applyDecorators } from '@nestjs/common';
import { ApiHideProperty } from '@nestjs/swagger';
import { Allow } from 'class-validator';
import { CharField } from '../../common/validation/drf-fields.js';
import { LEAD_LIMITS } from '../lead.entity.js';

export const LeadName = (required: boolean) => CharField({ required, maxLength: LEAD_LIMITS.name, openapi: { example: 'Jane Doe' } });

export const LeadEmail = (required: boolean) =>
  CharField({ required, maxLength: LEAD_LIMITS.email, email: true, openapi: { example: 'jane@example.com' } });

export const LeadMessage = () =>
  CharField({ required: false, allowBlank: true, maxLength: LEAD_LIMITS.message, openapi: { example: 'Met at the fair.', default: '' } });

/** Sent back by clients that echo a lead they read; accepted and never used. */
export const ReadOnlyLeadField = () => applyDecorators(ApiHideProperty(), Allow());

/**
 * `id`, `owner` and `created_at` are read-only: a body may carry them (clients
 * send back what they read) but the service never reads them.
 */
export abstract class ReadOnlyLeadFields {
  @ReadOnlyLeadField()
  id?: unknown;

  @ReadOnlyLeadField()
  owner?: unknown;

  @ReadOnlyLeadField()
  created_at?: unknown;
}
