import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Helmet's headers, worked out once per process. Helmet's own middleware
 * runs its 13 inner middlewares on every request, though with static options
 * (no CSP nonce) not one of them looks at the request. So helmet runs once,
 * here, against a response that records what it is told; each request then
 * gets exactly the recorded headers.
 */
export function securityHeaders(options: HelmetOptions) {
  const headers: [string, string][] = [];
  const removed: string[] = [];
  const recorder = {
    setHeader: (name: string, value: string) => headers.push([name, value]),
    removeHeader: (name: string) => removed.push(name),
  };
  let finished = false;
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    if (error) throw error instanceof Error ? error : new Error('helmet failed', { cause: error });
    finished = true;
  });
  if (!finished) throw new Error('helmet did not finish at once: its headers depend on the request');

  return (_request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    for (const [name, value] of headers) response.setHeader(name, value);
    for (const name of removed) response.removeHeader(name);
    next();
  };
}
