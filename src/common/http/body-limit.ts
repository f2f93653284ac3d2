/** The largest request body accepted, as body-parser reads it (`DetailMessages.bodyTooLarge` says it). */
export const BODY_LIMIT = '1mb';
