import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpDrainer } from './http-drainer.js';

interface Answer {
  status: number;
  connection: string | undefined;
  body: string;
}

/** A keep-alive request, so that `Connection: close` in the answer is the server's doing. */
function get(port: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ port, host: '127.0.0.1', path: '/', agent: false, headers: { Connection: 'keep-alive' } }, (incoming) => {
      let body = '';
      incoming.on('data', (chunk) => (body += chunk));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, connection: incoming.headers.connection, body }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('HttpDrainer', () => {
  let server: Server;
  let drainer: HttpDrainer;
  let port: number;
  /** Answers the server holds back until the test lets them go, so a request is in flight for as long as the test needs. */
  let held: (() => void)[];
  let holding: boolean;
  let arrivals: (() => void)[];

  /** Resolves once the server holds `count` requests. */
  const holdingRequests = (count: number) =>
    new Promise<void>((resolve) => {
      const check = () => (held.length >= count ? resolve() : arrivals.push(check));
      check();
    });
  const release = () => {
    holding = false;
    for (const answer of held.splice(0)) answer();
  };

  beforeEach(async () => {
    held = [];
    holding = true;
    arrivals = [];
    server = createServer((_request, response) => {
      const answer = () => response.end('done');
      if (!holding) return answer();
      held.push(answer);
      for (const arrived of arrivals.splice(0)) arrived();
    });
    drainer = new HttpDrainer(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterEach(() => {
    if (server.listening) server.close();
  });

  it('finishes a request in flight, telling the client to close the connection', async () => {
    const inFlight = get(port);
    await holdingRequests(1);
    const drained = drainer.drain(5000);
    release();
    expect(await inFlight).toEqual({ status: 200, connection: 'close', body: 'done' });
    await drained;
    expect(server.listening).toBe(false);
  });

  it('still accepts and answers a connection that arrives while draining, then stops listening', async () => {
    const inFlight = get(port);
    await holdingRequests(1);
    const drained = drainer.drain(5000);
    const late = get(port);
    await holdingRequests(2);
    release();
    expect(await Promise.all([inFlight, late])).toEqual([
      { status: 200, connection: 'close', body: 'done' },
      { status: 200, connection: 'close', body: 'done' },
    ]);
    await drained;
    await expect(get(port)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('stops listening after listenForMs even if connections keep coming', async () => {
    release(); // every answer at once
    let stop = false;
    const traffic = (async () => {
      while (!stop) {
        await get(port).catch(() => undefined);
      }
    })();
    const started = Date.now();
    await drainer.drain(400);
    stop = true;
    await traffic;
    expect(Date.now() - started).toBeLessThan(2000);
    expect(server.listening).toBe(false);
  });
});
