/** The reset token in a fragment such as `#token=<64 hex>`, or null. */
export function tokenFromFragment(hash: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token') || null;
}

/**
 * Takes the reset token out of the address bar, keeping the page and its
 * history entry, so it is not left in the history, a bookmark or a shared address.
 */
export function dropFragment(): void {
  if (location.hash !== '') history.replaceState(history.state, '', `${location.pathname}${location.search}`);
}
