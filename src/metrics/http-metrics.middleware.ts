import type { NextFunction, Request, Response } from 'express';
import type { Histogram } from 'prom-client';
import { routesAt } from '../common/http/routes.js';

type Labels = 'method' | 'route' | 'status_code';
type Timer = ReturnType<Histogram<Labels>['labels']>;

/** The route label of a request no route matches: never the path itself, so label values stay a small fixed set. */
export const UNMATCHED = 'unmatched';

/**
 * Observes every response in `http_request_duration_seconds`, labelled by
 * method, route template and status. Registered first, so the time covers
 * every other middleware too. The labelled child of each label set is kept,
 * so a request costs one map lookup and one observation.
 */
export function httpMetrics(histogram: Histogram<Labels>, expressApp: unknown) {
  const children = new Map<string, Timer>();
  const childFor = (method: string, route: string, status: number): Timer => {
    const key = `${method} ${status} ${route}`;
    let child = children.get(key);
    if (!child) {
      child = histogram.labels(method, route, String(status));
      children.set(key, child);
    }
    return child;
  };
  return (request: Request, response: Response, next: NextFunction): void => {
    const start = process.hrtime.bigint();
    response.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const routed = request.route as { path?: unknown } | undefined;
      const route =
        typeof routed?.path === 'string' ? routed.path : (routesAt(expressApp, request.originalUrl.split('?', 1)[0]).template ?? UNMATCHED);
      childFor(request.method, route, response.statusCode).observe(seconds);
    });
    next();
  };
}
