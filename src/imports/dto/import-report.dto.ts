import { ApiProperty } from '@nestjs/swagger';
import { ID_PROPERTY } from '../../common/openapi/properties.js';
import { CSV_LIMITS } from '../csv/csv-reader.js';
import { IMPORT_FIELDS } from '../csv/lead-columns.js';
import { MAX_REPORTED_ERRORS } from '../import-run.js';
import { IMPORT_MODES, type ImportMode } from '../import.entity.js';

const FIELD_MESSAGES = { type: 'array', maxItems: 10, items: { type: 'string', maxLength: 200 } } as const;
const COUNT = { type: 'integer', format: 'int32', minimum: 0, maximum: 2_147_483_647 } as const;

/** A failed row: its number as a spreadsheet shows it, and the field errors of the lead rules. */
export class ImportRowErrorDto {
  @ApiProperty({ ...COUNT, minimum: 2, example: 7, description: 'The row as a spreadsheet numbers it: the header is row 1.' })
  row: number;

  @ApiProperty({
    type: 'object',
    properties: Object.fromEntries(IMPORT_FIELDS.map((field) => [field, FIELD_MESSAGES])),
    additionalProperties: false,
    example: { email: ['Enter a valid email address.'] },
    description: 'Field errors, as the lead routes give them.',
  })
  errors: Record<string, string[]>;
}

/** What an import did, or (a dry run) would do. */
export class ImportReportDto {
  @ApiProperty({ ...ID_PROPERTY, nullable: true, example: 3, description: 'The import, to undo it; null for a dry run.' })
  id: number | null;

  @ApiProperty({ example: false })
  dry_run: boolean;

  @ApiProperty({ type: String, enum: [...IMPORT_MODES], example: 'create' })
  mode: ImportMode;

  @ApiProperty({ ...COUNT, example: 120, description: 'Rows read, blank rows left out.' })
  rows: number;

  @ApiProperty({ ...COUNT, example: 100 })
  created: number;

  @ApiProperty({ ...COUNT, example: 0 })
  updated: number;

  @ApiProperty({ ...COUNT, example: 5, description: 'Rows of mode `update` that changed nothing.' })
  unchanged: number;

  @ApiProperty({
    ...COUNT,
    example: 10,
    description: 'Rows whose email an earlier row had, and in mode `create` rows whose email is already a lead.',
  })
  skipped: number;

  @ApiProperty({ ...COUNT, example: 5 })
  failed: number;

  @ApiProperty({ type: [ImportRowErrorDto], maxItems: MAX_REPORTED_ERRORS, description: `The first ${MAX_REPORTED_ERRORS} failed rows.` })
  errors: ImportRowErrorDto[];

  @ApiProperty({
    type: 'array',
    items: { type: 'string', maxLength: CSV_LIMITS.rowCharacters },
    maxItems: CSV_LIMITS.columns,
    example: ['Phone'],
    description: 'Headings of the columns that were not read.',
  })
  ignored_columns: string[];
}

/** One import in the list. */
export class ImportSummaryDto {
  @ApiProperty({ ...ID_PROPERTY, example: 3 })
  id: number;

  @ApiProperty({ type: String, format: 'date-time', maxLength: 24, example: '2026-11-24T04:41:14.123Z' })
  created_at: string;

  @ApiProperty({ type: String, enum: [...IMPORT_MODES], example: 'create' })
  mode: ImportMode;

  @ApiProperty({ ...COUNT, example: 100 })
  created: number;

  @ApiProperty({ ...COUNT, example: 0 })
  updated: number;

  @ApiProperty({ example: false })
  undone: boolean;
}

/** What an undo did. */
export class UndoResultDto {
  @ApiProperty({ ...COUNT, example: 100, description: 'Leads the import created, deleted.' })
  deleted: number;

  @ApiProperty({ ...COUNT, example: 3, description: 'Leads the import updated, put back as they were.' })
  restored: number;

  @ApiProperty({ ...COUNT, example: 2, description: 'Leads changed since the import, left as they are.' })
  kept: number;
}
