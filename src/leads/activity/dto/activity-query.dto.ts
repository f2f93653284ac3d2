import { MAX_CURSOR_LENGTH } from '../../../common/pagination/cursor.js';
import { IntegerField } from '../../../common/validation/drf-fields.js';
import { TokenQueryField } from '../../../common/validation/query-fields.js';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../dto/list-leads-query.dto.js';

export class ActivityQueryDto {
  @IntegerField({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  limit?: number;

  @TokenQueryField({
    maxLength: MAX_CURSOR_LENGTH,
    description: 'Where the page starts: taken from the `Link` header of the page before, as it is. An altered cursor answers 404.',
  })
  cursor?: unknown;
}
