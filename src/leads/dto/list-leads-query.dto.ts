import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { OptionalField } from '../../common/validation/drf-rules.js';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;
const MAX_ID = 2_147_483_647;

const toInteger = () =>
  Transform(({ value }) => (typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : value));

export class ListLeadsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @toInteger()
  @OptionalField()
  @IsInt({ message: 'A valid integer is required.' })
  @Min(1, { message: 'Ensure this value is greater than or equal to 1.' })
  @Max(MAX_PAGE_SIZE, { message: `Ensure this value is less than or equal to ${MAX_PAGE_SIZE}.` })
  limit?: number;

  @ApiPropertyOptional({ minimum: 0, description: 'Only leads with a larger id (from the `Link` header).' })
  @toInteger()
  @OptionalField()
  @IsInt({ message: 'A valid integer is required.' })
  @Min(0, { message: 'Ensure this value is greater than or equal to 0.' })
  @Max(MAX_ID, { message: `Ensure this value is less than or equal to ${MAX_ID}.` })
  after?: number;
}
