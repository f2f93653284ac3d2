import { HttpStatus } from '@nestjs/common';
import express, { type NextFunction, type Request, type Response } from 'express';
import { detailError } from '../errors/api.exception.js';
import { DetailMessages } from '../errors/messages.js';

/** The largest body accepted (`DetailMessages.bodyTooLarge` says it). */
const BODY_LIMIT = '1mb';
const JSON_TYPES = ['application/json', '+json'];
/** Methods whose body is read, whatever the route (the OpenAPI document lists 413 and 415 on exactly these). */
export const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const METHODS_WITH_CHECKED_BODY = new Set(['POST', 'PUT', 'PATCH']);
/** The media types a CSV file is sent with, as browsers and tools label it. */
export const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain', 'text/tab-separated-values', 'application/vnd.ms-excel'];

export interface BodyOptions {
  /** Routes whose body is a CSV file, which the route reads itself as a stream (a trailing slash matches too). */
  csvRoutes?: string[];
}

/**
 * Reads JSON and URL-encoded form bodies, as DRF's parsers accept. Anything
 * else sent to a route that reads a body is refused with 415 instead of being
 * silently read as empty. Requests without a body (every GET) pass straight on.
 * A route of `csvRoutes` gets its CSV body unread (and anything else refused with 415).
 */
export function parseBody({ csvRoutes = [] }: BodyOptions = {}) {
  const readsCsv = new Set(csvRoutes);
  // Not strict: `null` or `[]` is valid JSON, refused by the validation pipe with DRF's non_field_errors.
  const parseJson = express.json({ limit: BODY_LIMIT, type: JSON_TYPES, strict: false });
  const parseForm = express.urlencoded({ limit: BODY_LIMIT, extended: false });
  return (request: Request, response: Response, next: NextFunction): void => {
    if (!METHODS_WITH_BODY.has(request.method) || !hasBody(request)) return next();
    if (readsCsv.has(request.path.replace(/(.)\/$/, '$1'))) {
      return request.is(CSV_TYPES) ? next() : next(unsupported(request));
    }
    if (request.is(JSON_TYPES)) return parseJson(request, response, next);
    if (request.is('urlencoded')) return parseForm(request, response, next);
    if (!METHODS_WITH_CHECKED_BODY.has(request.method)) return next();
    next(unsupported(request));
  };
}

function unsupported(request: Request) {
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim();
  return detailError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, DetailMessages.unsupportedMediaType(type));
}

function hasBody(request: Request): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}
