import { request } from 'node:http';

export interface Answer {
  status: number;
  /** The `Connection` response header. */
  connection: string | undefined;
  body: unknown;
}

export interface Call {
  method: string;
  path: string;
  body?: unknown;
  token?: string;
  /** Ask to keep the connection open (`Connection: keep-alive`), so that a `close` in the answer is the server's choice. */
  keepAlive?: boolean;
}

/**
 * One request on a connection of its own (no pooling), as many separate
 * clients would send it. Resolves with the complete answer; rejects with the
 * socket error (`ECONNRESET`, `ECONNREFUSED`, ...) when there is none.
 */
export function callOnNewConnection(baseUrl: string, call: Call): Promise<Answer> {
  const payload = call.body === undefined ? undefined : JSON.stringify(call.body);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      `${baseUrl}${call.path}`,
      {
        method: call.method,
        agent: false,
        headers: {
          Connection: call.keepAlive ? 'keep-alive' : 'close',
          ...(payload === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) }),
          ...(call.token ? { Authorization: `Bearer ${call.token}` } : {}),
        },
      },
      (incoming) => {
        let text = '';
        incoming.setEncoding('utf8');
        incoming.on('data', (chunk: string) => (text += chunk));
        incoming.on('error', reject);
        incoming.on('end', () => {
          if (!incoming.complete) return reject(new Error('incomplete response'));
          resolve({
            status: incoming.statusCode ?? 0,
            connection: incoming.headers.connection,
            body: text === '' ? null : (JSON.parse(text) as unknown),
          });
        });
      },
    );
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

/** The outcome of each call: its answer, or the error code that took its place. */
export function settleAll(calls: Promise<Answer>[]): Promise<(Answer | { error: string })[]> {
  return Promise.all(calls.map((call) => call.catch((error: NodeJS.ErrnoException) => ({ error: error.code ?? error.message }))));
}
