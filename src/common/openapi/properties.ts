import { MAX_INTEGER_ID } from '../../database/limits.js';

/** An id as the database stores it: a positive `integer`. */
export const ID_PROPERTY = { type: 'integer', format: 'int32', minimum: 1, maximum: MAX_INTEGER_ID } as const;
/** ISO 8601 UTC with milliseconds and `Z`: always 24 characters. */
export const TIMESTAMP_PROPERTY = { type: String, format: 'date-time', maxLength: 24 } as const;
