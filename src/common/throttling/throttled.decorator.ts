import { SetMetadata } from '@nestjs/common';

export const THROTTLED = 'throttled';

/**
 * Puts a route under the shared abuse budget (THROTTLE_AUTH_PER_MINUTE per
 * client IP): register, login, and the routes that check a password.
 */
export const Throttled = () => SetMetadata(THROTTLED, true);
