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
  return send(baseUrl, call, false).answer;
}

/**
 * A call as `callOnNewConnection` makes it, sent with `Expect: 100-continue`:
 * `received` resolves once the server has read its headers (Node's server
 * answers `100 Continue` as it takes the request in), and only then does the
 * body go. A test that must act while the server holds a request waits for
 * that instead of for a length of time.
 */
export function sendOnNewConnection(baseUrl: string, call: Call): { received: Promise<void>; answer: Promise<Answer> } {
  return send(baseUrl, call, true);
}

function send(baseUrl: string, call: Call, expectContinue: boolean): { received: Promise<void>; answer: Promise<Answer> } {
  const payload = call.body === undefined ? undefined : JSON.stringify(call.body);
  let markReceived: () => void = () => undefined;
  let failReceived: (error: Error) => void = () => undefined;
  const received = new Promise<void>((resolve, reject) => {
    markReceived = resolve;
    failReceived = reject;
  });
  // A call that fails is reported by its answer; `received` must not also surface as unhandled.
  received.catch(() => undefined);
  const answer = new Promise<Answer>((resolve, reject) => {
    const outgoing = request(
      `${baseUrl}${call.path}`,
      {
        method: call.method,
        agent: false,
        headers: {
          Connection: call.keepAlive ? 'keep-alive' : 'close',
          ...(expectContinue ? { Expect: '100-continue' } : {}),
          ...(payload === undefined ? {} : { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) }),
          ...(call.token ? { Authorization: `Bearer ${call.token}` } : {}),
        },
      },
      (incoming) => {
        markReceived();
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
    outgoing.on('error', (error) => {
      failReceived(error);
      reject(error);
    });
    if (expectContinue) {
      outgoing.flushHeaders();
      outgoing.on('continue', () => {
        markReceived();
        outgoing.end(payload);
      });
    } else {
      markReceived();
      outgoing.end(payload);
    }
  });
  return { received, answer };
}

/** The outcome of each call: its answer, or the error code that took its place. */
export function settleAll(calls: Promise<Answer>[]): Promise<(Answer | { error: string })[]> {
  return Promise.all(calls.map((call) => call.catch((error: NodeJS.ErrnoException) => ({ error: error.code ?? error.message }))));
}
