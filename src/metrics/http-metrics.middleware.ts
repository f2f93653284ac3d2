import type { NextFunction, Request, Response } from 'express';
import type { Histogram } from 'prom-client';
import { routesAt } from '../common/http/routes.js';

type Labels = 'method' | 'route' | 'status_code';
type Child = ReturnType<Histogram<Labels>['labels']>;

/** The route label of a request no route matches: never the path itself, so label values stay a small fixed set. */
export const UNMATCHED = 'unmatched';

/** When the response's request arrived (performance.now()), kept on the response itself. */
const ARRIVED = Symbol('arrived');
type TimedResponse = Response & { [ARRIVED]: number };

/**
 * Observes every response in `http_request_duration_seconds`, labelled by
 * method, route template and status. Registered first, so the time covers
 * every other middleware too.
 *
 * It runs on every request, so it allocates nothing there: the arrival time
 * is a number kept on the response, the 'finish' listener is one function
 * shared by every response, the route template is the one routing named
 * (`request.route`; the walk of the route stack only for answers given
 * without routing: a 404, a 405, a body refused by the parser), and the
 * labelled child of each label set is kept, found by three map lookups on
 * strings and a number that already exist. What remains is prom-client's
 * own observation.
 */
export function httpMetrics(histogram: Histogram<Labels>, expressApp: unknown) {
  /** route template → method → status → the labelled child. */
  const children = new Map<string, Map<string, Map<number, Child>>>();

  const childFor = (route: string, method: string, status: number): Child => {
    let byMethod = children.get(route);
    if (!byMethod) {
      byMethod = new Map<string, Map<number, Child>>();
      children.set(route, byMethod);
    }
    let byStatus = byMethod.get(method);
    if (!byStatus) {
      byStatus = new Map<number, Child>();
      byMethod.set(method, byStatus);
    }
    let child = byStatus.get(status);
    if (!child) {
      child = histogram.labels(method, route, String(status));
      byStatus.set(status, child);
    }
    return child;
  };

  function observe(this: TimedResponse): void {
    const seconds = (performance.now() - this[ARRIVED]) / 1000;
    const request = this.req;
    const routed = request.route as { path?: unknown } | undefined;
    const route =
      typeof routed?.path === 'string' ? routed.path : (routesAt(expressApp, request.originalUrl.split('?', 1)[0]).template ?? UNMATCHED);
    childFor(route, request.method, this.statusCode).observe(seconds);
  }

  return (request: Request, response: Response, next: NextFunction): void => {
    (response as TimedResponse)[ARRIVED] = performance.now();
    response.on('finish', observe);
    next();
  };
}
