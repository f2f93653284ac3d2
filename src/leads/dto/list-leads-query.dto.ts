import { MAX_CURSOR_LENGTH } from '../../common/pagination/cursor.js';
import { IntegerField } from '../../common/validation/drf-fields.js';
import { ChoiceListQueryField, ChoiceQueryField, SearchQueryField, TokenQueryField } from '../../common/validation/query-fields.js';
import { MAX_INTEGER_ID } from '../../database/limits.js';
import { LEAD_STATUSES } from '../lead.entity.js';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

export const SEARCH_LIMITS = { length: 100, terms: 10 } as const;

/** The `ordering` values, DRF's OrderingFilter names: a field, `-` before it for descending. */
export const LEAD_ORDERINGS = ['id', '-id', 'created_at', '-created_at', 'updated_at', '-updated_at', 'name', '-name'] as const;
export type LeadOrdering = (typeof LEAD_ORDERINGS)[number];
export const DEFAULT_LEAD_ORDERING: LeadOrdering = 'id';

/** `search` alone: what GET /api/leads/stats takes. */
export class LeadSearchQueryDto {
  @SearchQueryField({
    maxLength: SEARCH_LIMITS.length,
    maxTerms: SEARCH_LIMITS.terms,
    description:
      'Leads whose name, email, message or source hold every term (split on white space), ignoring case and accents (`gra hop` finds Grace Hopper). ' +
      `At most ${SEARCH_LIMITS.length} characters and ${SEARCH_LIMITS.terms} terms; empty means no search.`,
  })
  search?: string;
}

export class ListLeadsQueryDto extends LeadSearchQueryDto {
  @ChoiceListQueryField({
    choices: LEAD_STATUSES,
    maxLength: 100,
    description: `Only leads with one of these statuses, separated by commas, such as \`new,contacted\` (${LEAD_STATUSES.join(', ')}).`,
  })
  status?: string;

  @ChoiceQueryField({
    choices: LEAD_ORDERINGS,
    default: DEFAULT_LEAD_ORDERING,
    description: 'The order of the list; `-` before a field for descending. `name` ignores case; ties are broken by id.',
  })
  ordering?: LeadOrdering;

  @IntegerField({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  limit?: number;

  @IntegerField({ minimum: 0, maximum: MAX_INTEGER_ID, description: 'Only leads with a larger id.' })
  after?: number;

  @TokenQueryField({
    maxLength: MAX_CURSOR_LENGTH,
    description: 'Where the page starts: taken from the `Link` header of the page before, as it is. An altered cursor answers 404.',
  })
  cursor?: unknown;
}
