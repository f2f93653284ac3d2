import { Injectable, type PipeTransform } from '@nestjs/common';
import { notFound } from '../common/errors/api.exception.js';
import { MAX_INTEGER_ID } from '../database/limits.js';

/**
 * A lead id from the path. Anything that cannot be an id (`abc`, `0`, `0x1`,
 * an id too large for the database) answers 404 like a missing lead.
 */
export function parseLeadId(value: unknown): number {
  if (typeof value !== 'string' || !/^[1-9]\d{0,9}$/.test(value)) throw notFound();
  const id = Number(value);
  if (id > MAX_INTEGER_ID) throw notFound();
  return id;
}

@Injectable()
export class LeadIdPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    return parseLeadId(value);
  }
}
