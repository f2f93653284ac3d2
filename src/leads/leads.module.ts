import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { READER } from '../database/data-source-options.js';
import { Lead } from './lead.entity.js';
import { LeadsController } from './leads.controller.js';
import { LeadsRepository } from './leads.repository.js';
import { LeadsService } from './leads.service.js';
import { OwnedLeadGuard } from './owned-lead.guard.js';

@Module({
  imports: [TypeOrmModule.forFeature([Lead]), TypeOrmModule.forFeature([Lead], READER)],
  controllers: [LeadsController],
  providers: [LeadsService, LeadsRepository, OwnedLeadGuard],
})
export class LeadsModule {}
