const running = new Map<string, { key: string; abort: () => void }>();

/**
 * Makes a request the one that counts on its channel (the lead list, its
 * counts): a request still running there for another key (another search)
 * is stale, and is aborted. Call the returned function when the request ends.
 */
export function supersede(channel: string, key: string, abort: () => void): () => void {
  const earlier = running.get(channel);
  if (earlier && earlier.key !== key) earlier.abort();
  const mine = { key, abort };
  running.set(channel, mine);
  return () => {
    if (running.get(channel) === mine) running.delete(channel);
  };
}
