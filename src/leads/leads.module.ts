import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { READER } from '../database/data-source-options.js';
import { LeadActivity } from './activity/lead-activity.entity.js';
import { LeadActivityController } from './activity/lead-activity.controller.js';
import { LeadActivityRepository } from './activity/lead-activity.repository.js';
import { LeadActivityService } from './activity/lead-activity.service.js';
import { LeadNote } from './activity/lead-note.entity.js';
import { Lead } from './lead.entity.js';
import { LeadsController } from './leads.controller.js';
import { LeadsRepository } from './leads.repository.js';
import { LeadsService } from './leads.service.js';
import { OwnedLeadGuard } from './owned-lead.guard.js';

@Module({
  imports: [TypeOrmModule.forFeature([Lead, LeadNote, LeadActivity]), TypeOrmModule.forFeature([Lead, LeadNote, LeadActivity], READER)],
  controllers: [LeadsController, LeadActivityController],
  providers: [LeadsService, LeadsRepository, LeadActivityRepository, LeadActivityService, OwnedLeadGuard],
  exports: [LeadsService, LeadsRepository, LeadActivityRepository],
})
export class LeadsModule {}
