import { applyDecorators } from '@nestjs/common';
import { ApiHideProperty } from '@nestjs/swagger';
import { Allow } from 'class-validator';
import { CharField, ChoiceField } from '../../common/validation/drf-fields.js';
import { LEAD_LIMITS, LEAD_STATUSES } from '../lead.entity.js';

export const LeadName = (required: boolean) => CharField({ required, maxLength: LEAD_LIMITS.name, openapi: { example: 'Jane Doe' } });

export const LeadEmail = (required: boolean) =>
  CharField({ required, maxLength: LEAD_LIMITS.email, email: true, openapi: { example: 'jane@example.com' } });

export const LeadMessage = () =>
  CharField({ required: false, allowBlank: true, maxLength: LEAD_LIMITS.message, openapi: { example: 'Met at the fair.', default: '' } });

export const LeadStatusField = () =>
  ChoiceField({ choices: LEAD_STATUSES, required: false, description: 'Where the lead stands; `new` for a new lead, kept when left out.' });

export const LeadSource = () =>
  CharField({
    required: false,
    allowBlank: true,
    maxLength: LEAD_LIMITS.source,
    openapi: {
      example: 'Trade fair',
      description: "Where the lead came from, in the team's own words; empty when left out of a new lead.",
    },
  });

/** Sent back by clients that echo a lead they read; accepted and never used. */
export const ReadOnlyLeadField = () => applyDecorators(ApiHideProperty(), Allow());

/**
 * `id`, `owner`, `created_at` and `updated_at` are read-only: a body may carry
 * them (clients send back what they read) but the service never reads them.
 */
export abstract class ReadOnlyLeadFields {
  @ReadOnlyLeadField()
  id?: unknown;

  @ReadOnlyLeadField()
  owner?: unknown;

  @ReadOnlyLeadField()
  created_at?: unknown;

  @ReadOnlyLeadField()
  updated_at?: unknown;
}
