import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Writable } from 'node:stream';
import type { AccountsService } from '../accounts/accounts.service.js';
import type { User } from '../accounts/users/user.entity.js';
import type { ExportService } from '../imports/export.service.js';
import { ExportQueryDto } from '../imports/dto/export-query.dto.js';
import type { ImportMode } from '../imports/import.entity.js';
import { ApiValidationPipe } from '../common/validation/api-validation.pipe.js';
import type { ImportsService } from '../imports/imports.service.js';
import type { Output } from './admin-commands.js';
import { CliError } from './cli-error.js';

/**
 * `import-leads` and `export-leads`: the import and export of the API, for
 * one user named by username, through the same services, so the report and
 * the file are the API's.
 */
export class LeadFileCommands {
  constructor(
    private readonly accounts: AccountsService,
    private readonly imports: ImportsService,
    private readonly exports: ExportService,
    private readonly out: Output,
  ) {}

  /** Imports `path` for the user and prints the report (JSON, as the API answers it). */
  async importLeads(username: string, path: string, options: { mode: ImportMode; dryRun: boolean }): Promise<void> {
    const user = await this.user(username);
    // Opened first, so that a missing or unreadable file is one clear line.
    const file = await open(path).catch((error: NodeJS.ErrnoException) => {
      throw new CliError(`cannot read ${path}: ${error.code === 'ENOENT' ? 'no such file' : (error.code ?? error.message)}.`);
    });
    const report = await this.imports
      .importFile(user.id, createReadStream('', { fd: file.fd, autoClose: false }), options)
      .finally(() => file.close());
    this.out.write(`${JSON.stringify(report, null, 2)}\n`);
  }

  /** Writes the user's export to the output. */
  async exportLeads(username: string, options: { status?: string; search?: string; ordering?: string }): Promise<void> {
    const user = await this.user(username);
    // The API's own parameter rules and messages (`status: "x" is not a valid choice.`).
    const query = (await new ApiValidationPipe().transform(options, { type: 'query', metatype: ExportQueryDto })) as ExportQueryDto;
    await this.exports.write(
      user.id,
      { search: query.search, status: query.status, ordering: query.ordering },
      this.out instanceof Writable ? this.out : textWriter(this.out),
    );
  }

  private async user(username: string): Promise<User> {
    const user = await this.accounts.findUser(username);
    if (!user) throw new CliError(`no user named ${JSON.stringify(username)}.`);
    return user;
  }
}

/** An output that takes text (a test's), as a stream the export can write to. */
function textWriter(out: Output): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      out.write(chunk.toString('utf8'));
      done();
    },
  });
}
