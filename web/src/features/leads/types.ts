import type { components } from '../../api/schema';
import type { LeadStatus } from './view';

/** A lead as the API shows it. */
export type Lead = components['schemas']['LeadResponseDto'];

/** The fields a person fills in to add or edit a lead. */
export type LeadInput = components['schemas']['CreateLeadDto'];

/**
 * The body of PATCH: any of the fields. (The document gives `message` a
 * default, which the generated type reads as required; PATCH needs none.)
 */
export type LeadChange = Partial<components['schemas']['UpdateLeadDto']>;

/** `GET /api/leads/stats`: how many of the caller's leads (matching the search) there are, in all and by status. */
export interface LeadStats {
  total: number;
  by_status: Record<LeadStatus, number>;
}

/** One entry of a lead's activity, newest first: a note, a change of status, or the creation. */
export type ActivityEntry =
  | { type: 'note'; id: number; text: string; created_at: string }
  | { type: 'status'; from: LeadStatus; to: LeadStatus; created_at: string }
  | { type: 'created'; created_at: string };
