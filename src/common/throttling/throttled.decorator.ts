import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiExtension } from '@nestjs/swagger';

export const THROTTLED = 'throttled';
/** Marks the operation in the OpenAPI document, which then lists the RateLimit headers on its answers. */
export const THROTTLED_EXTENSION = 'x-throttled';

/**
 * Puts a route under the shared abuse budget (THROTTLE_AUTH_PER_MINUTE per
 * client IP): register, login, and the routes that check a password.
 */
export const Throttled = () => applyDecorators(SetMetadata(THROTTLED, true), ApiExtension(THROTTLED_EXTENSION, true));
