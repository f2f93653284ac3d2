/** What the benchmark found, as console text, Markdown and JSON. */
import type { LoadResult } from './load-protocol.js';
import type { CsvFigures } from './csv-case.js';

export interface RunSample extends LoadResult {
  /** Peak RSS of the measured server while this run lasted, MB. */
  serverPeakRssMb: number;
  /** CPU the measured server used, in cores. */
  serverCpu: number;
}

export interface Measured {
  runs: RunSample[];
  /** Medians over the runs, each metric on its own. */
  rps: number;
  p50: number;
  p99: number;
  /** Failed requests over all runs: connection errors, timeouts and non-2xx answers. */
  errors: number;
  peakRssMb: number;
  serverCpu: number;
  /** The load generator had a core to itself and used most of it: the server may be faster than shown. */
  clientBound: boolean;
  /** Medians over the runs of each run's req/s and p99 against the mean of the floor runs beside it. */
  vsFloor?: { rps: number; p99: number };
}

export interface CaseReport extends Measured {
  id: string;
  title: string;
  target: 'app' | 'floor';
}

export interface ScalingReport extends Measured {
  leads: number;
}

export interface StormReport {
  idle: Measured;
  storm: Measured;
  /** Logins per second the storm achieved (it offers 20). */
  loginsPerSecond: number;
  loginP50: number;
  loginErrors: number;
}

export interface BudgetLine {
  label: string;
  actual: string;
  status: 'PASS' | 'FAIL' | 'SKIP';
}

export interface ProfileEntry {
  name: string;
  where: string;
  selfPercent: number;
}

export interface Report {
  meta: {
    date: string;
    node: string;
    cpus: string;
    appDatabase: string;
    floorDatabase: string;
    connections: number;
    durationSec: number;
    warmupSec: number;
    scaleDurationSec: number;
    runs: number;
    bcryptRounds: number;
    totalSec: number;
  };
  cases: CaseReport[];
  scaling: ScalingReport[];
  storm: StormReport | null;
  csv: CsvFigures | null;
  server: { rssMbAtEnd: number; hwmMb: number; settledRssMb: number; settledAfterSec: number };
  floor: { rssMbAtEnd: number; hwmMb: number } | null;
  budget: BudgetLine[];
  profile?: { file: string; byPackage: ProfileEntry[]; byFunction: ProfileEntry[] };
}

const median = (values: number[]): number => {
  const sorted = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

export function summarise(runs: RunSample[]): Measured {
  return {
    runs,
    rps: median(runs.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    errors: runs.reduce((sum, r) => sum + r.errors + r.non2xx, 0),
    peakRssMb: Math.max(...runs.map((r) => r.serverPeakRssMb)),
    serverCpu: median(runs.map((r) => r.serverCpu)),
    clientBound: median(runs.map((r) => r.clientCpu)) >= 0.9,
  };
}

/** A case's ratios to the floor: the median of its runs' ratios to their neighbouring floor runs. */
export function neighbourRatios(ratios: { rps: number; p99: number }[]): Pick<Measured, 'vsFloor'> {
  return { vsFloor: { rps: median(ratios.map((r) => r.rps)), p99: median(ratios.map((r) => r.p99)) } };
}

// ---- formatting -------------------------------------------------------------

const int = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
const ms = (n: number) => (Number.isFinite(n) ? (n < 10 ? n.toFixed(2) : n < 100 ? n.toFixed(1) : n.toFixed(0)) : '–');
const pct = (n: number) => (Number.isFinite(n) ? `${(n * 100).toFixed(1)} %` : '–');
const mb = (n: number) => (Number.isFinite(n) ? `${n.toFixed(0)} MB` : '–');
const times = (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)} ×` : '–');

function table(header: string[], rows: string[][], align: ('l' | 'r')[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (align[i] === 'l' ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function markdownTable(header: string[], rows: string[][], align: ('l' | 'r')[]): string {
  return [
    `| ${header.join(' | ')} |`,
    `|${align.map((a) => (a === 'l' ? ' --- ' : ' ---: ')).join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

interface Section {
  title: string;
  header: string[];
  rows: string[][];
  align: ('l' | 'r')[];
  notes: string[];
}

function sections(report: Report): Section[] {
  const out: Section[] = [];
  const { meta } = report;
  const anyClientBound = [...report.cases, ...report.scaling].some((c) => c.clientBound);
  const flag = (m: Measured) => (m.clientBound ? '*' : '');

  out.push({
    title: `Main cases — ${meta.connections} connections, ${meta.runs} × ${meta.durationSec} s after ${meta.warmupSec} s warm-up, medians`,
    header: ['case', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'req/s vs floor', 'p99 vs floor', 'srv CPU', 'srv peak RSS'],
    align: ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    rows: report.cases.map((c) => [
      c.title,
      int(c.rps) + flag(c),
      ms(c.p50),
      ms(c.p99),
      int(c.errors),
      c.target === 'floor' ? '–' : pct(c.vsFloor?.rps ?? Number.NaN),
      c.target === 'floor' ? '–' : times(c.vsFloor?.p99 ?? Number.NaN),
      `${(c.serverCpu * 100).toFixed(0)} %`,
      mb(c.peakRssMb),
    ]),
    notes: [
      `App on ${meta.appDatabase}; floor on ${meta.floorDatabase}.`,
      'The floor runs alternate with every case\'s (floor, case, floor, …); "vs floor" is the median over a case\'s runs of each run against the mean of the two floor runs beside it. The floor row is the median of all its runs.',
      'srv CPU: CPU the measured server used (100 % = one core; bcrypt runs on threads of its own, so it can exceed 100 %).',
      ...(anyClientBound ? ['*: the load generator used ≥ 90 % of a core: that server may be faster than shown.'] : []),
    ],
  });

  if (report.scaling.length > 0) {
    out.push({
      title: `Scaling — GET /api/leads?limit=25 by leads owned (${meta.runs} × ${meta.scaleDurationSec} s, medians)`,
      header: ['leads owned', 'p50 ms', 'p99 ms', 'req/s', 'errors', 'p50 vs 100 leads'],
      align: ['r', 'r', 'r', 'r', 'r', 'r'],
      rows: report.scaling.map((s) => [
        int(s.leads),
        ms(s.p50),
        ms(s.p99),
        int(s.rps) + flag(s),
        int(s.errors),
        times(s.p50 / report.scaling[0].p50),
      ]),
      notes: [],
    });
  }

  if (report.storm) {
    const { idle, storm } = report.storm;
    out.push({
      title: `Login storm — GET /api/auth/user while POST /api/auth/login runs at up to 20/s (${meta.runs} × ${meta.scaleDurationSec} s, medians)`,
      header: ['GET /api/auth/user', 'req/s', 'p50 ms', 'p99 ms', 'errors'],
      align: ['l', 'r', 'r', 'r', 'r'],
      rows: [
        ['idle', int(idle.rps), ms(idle.p50), ms(idle.p99), int(idle.errors)],
        ['under the login storm', int(storm.rps), ms(storm.p50), ms(storm.p99), int(storm.errors)],
      ],
      notes: [
        `The storm achieved ${report.storm.loginsPerSecond.toFixed(1)} logins/s (p50 ${ms(report.storm.loginP50)} ms, ${int(report.storm.loginErrors)} errors) at bcrypt cost ${meta.bcryptRounds}.`,
      ],
    });
  }

  out.push({
    title: 'Memory',
    header: ['process', 'RSS at end', 'RSS settled', 'peak RSS (VmHWM)'],
    align: ['l', 'r', 'r', 'r'],
    rows: [
      ['app server', mb(report.server.rssMbAtEnd), mb(report.server.settledRssMb), mb(report.server.hwmMb)],
      ...(report.floor ? [['floor server', mb(report.floor.rssMbAtEnd), '–', mb(report.floor.hwmMb)]] : []),
    ],
    notes: [
      `RSS settled: read once RSS stopped moving, ${report.server.settledAfterSec} s after the last case (V8's memory reducer returns unused heap pages 15–30 s after a load stops).`,
    ],
  });
  return out;
}

export function renderText(report: Report): string {
  const parts: string[] = [];
  parts.push(
    `Lead Manager API benchmark — ${report.meta.date}, node ${report.meta.node}, ${report.meta.cpus}, total ${report.meta.totalSec.toFixed(0)} s`,
  );
  for (const section of sections(report)) {
    parts.push('', section.title, '', table(section.header, section.rows, section.align));
    for (const note of section.notes) parts.push(`  ${note}`);
  }
  parts.push('', 'Budget', '');
  for (const line of report.budget) parts.push(`${line.status.padEnd(4)}  ${line.label}: ${line.actual}`);
  if (report.profile) {
    parts.push('', `CPU profile of the app server (${report.profile.file}), self time`, '');
    parts.push(
      table(
        ['package', 'self'],
        report.profile.byPackage.map((e) => [e.name, pct(e.selfPercent)]),
        ['l', 'r'],
      ),
    );
    parts.push('');
    parts.push(
      table(
        ['function', 'where', 'self'],
        report.profile.byFunction.map((e) => [e.name, e.where, pct(e.selfPercent)]),
        ['l', 'l', 'r'],
      ),
    );
  }
  return parts.join('\n');
}

export function renderMarkdown(report: Report): string {
  const parts: string[] = [
    '# Lead Manager API benchmark',
    '',
    `${report.meta.date} · node ${report.meta.node} · ${report.meta.cpus} · total ${report.meta.totalSec.toFixed(0)} s`,
  ];
  for (const section of sections(report)) {
    parts.push('', `## ${section.title}`, '', markdownTable(section.header, section.rows, section.align));
    if (section.notes.length) parts.push('', ...section.notes.map((n) => `- ${n}`));
  }
  parts.push(
    '',
    '## Budget',
    '',
    markdownTable(
      ['', 'budget', 'measured'],
      report.budget.map((l) => [`**${l.status}**`, l.label, l.actual]),
      ['l', 'l', 'l'],
    ),
  );
  if (report.profile) {
    parts.push('', '## CPU profile of the app server (self time)', '');
    parts.push(
      markdownTable(
        ['package', 'self'],
        report.profile.byPackage.map((e) => [e.name, pct(e.selfPercent)]),
        ['l', 'r'],
      ),
    );
    parts.push('');
    parts.push(
      markdownTable(
        ['function', 'where', 'self'],
        report.profile.byFunction.map((e) => [`\`${e.name}\``, e.where, pct(e.selfPercent)]),
        ['l', 'l', 'r'],
      ),
    );
  }
  return `${parts.join('\n')}\n`;
}

// ---- CPU profile ------------------------------------------------------------

export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
}

/** Self time by package and by function, as shares of the non-idle samples. */
export function summariseProfile(profile: CpuProfile, top = 20): { byPackage: ProfileEntry[]; byFunction: ProfileEntry[] } {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const byFunction = new Map<string, { name: string; where: string; hits: number }>();
  const byPackage = new Map<string, number>();
  let total = 0;
  for (const id of profile.samples) {
    const frame = nodes.get(id);
    if (!frame || frame.functionName === '(idle)') continue;
    total++;
    const where = frame.url ? `${shortPath(frame.url)}:${frame.lineNumber + 1}` : '';
    const key = `${frame.functionName}@${where}`;
    const entry = byFunction.get(key) ?? { name: frame.functionName || '(anonymous)', where, hits: 0 };
    entry.hits++;
    byFunction.set(key, entry);
    const pkg = packageOf(frame.url, frame.functionName);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + 1);
  }
  const share = (hits: number) => (total ? hits / total : 0);
  return {
    byPackage: [...byPackage.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, hits]) => ({ name, where: '', selfPercent: share(hits) })),
    byFunction: [...byFunction.values()]
      .sort((a, b) => b.hits - a.hits)
      .slice(0, top)
      .map((e) => ({ name: e.name, where: e.where, selfPercent: share(e.hits) })),
  };
}

function shortPath(url: string): string {
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('/node_modules/');
  if (modules >= 0) return path.slice(modules + '/node_modules/'.length);
  const dist = path.indexOf('/dist/');
  return dist >= 0 ? path.slice(dist + 1) : path;
}

function packageOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native / V8 builtins)';
  if (url.startsWith('node:')) return 'node core';
  const path = url.replace(/^file:\/\//, '');
  const modules = path.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const rest = path.slice(modules + '/node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (path.includes('/dist/src/')) return 'app (dist/src)';
  if (path.includes('/dist/bench/')) return 'bench';
  return path;
}
