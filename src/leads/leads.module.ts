import { Module } from '@nestjs/common';
import { LeadsController } from './leads.controller.js';
import { LeadsRepository } from './leads.repository.js';
import { LeadsService } from './leads.service.js';
import { OwnedLeadGuard } from './owned-lead.guard.js';

@Module({
  controllers: [LeadsController],
  providers: [LeadsService, LeadsRepository, OwnedLeadGuard],
})
export class LeadsModule {}
