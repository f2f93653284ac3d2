import type { NextFunction, Request, Response } from 'express';
import { routesAt } from './routes.js';

/**
 * `OPTIONS` on a known path answers 204 with the methods it takes in `Allow`,
 * as DRF does (CORS preflights, when CORS is on, are answered before this).
 */
export function answerOptions(expressApp: unknown) {
  return (request: Request, response: Response, next: NextFunction): void => {
    if (request.method !== 'OPTIONS') return next();
    const { methods } = routesAt(expressApp, request.path);
    if (methods.length === 0) return next();
    response.status(204).set('Allow', methods.join(', ')).end();
  };
}
