import { type INestApplication, Logger } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import expressStaticGzip from 'express-static-gzip';
import { existsSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The client's own policy: stricter than the one helmet sets for Swagger UI
 * (no inline styles, no https: sources), so that no request of the page
 * leaves its origin.
 */
export const WEB_CLIENT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "script-src-attr 'none'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'self'",
].join('; ');

const IMMUTABLE = 'public, max-age=31536000, immutable';
const REVALIDATE = 'no-cache';

/**
 * Where `npm run build` puts the client: `dist/web`, beside the compiled
 * server (`dist/src/web/` holds this file once compiled; under ts-jest it is
 * `src/web/`, and the client is still the built one in `dist/web`).
 */
export function builtClientFolder(): string {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  return basename(root) === 'dist' ? join(root, 'web') : join(root, 'dist', 'web');
}

const isApiPath = (path: string): boolean => path === '/api' || path.startsWith('/api/');

/** Only the files Vite names by content hash (everything under /assets/) may be cached for good. */
function setHeaders(response: ServerResponse, file: string): void {
  response.setHeader('Cache-Control', /[\\/]assets[\\/]/.test(file) ? IMMUTABLE : REVALIDATE);
  response.setHeader('Content-Security-Policy', WEB_CLIENT_CSP);
}

/**
 * Serves the built client at `/`: its files (the gzip or brotli copy the
 * build wrote, when the request accepts it), and `index.html` for every other
 * GET outside `/api/`, so that a reload on a client route works. `/api/...`
 * is left to the API, whose unknown routes stay JSON 404s.
 */
export function serveWebClient(app: INestApplication, folder = builtClientFolder()): void {
  if (!existsSync(join(folder, 'index.html'))) {
    new Logger('WebClient').warn('The web client is not built (npm run build builds it): serving the API only');
    return;
  }
  const files = expressStaticGzip(folder, {
    enableBrotli: true,
    orderPreference: ['br', 'gzip'],
    index: 'index.html',
    serveStatic: { cacheControl: false, setHeaders, fallthrough: true, redirect: false },
  });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || isApiPath(request.path)) return next();
    files(request, response, (error?: unknown) => {
      if (error) return next(error);
      const url = request.url;
      request.url = '/index.html';
      files(request, response, (fallbackError?: unknown) => {
        request.url = url;
        next(fallbackError);
      });
    });
  });
}
