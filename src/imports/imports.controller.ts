import { Controller, Get, HttpCode, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentPrincipal } from '../accounts/auth/current-principal.decorator.js';
import type { Principal } from '../accounts/auth/principal.js';
import { notFound } from '../common/errors/api.exception.js';
import { ImportMessages } from '../common/errors/messages.js';
import { CSV_TYPES } from '../common/http/body.middleware.js';
import { ApiErrors } from '../common/openapi/api-errors.decorator.js';
import { TOKEN_SECURITY } from '../common/openapi/openapi.js';
import { MAX_IMPORT_BYTES } from '../config/settings.js';
import { MAX_INTEGER_ID } from '../database/limits.js';
import { ExportQueryDto } from './dto/export-query.dto.js';
import { ImportQueryDto } from './dto/import-query.dto.js';
import { ImportReportDto, ImportSummaryDto, UndoResultDto } from './dto/import-report.dto.js';
import { ExportService, exportFileName } from './export.service.js';
import { ImportsService } from './imports.service.js';

/** The route whose body is a CSV file (the body parser leaves it to the route). */
export const IMPORT_ROUTE = '/api/leads/import';

const fileError = (status: number, description: string, detail: string) =>
  ApiResponse({
    status,
    description,
    content: {
      'application/json': { schema: { $ref: '#/components/schemas/ErrorEnvelope' }, example: { msg: { detail }, status } },
    },
  });

/** Import and export of the caller's leads as CSV, and the imports made. */
@ApiTags('leads')
@ApiBearerAuth(TOKEN_SECURITY)
@ApiErrors(401)
@Controller('api/leads')
export class ImportsController {
  constructor(
    private readonly imports: ImportsService,
    private readonly exports: ExportService,
  ) {}

  @Get('export')
  @ApiOperation({
    summary: "The caller's leads as a CSV file",
    description:
      'Every lead the list shows for the same `search`, `status` and `ordering`, without paging, streamed: UTF-8 with a ' +
      'byte-order mark, the header row `id,name,email,message,status,source,created_at,updated_at`, CRLF line ends, RFC 4180 ' +
      "quoting. A field that begins with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'` (no spreadsheet " +
      'runs it as a formula); an import removes it.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({
    description: 'The file.',
    content: { 'text/csv': { schema: { type: 'string', format: 'binary' } } },
    headers: {
      'Content-Disposition': {
        description: 'attachment; filename="leads-YYYY-MM-DD.csv" (the date of the export, UTC)',
        schema: { type: 'string', maxLength: 50, pattern: '^attachment; filename="leads-\\d{4}-\\d{2}-\\d{2}\\.csv"$' },
      },
    },
  })
  @ApiErrors(400)
  async export(@CurrentPrincipal() { user }: Principal, @Query() query: ExportQueryDto, @Res() response: Response): Promise<void> {
    response.status(HttpStatus.OK);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="${exportFileName(new Date())}"`);
    // Private data, and a snapshot of the moment: no cache keeps it.
    response.setHeader('Cache-Control', 'no-store');
    try {
      await this.exports.write(user.id, { search: query.search, status: query.status, ordering: query.ordering }, response);
    } catch (error) {
      // A client that goes away part way is no failure of the server's.
      if ((error as NodeJS.ErrnoException).code !== 'ERR_STREAM_PREMATURE_CLOSE') throw error;
    }
  }

  @Post('import')
  @ApiOperation({
    summary: 'Import leads from a CSV file',
    description:
      'The body is the file itself (UTF-8, with or without a byte-order mark; comma, semicolon or tab as the first row shows; ' +
      'at most IMPORT_MAX_BYTES). The first row names the columns: `name` (or `full name`), `email` (or `e-mail`, ' +
      '`email address`), `message`, `status`, `source`, matched ignoring case, spaces, `_` and `-`. Valid rows are written ' +
      'in one transaction, invalid ones reported; `dry_run=true` writes nothing. 200 for a dry run, 201 otherwise.',
  })
  @ApiConsumes(...CSV_TYPES)
  @ApiBody({
    schema: { type: 'string', format: 'binary', maxLength: MAX_IMPORT_BYTES, description: 'The CSV file, at most IMPORT_MAX_BYTES.' },
  })
  @ApiOkResponse({ type: ImportReportDto, description: 'The dry run’s report: what the import would do.' })
  @ApiCreatedResponse({ type: ImportReportDto, description: 'The import’s report.' })
  @ApiErrors(400)
  @fileError(413, 'The file is larger than IMPORT_MAX_BYTES', ImportMessages.tooLarge('10 MiB'))
  async import(
    @CurrentPrincipal() { user }: Principal,
    @Query() query: ImportQueryDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<ImportReportDto> {
    const report = await this.imports.importFile(user.id, request, {
      mode: query.mode ?? 'create',
      dryRun: query.dry_run ?? false,
      declaredBytes: Number(request.headers['content-length'] ?? 0),
    });
    response.status(report.dry_run ? HttpStatus.OK : HttpStatus.CREATED);
    return report;
  }

  @Get('imports')
  @ApiOperation({
    summary: "The caller's imports that wrote something, newest first",
    description: 'Each with what it created and updated, and whether it was undone. Dry runs leave no import.',
  })
  @ApiOkResponse({ type: [ImportSummaryDto] })
  list(@CurrentPrincipal() { user }: Principal): Promise<ImportSummaryDto[]> {
    return this.imports.list(user.id);
  }

  @Post('imports/:id/undo')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Undo an import',
    description:
      'Deletes the leads it created and puts back the fields it updated, except on leads changed since, which are kept ' +
      'and counted. Another user’s import answers 404; an import undone before, 400.',
  })
  @ApiParam({ name: 'id', type: Number, example: 3 })
  @ApiOkResponse({ type: UndoResultDto })
  @fileError(400, 'The import was already undone', ImportMessages.alreadyUndone)
  @ApiErrors(404)
  undo(@CurrentPrincipal() { user }: Principal, @Param('id') id: string): Promise<UndoResultDto> {
    return this.imports.undo(user.id, parseImportId(id));
  }
}

/** Anything that cannot be an id names no import. */
function parseImportId(value: string): number {
  if (!/^[1-9]\d{0,9}$/.test(value) || Number(value) > MAX_INTEGER_ID) throw notFound();
  return Number(value);
}
