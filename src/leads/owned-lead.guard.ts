import { type CanActivate, createParamDecorator, type ExecutionContext, Injectable } from '@nestjs/common';
import type { AuthenticatedRequest } from '../accounts/auth/principal.js';
import { notFound } from '../common/errors/api.exception.js';
import { MAX_INTEGER_ID } from '../database/limits.js';
import type { LeadRecord } from './leads.repository.js';
import { LeadsService } from './leads.service.js';

type LeadRequest = AuthenticatedRequest & { lead?: LeadRecord };

/**
 * The one way into a lead named by `:id`: the caller's lead is found before
 * the body is validated, as DRF's get_object() does, so another user's lead,
 * a missing one or a non-id is 404 whatever the body holds. Guards run before
 * pipes; the bearer guard, being global, runs before this one.
 */
@Injectable()
export class OwnedLeadGuard implements CanActivate {
  constructor(private readonly leads: LeadsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<LeadRequest>();
    request.lead = await this.leads.get(request.user.user.id, parseId(request.params.id));
    return true;
  }
}

/** The lead OwnedLeadGuard found. */
export const OwnedLead = createParamDecorator(
  (_data: unknown, context: ExecutionContext): LeadRecord => context.switchToHttp().getRequest<LeadRequest>().lead as LeadRecord,
);

/** Anything that cannot be an id (`abc`, `0`, `0x1`, an id too large for the database) names no lead (or note): 404. */
export function parseId(value: unknown): number {
  if (typeof value !== 'string' || !/^[1-9]\d{0,9}$/.test(value)) throw notFound();
  const id = Number(value);
  if (id > MAX_INTEGER_ID) throw notFound();
  return id;
}
