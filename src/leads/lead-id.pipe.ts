import { Injectable, type PipeTransform } from '@nestjs/common';
import { notFound } from '../common/errors/api.exception.js';

/** Largest id an `integer` column holds on PostgreSQL (and the SQLite schema mirrors it). */
const MAX_ID = 2_147_483_647;

/**
 * A lead id from the path. Anything that cannot be an id (`abc`, `0`, an id
 * too large for the database) answers 404 like a missing lead.
 */
@Injectable()
export class LeadIdPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^[1-9]\d{0,9}$/.test(value)) throw notFound();
    const id = Number(value);
    if (id > MAX_ID) throw notFound();
    return id;
  }
}
