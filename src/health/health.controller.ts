import { Controller, Get, HttpStatus } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheckService } from '@nestjs/terminus';
import { Public } from '../common/decorators/public.decorator.js';
import { detailError } from '../common/errors/api.exception.js';
import { DetailMessages } from '../common/errors/messages.js';
import { ApiErrors } from '../common/openapi/api-errors.decorator.js';
import { DatabaseHealthIndicator } from './database.health.js';
import { ShutdownState } from './shutdown.state.js';
import { HealthResponseDto } from './dto/health-response.dto.js';
import { RedisHealth } from './redis.health.js';

@ApiTags('service')
@Controller('api/health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly redis: RedisHealth,
    private readonly shutdown: ShutdownState,
  ) {}

  /**
   * 200 while the database answers a ping; 503 (in the error envelope) when it
   * does not or the server is shutting down. Redis down is still 200.
   */
  @Public()
  @Get()
  @ApiOperation({
    summary: 'Liveness and database reachability',
    description: 'For load balancers: 503 while the database does not answer or the server is shutting down.',
  })
  @ApiOkResponse({ type: HealthResponseDto })
  @ApiErrors(503)
  async check(): Promise<HealthResponseDto> {
    if (this.shutdown.draining) throw detailError(HttpStatus.SERVICE_UNAVAILABLE, DetailMessages.shuttingDown);
    const redis = this.redis.status();
    try {
      await this.health.check([() => this.database.ping('db')]);
    } catch {
      throw detailError(HttpStatus.SERVICE_UNAVAILABLE, DetailMessages.databaseDown);
    }
    return { status: 'ok', db: 'up', ...(await redis) };
  }
}
