import { SetMetadata } from '@nestjs/common';

export const LOGIN_ATTEMPT = 'loginAttempt';

/**
 * Marks the login route, so that a refusal before the handler runs (the
 * per-IP throttle) is counted in `lead_manager_logins_total` too.
 */
export const LoginAttempt = () => SetMetadata(LOGIN_ATTEMPT, true);
