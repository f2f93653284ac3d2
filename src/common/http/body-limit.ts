/** The largest request body accepted, as body-parser reads it and as messages say it. */
export const BODY_LIMIT = '1mb';
export const BODY_LIMIT_TEXT = '1 MiB';
export const BODY_TOO_LARGE = `Request body is larger than the ${BODY_LIMIT_TEXT} limit.`;
