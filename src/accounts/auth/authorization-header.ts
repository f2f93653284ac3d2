import { DetailMessages } from '../../common/errors/messages.js';

/** The scheme words accepted: `Bearer` for REST clients, `Token` for the original DRF client. */
const SCHEMES = new Set(['bearer', 'token']);

type AuthorizationHeader = { kind: 'token'; token: string } | { kind: 'missing' } | { kind: 'invalid'; reason: string };

/**
 * Reads `Authorization` as DRF's TokenAuthentication does: another scheme
 * counts as no credentials; a scheme with no token, or more than one word
 * after it, is a malformed header.
 */
export function parseAuthorizationHeader(header: string | undefined): AuthorizationHeader {
  const words = (header ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0 || !SCHEMES.has(words[0].toLowerCase())) return { kind: 'missing' };
  if (words.length === 1) return { kind: 'invalid', reason: DetailMessages.noCredentials };
  if (words.length > 2) {
    return { kind: 'invalid', reason: DetailMessages.tokenHasSpaces };
  }
  return { kind: 'token', token: words[1] };
}
