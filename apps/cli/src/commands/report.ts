import { parseArgs } from 'node:util';
import {
  buildReport,
  INTERVAL_MINUTES,
  MAX_REPORT_DAYS,
  PeriodError,
  reportCsv,
  reportPeriod,
  Zone,
  ZoneError,
  type Dimension,
  type IntervalMinutes,
  type Report,
} from '@relais/reports';
import { loadProjection, readWith } from '@relais/server';
import { findTenant } from '../serve/find-tenant.ts';
import {
  DATABASE_FLAGS,
  DEFAULT_DATA_DIR,
  openConfiguredStore,
  pgFlags,
} from '../serve/open-store.ts';
import { FlagError, settingsOrExit } from '../workload/flags.ts';

export const name = 'report';
export const summary = 'Interval KPIs per queue, client, site or agent, from the event log';

const DIMENSIONS = ['queue', 'client', 'site', 'agent'] as const;
const FORMATS = ['table', 'csv', 'json'] as const;

const USAGE = `Usage: relais report --from DATE --to DATE [--dimension D] [--ids A,B] [--interval 30]
                     [--zone ZONE] [--format table|csv|json] [--tenant NAME] [--data DIR | --pg URL]

Offered, answered, abandoned, service level (with the queue's KPI.md formula), ASA, AHT,
abandonment, occupancy and utilisation per entity and local interval, with totals. Reads the
stored report projection and the events logged after it (exact to the last event); writes
nothing, so it runs beside \`relais serve\` or without it.

Options:
  --from DATE        first day (YYYY-MM-DD, or YYYY-MM-DDTHH:mm) in --zone, or an ISO instant
  --to DATE          end, excluded (at most ${MAX_REPORT_DAYS} days after --from)
  --dimension D      ${DIMENSIONS.join(', ')} (default queue)
  --ids A,B          only these entities
  --interval M       ${INTERVAL_MINUTES.join(', ')} minutes (default 30)
  --zone ZONE        IANA time zone of the intervals (default: the first site's, by id)
  --format F         table (default), csv (UTF-8 with BOM) or json (one object, last line)
  --separator S      csv field separator: , (default) or ; (then a decimal comma)
  --tenant NAME      tenant name (needed when there are several)
${DATABASE_FLAGS}
  -h, --help         show this help`;

interface ReportSettings {
  from: string;
  to: string;
  dimension: Dimension;
  ids: string[] | undefined;
  interval: IntervalMinutes;
  zone: string | undefined;
  format: (typeof FORMATS)[number];
  separator: ',' | ';';
  tenant: string | undefined;
  data: string;
  pg: string | undefined;
  pgSchema: string | undefined;
}

const oneOf = <T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T => {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) {
    throw new FlagError(`--${flag}: expected one of ${allowed.join(', ')}, got '${value}'`);
  }
  return value as T;
};

function readSettings(argv: string[]): ReportSettings | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      from: { type: 'string' },
      to: { type: 'string' },
      dimension: { type: 'string' },
      ids: { type: 'string' },
      interval: { type: 'string' },
      zone: { type: 'string' },
      format: { type: 'string' },
      separator: { type: 'string' },
      tenant: { type: 'string' },
      data: { type: 'string' },
      pg: { type: 'string' },
      'pg-schema': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) return 'help';
  if (positionals.length > 0) throw new FlagError(`unexpected argument '${positionals.join(' ')}'`);
  if (values.from === undefined) throw new FlagError('--from is required, e.g. --from 2026-04-06');
  if (values.to === undefined) throw new FlagError('--to is required, e.g. --to 2026-04-07');
  const interval = Number(
    oneOf('interval', values.interval, ['15', '30', '60'], '30'),
  ) as IntervalMinutes;
  return {
    from: values.from,
    to: values.to,
    dimension: oneOf('dimension', values.dimension, DIMENSIONS, 'queue'),
    ids: values.ids
      ?.split(',')
      .map((id) => id.trim())
      .filter((id) => id !== ''),
    interval,
    zone: values.zone,
    format: oneOf('format', values.format, FORMATS, 'table'),
    separator: oneOf('separator', values.separator, [',', ';'], ','),
    tenant: values.tenant,
    data: values.data ?? process.env.RELAIS_DATA ?? DEFAULT_DATA_DIR,
    ...pgFlags(values),
  };
}

export async function run(argv: string[]): Promise<number> {
  const settings = settingsOrExit(() => readSettings(argv), name, USAGE);
  if (typeof settings === 'number') return settings;
  const store = await openConfiguredStore(settings);
  try {
    const tenant = await findTenant(store, settings.tenant, 'report');
    if (tenant === undefined) return 1;
    const progress = process.stderr.isTTY
      ? (seq: number) => process.stderr.write(`\rreading the log… event ${seq}`)
      : undefined;
    const { projection } = await loadProjection(
      store,
      tenant.id,
      progress === undefined ? {} : { onProgress: progress },
    );
    if (progress !== undefined) process.stderr.write('\r\x1b[K');
    let zone: Zone;
    let fromMs: number;
    let toMs: number;
    try {
      zone = new Zone(settings.zone ?? projection.zoneOfSite() ?? 'UTC');
      ({ fromMs, toMs } = reportPeriod(zone, settings.from, settings.to, (field) => `--${field}`));
    } catch (error) {
      if (error instanceof ZoneError || error instanceof PeriodError) return usage(error.message);
      throw error;
    }
    const read = await readWith(store, tenant.id, projection, {
      dimension: settings.dimension,
      fromMs: fromMs - 3_600_000,
      toMs: toMs + 3_600_000,
      nowMs: Date.now(),
    });
    const report = buildReport(
      {
        dimension: settings.dimension,
        fromMs,
        toMs,
        intervalMinutes: settings.interval,
        zone: zone.name,
        ...(settings.ids === undefined ? {} : { ids: settings.ids }),
      },
      read.rows,
      read.pauses,
      read.ruleOf,
    );
    if (settings.format === 'json')
      console.log(JSON.stringify({ ...report, lastSeq: read.lastSeq }));
    else if (settings.format === 'csv')
      process.stdout.write(reportCsv(report, { separator: settings.separator }));
    else console.log(table(report));
    return 0;
  } finally {
    await store.close();
  }
}

function usage(message: string): number {
  console.error(`relais report: ${message}\n\n${USAGE}`);
  return 2;
}

const pct = (v: number | null): string => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const secs = (v: number | null): string => (v === null ? '—' : `${v.toFixed(1)} s`);

/** One line per entity and interval, then the totals; the formulas underneath. */
function table(report: Report): string {
  const head = [
    report.dimension,
    'start',
    'offered',
    'answered',
    'abandoned',
    'SL',
    'ASA',
    'AHT',
    'aband.',
    'occup.',
  ];
  const rows: string[][] = [
    ...report.lines.map((l) => [l.id, l.start, ...cells(l.counters, l.kpis)]),
    ...report.totals.map((t) => [t.id, 'total', ...cells(t.counters, t.kpis)]),
    ['*', 'total', ...cells(report.total.counters, report.total.kpis)],
  ];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r.map((c, i) => (i < 2 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  const formulas = Object.entries(report.serviceLevel).map(
    ([id, sl]) => `  ${id}: ${sl.formula} = ${sl.text}, T = ${sl.thresholdSeconds} s`,
  );
  return [
    `${report.dimension} report, ${report.intervalMinutes}-minute intervals in ${report.zone}, from ${report.from} to ${report.to}`,
    line(head),
    ...rows.map(line),
    'service level formulas (KPI.md):',
    ...formulas,
  ].join('\n');

  function cells(c: Report['total']['counters'], k: Report['total']['kpis']): string[] {
    return [
      String(c.offered),
      String(c.answered),
      String(c.abandoned),
      pct(k.serviceLevel),
      secs(k.asaSeconds),
      secs(k.ahtSeconds),
      pct(k.abandonRate),
      pct(k.occupancy),
    ];
  }
}
