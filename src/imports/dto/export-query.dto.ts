import { PickType } from '@nestjs/swagger';
import { ListLeadsQueryDto } from '../../leads/dto/list-leads-query.dto.js';

/** The parameters of GET /api/leads/export: the list's `search`, `status` and `ordering`, with its rules and messages. */
export class ExportQueryDto extends PickType(ListLeadsQueryDto, ['search', 'status', 'ordering'] as const) {}
