import { Global, Module } from '@nestjs/common';
import { Clock } from './clock.js';

/** The one clock of the app and the admin CLI. */
@Global()
@Module({
  providers: [Clock],
  exports: [Clock],
})
export class ClockModule {}
