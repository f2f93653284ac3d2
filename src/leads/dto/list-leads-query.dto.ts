import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { FieldMessages } from '../../common/errors/messages.js';
import { OptionalField } from '../../common/validation/drf-rules.js';
import { MAX_INTEGER_ID } from '../../database/limits.js';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;
/** Whole numbers become numbers (so range rules can speak); anything else stays text and fails IsInt. */
const toInteger = () =>
  Transform(({ value }) => (typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? Number(value) : value));

export class ListLeadsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @toInteger()
  @OptionalField()
  @IsInt({ message: FieldMessages.notInteger })
  @Min(1, { message: FieldMessages.atLeast(1) })
  @Max(MAX_PAGE_SIZE, { message: FieldMessages.atMost(MAX_PAGE_SIZE) })
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, description: 'Only leads with a larger id (from the `Link` header).' })
  @toInteger()
  @OptionalField()
  @IsInt({ message: FieldMessages.notInteger })
  @Min(0, { message: FieldMessages.atLeast(0) })
  @Max(MAX_INTEGER_ID, { message: FieldMessages.atMost(MAX_INTEGER_ID) })
  after?: number;
}
