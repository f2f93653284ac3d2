// The image's HEALTHCHECK (and compose's): exits 0 when GET /api/health
// answers 200, 1 otherwise (503 while the database is down or the server
// drains, no answer within 4 s, nothing listening). Node only: the image has
// no curl or wget.
const port = process.env.PORT || '8000';
const host = !process.env.HOST || ['0.0.0.0', '::'].includes(process.env.HOST) ? '127.0.0.1' : process.env.HOST;
const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/api/health`;
try {
  const response = await fetch(url, { signal: AbortSignal.timeout(4000) });
  process.exit(response.status === 200 ? 0 : 1);
} catch {
  process.exit(1);
}
