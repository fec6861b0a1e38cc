// A report as CSV for spreadsheets: UTF-8 with a byte-order mark (Excel then reads French text
// right), `,` or `;` between fields (French Excel expects `;` and a decimal comma), one line per
// entity and interval, then one total line per entity and the grand total. Every line names the
// service-level formula it used.
import { COUNTER_FIELDS, type Counters } from '../kpi/counters.ts';
import type { Kpis } from '../kpi/kpis.ts';
import type { Report } from './build-report.ts';

export interface CsvOptions {
  separator?: ',' | ';';
  /** Decimal mark of the numbers; defaults to ',' with the ';' separator, '.' otherwise. */
  decimal?: '.' | ',';
  /** Start with a UTF-8 byte-order mark (default true). */
  bom?: boolean;
}

const KPI_COLUMNS: (keyof Kpis)[] = [
  'serviceLevel',
  'asaSeconds',
  'ahtSeconds',
  'abandonRate',
  'averageAbandonWaitSeconds',
  'occupancy',
  'utilisation',
  'ewtMaeSeconds',
  'ewtBiasSeconds',
];

export function reportCsv(report: Report, options: CsvOptions = {}): string {
  const separator = options.separator ?? ',';
  const decimal = options.decimal ?? (separator === ';' ? ',' : '.');
  const number = (value: number | null): string => {
    if (value === null) return '';
    const text = String(Number.isInteger(value) ? value : Number(value.toFixed(6)));
    return decimal === ',' ? text.replace('.', ',') : text;
  };
  const header = [
    report.dimension,
    'start',
    'start_utc',
    'sl_formula',
    'sl_threshold_s',
    ...COUNTER_FIELDS,
    ...KPI_COLUMNS,
  ];
  const line = (
    id: string,
    start: string,
    startUtc: string,
    counters: Counters,
    kpis: Kpis,
    rule: { formula: string; thresholdSeconds?: number } | undefined,
  ): string =>
    [
      text(id, separator),
      text(start, separator),
      text(startUtc, separator),
      text(rule?.formula ?? '', separator),
      number(rule?.thresholdSeconds ?? null),
      ...COUNTER_FIELDS.map((field) => number(counters[field])),
      ...KPI_COLUMNS.map((kpi) => number(kpis[kpi])),
    ].join(separator);
  const lines = [header.join(separator)];
  for (const l of report.lines) {
    lines.push(line(l.id, l.start, l.startUtc, l.counters, l.kpis, report.serviceLevel[l.id]));
  }
  for (const t of report.totals) {
    lines.push(line(t.id, 'total', '', t.counters, t.kpis, report.serviceLevel[t.id]));
  }
  // The grand total mixes entities: KPI.md's default formula, each contact judged by its queue's T.
  lines.push(
    line('*', 'total', '', report.total.counters, report.total.kpis, { formula: 'offered' }),
  );
  return (options.bom === false ? '' : '\uFEFF') + lines.join('\r\n') + '\r\n';
}

/**
 * A text cell: quoted when it holds the separator, a quote or a line break (RFC 4180), and kept
 * from being read as a formula by a spreadsheet (a leading =, +, - or @ gets a quote mark).
 */
function text(value: string, separator: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return safe.includes(separator) || /["\r\n]/.test(safe)
    ? `"${safe.replaceAll('"', '""')}"`
    : safe;
}
