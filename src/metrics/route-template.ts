interface RouteLayer {
  route?: { path: unknown };
  match(path: string): boolean;
}

interface ExpressApp {
  router?: { stack: RouteLayer[] };
}

export const UNMATCHED = 'unmatched';

/**
 * The template of the route serving `path` (`/api/leads/:id`), or
 * `unmatched`; never the path itself, so label values stay a small fixed set.
 * Routing has normally named it (`request.route`); this is for the answers
 * given before or without routing: a 405, or a body refused by the parser.
 */
export function routeTemplateFor(expressApp: unknown, path: string): string {
  for (const layer of (expressApp as ExpressApp).router?.stack ?? []) {
    if (layer.route && typeof layer.route.path === 'string' && layer.match(path)) return layer.route.path;
  }
  return UNMATCHED;
}
