import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class HealthResponseDto {
  @ApiProperty({ example: 'ok', enum: ['ok'] })
  status: 'ok';

  @ApiProperty({ example: 'up', enum: ['up'] })
  db: 'up';

  @ApiPropertyOptional({ description: 'Only when REDIS_URL is set; down still answers 200 (served unthrottled)', enum: ['up', 'down'] })
  redis?: 'up' | 'down';
}
