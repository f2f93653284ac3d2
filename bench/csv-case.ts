/**
 * The CSV case of `npm run bench`: an import of 100,000 rows (about 8 MB)
 * into an empty account, and an export of an account holding 1,000,000
 * leads, each timed from the client and watched on the server (RSS sampled
 * while it runs; the import's peak also from VmHWM when it set a new one).
 * The export starts once the server's RSS has settled after the import.
 */
import { performance } from 'node:perf_hooks';
import type { BudgetLine } from './report.js';
import { ProcessWatch, quiesce, readMemory, settledRssMb } from './processes.js';
import type { Account, Api } from './seed.js';

export const IMPORT_ROWS = 100_000;
const STATUSES = ['new', 'contacted', 'qualified', 'won', 'lost'];

export interface CsvFigures {
  import: { rows: number; bytes: number; seconds: number; peakRssMb: number; created: number } | null;
  export: { rows: number; bytes: number; seconds: number; rowsPerSecond: number; firstByteMs: number; rssGrowthMb: number } | null;
}

/** A file like a team's spreadsheet: every column, accents, some quoting; about 80 bytes a row. */
export function importFile(rows: number): Buffer {
  const lines = ['Name,Email,Message,Status,Source,Phone'];
  for (let i = 0; i < rows; i++) {
    const message = i % 10 === 0 ? `"Met at the fair, stand ${i}"` : `Called on day ${i % 365}`;
    lines.push(`Lead Élodie ${i},lead${i}@import.bench.example,${message},${STATUSES[i % 5]},Fair ${i % 7},555-${i}`);
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

export async function measureImport(api: Api, pid: number, say: (line: string) => void): Promise<CsvFigures['import']> {
  const account = await api.register('csv-import');
  const file = importFile(IMPORT_ROWS);
  await quiesce(pid);
  const hwmBefore = readMemory(pid)?.hwmMb ?? 0;
  const watch = new ProcessWatch(pid);
  watch.start();
  const started = performance.now();
  const response = await fetch(`${api.base}/api/leads/import`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${account.token}`, 'Content-Type': 'text/csv' },
    body: file,
    signal: AbortSignal.timeout(300_000),
  });
  const report = (await response.json()) as { created?: number };
  const seconds = (performance.now() - started) / 1000;
  const { peakRssMb: sampled } = watch.stop();
  if (response.status !== 201) throw new Error(`POST /api/leads/import: ${response.status} ${JSON.stringify(report).slice(0, 300)}`);
  const hwmAfter = readMemory(pid)?.hwmMb ?? 0;
  const peakRssMb = hwmAfter > hwmBefore ? hwmAfter : sampled;
  say(
    `  imported ${IMPORT_ROWS.toLocaleString('en-US')} rows (${(file.length / 2 ** 20).toFixed(1)} MB) in ${seconds.toFixed(2)} s; server peak RSS ${peakRssMb.toFixed(0)} MB`,
  );
  return { rows: IMPORT_ROWS, bytes: file.length, seconds, peakRssMb, created: report.created ?? 0 };
}

export async function measureExport(api: Api, pid: number, account: Account, say: (line: string) => void): Promise<CsvFigures['export']> {
  // From a settled server: right after the import, RSS still holds the import's garbage, and the
  // growth would be measured on top of a heap that V8 has not yet collected or given back.
  const { rssMb: baseRss } = await settledRssMb(pid);
  const watch = new ProcessWatch(pid);
  watch.start();
  const started = performance.now();
  const response = await fetch(`${api.base}/api/leads/export`, {
    headers: { Authorization: `Bearer ${account.token}` },
    signal: AbortSignal.timeout(600_000),
  });
  if (response.status !== 200 || !response.body) throw new Error(`GET /api/leads/export: ${response.status}`);
  let firstByteMs = 0;
  let bytes = 0;
  let lineEnds = 0;
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    if (bytes === 0) firstByteMs = performance.now() - started;
    bytes += chunk.length;
    for (let i = 0; i < chunk.length; i++) if (chunk[i] === 0x0a) lineEnds++;
  }
  const seconds = (performance.now() - started) / 1000;
  const { peakRssMb } = watch.stop();
  const rows = lineEnds - 1;
  const rowsPerSecond = rows / seconds;
  const rssGrowthMb = peakRssMb - baseRss;
  say(
    `  exported ${rows.toLocaleString('en-US')} leads (${(bytes / 2 ** 20).toFixed(0)} MB) in ${seconds.toFixed(2)} s: ` +
      `${Math.round(rowsPerSecond).toLocaleString('en-US')} rows/s, first byte after ${firstByteMs.toFixed(0)} ms, ` +
      `server RSS ${baseRss.toFixed(0)} → peak ${peakRssMb.toFixed(0)} MB`,
  );
  return { rows, bytes, seconds, rowsPerSecond, firstByteMs, rssGrowthMb };
}

/** The budget for the CSV case. */
export function csvBudget(figures: CsvFigures, exportLeads: number): BudgetLine[] {
  const line = (label: string, value: number | undefined, pass: (v: number) => boolean, actual: string): BudgetLine =>
    value === undefined
      ? { label, actual: 'not measured in this run', status: 'SKIP' }
      : { label, actual, status: pass(value) ? 'PASS' : 'FAIL' };
  const imported = figures.import ?? undefined;
  const exported = figures.export ?? undefined;
  return [
    line(
      `POST /api/leads/import of ${IMPORT_ROWS.toLocaleString('en-US')} rows ≤ 15 s`,
      imported?.seconds,
      (s) => s <= 15,
      `${imported?.seconds.toFixed(2)} s`,
    ),
    line('app server peak RSS during that import ≤ 300 MB', imported?.peakRssMb, (mb) => mb <= 300, `${imported?.peakRssMb.toFixed(0)} MB`),
    line(
      `GET /api/leads/export of ${exportLeads.toLocaleString('en-US')} leads ≥ 50,000 rows/s`,
      exported?.rowsPerSecond,
      (r) => r >= 50_000,
      `${Math.round(exported?.rowsPerSecond ?? 0).toLocaleString('en-US')} rows/s (${exported?.seconds.toFixed(2)} s)`,
    ),
    line(
      'app server RSS growth during that export ≤ 50 MB',
      exported?.rssGrowthMb,
      (mb) => mb <= 50,
      `${exported?.rssGrowthMb.toFixed(0)} MB`,
    ),
  ];
}
