import { type CanActivate, createParamDecorator, type ExecutionContext, Injectable } from '@nestjs/common';
import type { AuthenticatedRequest } from '../accounts/token-auth.guard.js';
import { parseLeadId } from './lead-id.pipe.js';
import type { LeadView } from './leads.repository.js';
import { LeadsService } from './leads.service.js';

type LeadRequest = AuthenticatedRequest & { lead?: LeadView };

/**
 * Finds the caller's lead named by `:id` before the body is validated, as
 * DRF's get_object() does: another user's lead, a missing one or a non-id is
 * 404 whatever the body holds. Guards run before pipes; the token guard,
 * being global, runs before this one.
 */
@Injectable()
export class OwnedLeadGuard implements CanActivate {
  constructor(private readonly leads: LeadsService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<LeadRequest>();
    request.lead = await this.leads.get(request.user.user.id, parseLeadId(request.params.id));
    return true;
  }
}

/** The lead OwnedLeadGuard found. */
export const OwnedLead = createParamDecorator(
  (_data: unknown, context: ExecutionContext): LeadView => context.switchToHttp().getRequest<LeadRequest>().lead as LeadView,
);
