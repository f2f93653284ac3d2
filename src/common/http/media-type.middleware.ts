import { HttpStatus } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { detailError } from '../errors/api.exception.js';
import { DetailMessages } from '../errors/messages.js';

const METHODS_WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Bodies are JSON or URL-encoded forms, as DRF's parsers accept; anything else
 * sent to a route that reads a body is refused with 415 instead of being
 * silently read as empty.
 */
export function refuseUnsupportedMediaTypes(request: Request, _response: Response, next: NextFunction): void {
  if (METHODS_WITH_BODY.has(request.method) && hasBody(request) && !request.is(['json', '+json', 'urlencoded'])) {
    const type = (request.headers['content-type'] ?? '').split(';')[0].trim();
    return next(detailError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, DetailMessages.unsupportedMediaType(type)));
  }
  next();
}

function hasBody(request: Request): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}
