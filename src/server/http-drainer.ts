import type { Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { setImmediate as nextLoopTurn, setTimeout as delay } from 'node:timers/promises';

/** The server counts as drained once no request has run and no connection arrived for this long. */
const QUIET_MS = 300;
const POLL_MS = 50;

/**
 * Takes an HTTP server out of service without dropping a request. Closing
 * the listener at once (as stoppable or http-terminator do) resets the
 * connections still waiting in the kernel's accept queue, so the listener
 * stays open while draining: every request that arrives, on a new or an old
 * connection, is served in full with `Connection: close`. It closes once the
 * server has been quiet (nothing running, no new connection) for a moment,
 * or when half the time allowed for the whole shutdown has passed.
 */
export class HttpDrainer {
  private readonly sockets = new Set<Socket>();
  private readonly running = new Set<ServerResponse>();
  private lastActivity = Date.now();
  private draining = false;

  constructor(private readonly server: Server) {
    server.on('connection', (socket: Socket) => {
      this.lastActivity = Date.now();
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    // Before Express, so that every answer given while draining carries the header.
    server.prependListener('request', (_request, response: ServerResponse) => {
      this.lastActivity = Date.now();
      this.running.add(response);
      if (this.draining) response.setHeader('Connection', 'close');
      response.once('close', () => {
        this.running.delete(response);
        this.lastActivity = Date.now();
      });
    });
  }

  /**
   * Resolves once every request has been answered and every connection is
   * closed. `listenForMs` bounds how long new connections are still taken in.
   */
  async drain(listenForMs: number): Promise<void> {
    this.draining = true;
    for (const response of this.running) {
      if (!response.headersSent) response.setHeader('Connection', 'close');
    }
    const stopListeningAt = Date.now() + listenForMs;
    while (!(await this.isQuiet()) && Date.now() < stopListeningAt) await delay(POLL_MS);

    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    // Sockets with nothing running are idle keep-alive connections (or never sent a request): nothing to lose.
    this.closeIdleSockets();
    while (this.running.size > 0) await delay(POLL_MS);
    this.closeIdleSockets();
    await closed;
  }

  private async isQuiet(): Promise<boolean> {
    if (this.running.size > 0 || Date.now() - this.lastActivity < QUIET_MS) return false;
    // A timer can fire before the event loop polls for connections that queued while it was busy:
    // let one poll phase accept them first, then look again.
    await nextLoopTurn();
    return this.running.size === 0 && Date.now() - this.lastActivity >= QUIET_MS;
  }

  private closeIdleSockets(): void {
    const busy = new Set([...this.running].map((response) => response.socket));
    for (const socket of this.sockets) {
      if (!busy.has(socket)) socket.destroy();
    }
  }
}
