import { Global, Module } from '@nestjs/common';
import { Mailer } from './mailer.service.js';
import { Outbox } from './outbox.js';

/** Email out (EMAIL_URL, EMAIL_FROM), and the background work that sends it, which shutdown waits for. */
@Global()
@Module({
  providers: [Mailer, Outbox],
  exports: [Mailer, Outbox],
})
export class MailModule {}
