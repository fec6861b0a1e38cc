import { parseBankHistory, type ContactRecord } from '@relais/wfm';
import { describe, expect, it } from 'vitest';
import { buildReport } from '../report/build-report.ts';
import { Zone } from '../time/zones.ts';
import { historyRows } from './history-rows.ts';

const BANK = (await import('../../../../data/anonymous-bank-1999-02-days01-21.tsv?raw')).default;
const day = (iso: string) =>
  Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) /
  86_400_000;
const call = (fields: Partial<ContactRecord>): ContactRecord => ({
  row: 2,
  day: day('2026-04-06'),
  arrivalSeconds: 10 * 3600,
  queue: 'PS',
  waitSeconds: 0,
  handleSeconds: 0,
  outcome: 'answered',
  ...fields,
});

describe('history as report rows', () => {
  it('counts calls like the projection: entry interval, T by the queue, short abandons apart', () => {
    const paris = new Zone('Europe/Paris');
    const { rows, fromMs, toMs } = historyRows(
      [
        call({ waitSeconds: 20, handleSeconds: 200 }), // answered exactly at T
        call({ waitSeconds: 21, handleSeconds: 100, arrivalSeconds: 10 * 3600 + 899 }),
        call({ outcome: 'abandoned', waitSeconds: 4 }),
        call({ outcome: 'abandoned', waitSeconds: 60, arrivalSeconds: 10 * 3600 + 900 }),
        call({ outcome: 'other', queue: 'TT' }),
      ],
      { zone: paris, clientOf: (q) => (q === 'PS' ? 'bank' : undefined) },
    );
    const report = buildReport(
      {
        dimension: 'queue',
        fromMs: paris.fromLocal('2026-04-06'),
        toMs: paris.fromLocal('2026-04-07'),
        intervalMinutes: 15,
        zone: 'Europe/Paris',
      },
      rows,
      [],
      () => ({ formula: 'offered', thresholdSeconds: 20, shortAbandonSeconds: 5 }),
    );
    expect(report.lines.map((l) => [l.id, l.start, l.counters.offered])).toEqual([
      ['PS', '2026-04-06T10:00', 3],
      ['PS', '2026-04-06T10:15', 1],
      ['TT', '2026-04-06T10:00', 1],
    ]);
    const ps = report.totals.find((t) => t.id === 'PS');
    expect(ps?.counters).toMatchObject({
      answered: 2,
      answeredWithin: 1,
      abandoned: 2,
      abandonedShort: 1,
      abandonedWithin: 1,
      handled: 2,
      talkMs: 300_000,
    });
    // offered formula: 1 / (2 + 2 − 1)
    expect(ps?.kpis.serviceLevel).toBeCloseTo(1 / 3, 12);
    expect(rows.some((r) => r.dimension === 'client' && r.id === 'bank')).toBe(true);
    expect(new Date(fromMs).toISOString()).toBe('2026-04-06T08:00:00.000Z');
    expect(toMs).toBeGreaterThan(fromMs);
  });

  it('[real data] the bank file gives the totals of its README for the 21 days', () => {
    const history = parseBankHistory(BANK);
    const zone = new Zone('Asia/Jerusalem');
    const { rows } = historyRows(history.records, { zone });
    const report = buildReport(
      {
        dimension: 'queue',
        fromMs: zone.fromLocal('1999-02-01'),
        toMs: zone.fromLocal('1999-02-22'),
        intervalMinutes: 60,
        zone: 'Asia/Jerusalem',
      },
      rows,
      [],
      () => ({ formula: 'offered', thresholdSeconds: 20, shortAbandonSeconds: 5 }),
    );
    // data/README: 23,954 calls offered by Relais's convention; 3,086 abandoned after waiting;
    // 20,899 AGENT records, 31 of which never waited nor were served (not offered); mean
    // ser_time of AGENT records 171.5 s (171.76 s over the 20,868 offered ones).
    const total = report.total.counters;
    expect(total.offered).toBe(23_954);
    expect(total.abandoned).toBe(3_086);
    expect(total.answered).toBe(20_868);
    expect(total.talkMs / 1000 / 20_899).toBeCloseTo(171.5, 1);
    expect(report.total.kpis.ahtSeconds).toBeCloseTo(171.76, 2);
    expect(report.totals.map((t) => t.id).sort()).toEqual(['IN', 'NE', 'NW', 'PE', 'PS', 'TT']);
  });
});
