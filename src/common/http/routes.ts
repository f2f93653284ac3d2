interface RouteLayer {
  route?: { path: unknown; methods: Record<string, boolean> };
  match(path: string): boolean;
}

interface ExpressApp {
  router?: { stack: RouteLayer[] };
}

/** What Express's routes say about one path. */
export interface RoutesAt {
  /** The template of the first route matching the path (`/api/leads/:id`); undefined when none does. */
  template: string | undefined;
  /** The methods the routes matching the path take, with HEAD beside GET and OPTIONS beside any; empty when none does. */
  methods: string[];
}

/**
 * The one walk of Express's router stack: for a path routing did not serve
 * (`request.route` is unset), the route template it falls under and the
 * methods it takes, so that a known path called with the wrong method answers
 * 405 with an Allow header rather than 404, and its metrics are labelled by
 * template rather than by raw path. A walk tests every route's pattern: a
 * routed request reads `request.route` instead.
 */
export function routesAt(expressApp: unknown, path: string): RoutesAt {
  let template: string | undefined;
  const methods = new Set<string>();
  for (const layer of (expressApp as ExpressApp).router?.stack ?? []) {
    if (!layer.route || !layer.match(path)) continue;
    if (template === undefined && typeof layer.route.path === 'string') template = layer.route.path;
    for (const [method, enabled] of Object.entries(layer.route.methods)) {
      if (enabled && method !== '_all') methods.add(method.toUpperCase());
    }
  }
  if (methods.has('GET')) methods.add('HEAD');
  if (methods.size > 0) methods.add('OPTIONS');
  return { template, methods: [...methods] };
}
