interface RouteLayer {
  route?: { methods: Record<string, boolean> };
  match(path: string): boolean;
}

interface ExpressApp {
  router?: { stack: RouteLayer[] };
}

/**
 * The methods Express has routes for at `path`, so a known path called with
 * the wrong method answers 405 with an Allow header rather than 404.
 */
export function allowedMethods(expressApp: unknown, path: string): string[] {
  const methods = new Set<string>();
  for (const layer of (expressApp as ExpressApp).router?.stack ?? []) {
    if (!layer.route || !layer.match(path)) continue;
    for (const [method, enabled] of Object.entries(layer.route.methods)) {
      if (enabled && method !== '_all') methods.add(method.toUpperCase());
    }
  }
  if (methods.has('GET')) methods.add('HEAD');
  if (methods.size > 0) methods.add('OPTIONS');
  return [...methods];
}
