import { Injectable } from '@nestjs/common';

/**
 * Whether the process is shutting down. While it is, health answers 503 so
 * that a load balancer stops sending traffic; requests are still served.
 */
@Injectable()
export class DrainingState {
  private shuttingDown = false;

  get draining(): boolean {
    return this.shuttingDown;
  }

  begin(): void {
    this.shuttingDown = true;
  }
}
