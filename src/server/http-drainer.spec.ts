import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
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

  beforeEach(async () => {
    // Each answer takes 200 ms, long enough to be caught in flight.
    server = createServer((_request, response) => void delay(200).then(() => response.end('done')));
    drainer = new HttpDrainer(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterEach(() => {
    if (server.listening) server.close();
  });

  it('finishes a request in flight, telling the client to close the connection', async () => {
    const inFlight = get(port);
    await delay(50);
    const drained = drainer.drain(5000);
    expect(await inFlight).toEqual({ status: 200, connection: 'close', body: 'done' });
    await drained;
    expect(server.listening).toBe(false);
  });

  it('still accepts and answers a connection that arrives while draining, then stops listening', async () => {
    const inFlight = get(port);
    await delay(50);
    const drained = drainer.drain(5000);
    const late = get(port);
    expect(await Promise.all([inFlight, late])).toEqual([
      { status: 200, connection: 'close', body: 'done' },
      { status: 200, connection: 'close', body: 'done' },
    ]);
    await drained;
    await expect(get(port)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('stops listening after listenForMs even if connections keep coming', async () => {
    let stop = false;
    const traffic = (async () => {
      while (!stop) {
        await get(port).catch(() => undefined);
      }
    })();
    await delay(50);
    const started = Date.now();
    await drainer.drain(400);
    stop = true;
    await traffic;
    expect(Date.now() - started).toBeLessThan(2000);
    expect(server.listening).toBe(false);
  });
});
