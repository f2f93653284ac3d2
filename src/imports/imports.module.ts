import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { READER } from '../database/data-source-options.js';
import { LeadsModule } from '../leads/leads.module.js';
import { ExportService } from './export.service.js';
import { Import } from './import.entity.js';
import { ImportedLead } from './imported-lead.entity.js';
import { ImportsController } from './imports.controller.js';
import { ImportsRepository } from './imports.repository.js';
import { ImportsService } from './imports.service.js';

/** Leads in and out as CSV: the import with its undo, and the export. */
@Module({
  imports: [LeadsModule, TypeOrmModule.forFeature([Import, ImportedLead]), TypeOrmModule.forFeature([Import, ImportedLead], READER)],
  controllers: [ImportsController],
  providers: [ImportsService, ImportsRepository, ExportService],
  exports: [ImportsService, ExportService],
})
export class ImportsModule {}
