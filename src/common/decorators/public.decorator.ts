import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'isPublic';

/** Lets a route through the global token guard (register, login, health, docs). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
