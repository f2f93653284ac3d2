import { IntegerField } from '../../common/validation/drf-fields.js';
import { MAX_INTEGER_ID } from '../../database/limits.js';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

export class ListLeadsQueryDto {
  @IntegerField({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  limit?: number;

  @IntegerField({ minimum: 0, maximum: MAX_INTEGER_ID, description: 'Only leads with a larger id (from the `Link` header).' })
  after?: number;
}
