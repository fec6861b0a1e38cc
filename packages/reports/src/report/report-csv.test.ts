import { describe, expect, it } from 'vitest';
import { Projection } from '../projection/projection.ts';
import { EventLog, MIN, NINE, SEC } from '../testing/event-builder.ts';
import { buildReport } from './build-report.ts';
import { reportCsv } from './report-csv.ts';

function report(queueId = 'q1') {
  const log = new EventLog()
    .queue(NINE - MIN, queueId, { serviceLevel: { thresholdSeconds: 30, target: 0.8 } })
    .arrive(NINE, 'c1', queueId)
    .connect(NINE + 10 * SEC, 'c1', 'a1', 10 * SEC, queueId)
    .arrive(NINE + MIN, 'c2', queueId)
    .abandon(NINE + MIN + 40 * SEC, 'c2', 40 * SEC, queueId)
    .arrive(NINE + 31 * MIN, 'c3', queueId)
    .connect(NINE + 31 * MIN + 45 * SEC, 'c3', 'a1', 45 * SEC, queueId);
  const p = new Projection();
  log.events.forEach((e) => p.apply(e));
  return buildReport(
    {
      dimension: 'queue',
      fromMs: NINE,
      toMs: NINE + 60 * MIN,
      intervalMinutes: 30,
      zone: 'Europe/Paris',
    },
    p.rows(),
    p.pauseRows(),
    (id) => p.ruleOf(id),
  );
}

describe('CSV export', () => {
  it('starts with a BOM, one line per interval, totals after, the formula on every line', () => {
    const csv = reportCsv(report());
    expect(csv.startsWith('\uFEFFqueue,start,start_utc,sl_formula,sl_threshold_s,offered,')).toBe(
      true,
    );
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + 2 + 1 + 1);
    const header = (lines[0] as string).split(',');
    const cell = (line: number, column: string) =>
      (lines[line] as string).split(',')[header.indexOf(column)];
    expect(cell(1, 'start')).toBe('2026-03-02T10:00');
    expect(cell(1, 'start_utc')).toBe('2026-03-02T09:00:00.000Z');
    expect(cell(1, 'sl_threshold_s')).toBe('30');
    // 10:00: one answered within 30 s, one abandoned at 40 s: 1 / (1 + 1 − 0).
    expect(cell(1, 'serviceLevel')).toBe('0.5');
    expect(cell(2, 'serviceLevel')).toBe('0');
    expect(cell(3, 'start')).toBe('total');
    expect(cell(3, 'offered')).toBe('3');
    expect(cell(3, 'serviceLevel')).toBe('0.333333');
    expect(cell(2, 'occupancy')).toBe(''); // no agent time in a queue report: no data
    expect(cell(4, 'queue')).toBe('*');
  });

  it('French Excel: `;` between fields and a decimal comma; no BOM when asked', () => {
    const csv = reportCsv(report(), { separator: ';', bom: false });
    expect(csv.startsWith('queue;start;')).toBe(true);
    expect(csv).toContain(';0,333333;');
    expect(csv).not.toContain('0.333333');
  });

  it('quotes text holding the separator or quotes, and defuses spreadsheet formulas', () => {
    const csv = reportCsv(report('=HYPERLINK("x",1)'));
    expect(csv).toContain(`"'=HYPERLINK(""x"",1)"`);
    expect(reportCsv(report('a;b'), { separator: ';' })).toContain('"a;b"');
  });
});
