import { Writable } from 'node:stream';
import { leadRecord } from '../../test/support/lead-records.js';
import type { LeadListParameters, LeadsService } from '../leads/leads.service.js';
import { ExportService } from './export.service.js';

/** An owner with `pages` pages of two leads; notes each page read in `events`. */
function pagedLeads(pages: number, events: string[]): LeadsService {
  const list = (_owner: number, { cursor }: LeadListParameters): ReturnType<LeadsService['list']> => {
    const index = cursor === undefined ? 0 : Number(cursor);
    events.push(`page ${index}`);
    const next = index + 1 < pages ? String(index + 1) : null;
    return Promise.resolve({ leads: [leadRecord(2 * index + 1), leadRecord(2 * index + 2)], next });
  };
  return { list } as unknown as LeadsService;
}

/** A destination that takes every chunk at once, as a client reading as fast as the server writes. */
function eagerDestination(chunks: Buffer[]): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
}

describe('ExportService', () => {
  it('lets other work run between pages when the destination never makes it wait', async () => {
    const events: string[] = [];
    const chunks: Buffer[] = [];
    const exporting = new ExportService(pagedLeads(4, events)).write(1, {}, eagerDestination(chunks));
    setImmediate(() => events.push('other work'));
    await exporting;

    expect(events.indexOf('other work')).toBeGreaterThan(0);
    expect(events.indexOf('other work')).toBeLessThan(events.indexOf('page 3'));
    const lines = Buffer.concat(chunks).toString('utf8').split('\r\n');
    expect(lines.slice(1, -1).map((line) => line.split(',')[0])).toEqual(['1', '2', '3', '4', '5', '6', '7', '8']);
  });
});
