import { Injectable } from '@nestjs/common';

/**
 * Set when SIGTERM or SIGINT arrives. While draining, health answers 503 so
 * that a load balancer stops sending traffic; requests are still served.
 */
@Injectable()
export class ShutdownState {
  draining = false;
}
