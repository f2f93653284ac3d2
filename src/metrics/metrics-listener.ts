import { createServer, type Server } from 'node:http';
import { once } from 'node:events';

export interface Exposition {
  contentType: string;
  render(): Promise<string>;
}

/**
 * The metrics listener: its own server on `host:port`, apart from the API's,
 * answering `GET /metrics` in Prometheus's text format and 404 to anything
 * else. No middleware, no authentication: it belongs on a private network.
 */
export async function listenForScrapes(exposition: Exposition, host: string, port: number): Promise<Server> {
  const server = createServer((request, response) => {
    const path = (request.url ?? '').split('?', 1)[0];
    if (path !== '/metrics' || (request.method !== 'GET' && request.method !== 'HEAD')) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found: scrape GET /metrics\n');
      return;
    }
    exposition.render().then(
      (body) => response.writeHead(200, { 'Content-Type': exposition.contentType }).end(request.method === 'HEAD' ? undefined : body),
      (error: unknown) =>
        response
          .writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' })
          .end(`Metrics could not be collected: ${error instanceof Error ? error.message : String(error)}\n`),
    );
  });
  server.listen(port, host);
  await once(server, 'listening');
  // Scrapes are short: an idle keep-alive connection must not hold shutdown back.
  server.keepAliveTimeout = 5_000;
  return server;
}
