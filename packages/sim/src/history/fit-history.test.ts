/**
 * The fitters on test-fixtures/bank-1999-02-sample.tsv: every record of Saturdays 6 and 13
 * February 1999 (the bank's quiet day: calls only from 19:00, after the Sabbath), the records of
 * Sunday 7 February on lines AA0107 and AA0108 plus its two AGENT records with ser_time 0, and
 * one HANG of Monday 8 February that waited, then shows a ser_time (483 records). The expected
 * figures were counted from the file with awk, independently of this code.
 */
import { describe, expect, it } from 'vitest';
import sample from '../../test-fixtures/bank-1999-02-sample.tsv?raw';
import {
  exponentialPatienceMean,
  fitArrivals,
  handleTimeSamples,
  historyKpis,
  matchingDays,
  patienceSamples,
  summarizeHistory,
} from './fit-history.ts';
import { parseCallHistory } from './parse-history.ts';

const records = parseCallHistory(sample, 'bank-1999-02-sample.tsv');
const SATURDAY = 6;
const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

describe('the sample, counted by the Relais convention', () => {
  it('has the records, outcomes and offered calls counted by hand', () => {
    expect(summarizeHistory(records)).toEqual({
      records: 483,
      outcomes: { AGENT: 364, HANG: 112, PHANTOM: 7 },
      waited: 148,
      waitedAndAbandoned: 30,
      // 483 − 7 PHANTOM − 82 HANG that ended in the VRU − 1 AGENT with q_time = ser_time = 0
      offered: 393,
      meanAgentSerTime: 72235 / 364,
      days: ['1999-02-06', '1999-02-07', '1999-02-08', '1999-02-13'],
      types: ['NE', 'NW', 'PE', 'PS', 'TT'],
    });
  });

  it('averages arrivals per interval over the matching days, by vru_exit', () => {
    const fit = fitArrivals(records, 60, { weekdays: [SATURDAY], from: '19:00', to: '24:00' });
    expect(fit.days).toEqual(['1999-02-06', '1999-02-13']);
    expect(fit.offered).toBe(367);
    // offered per hour on the two Saturdays: 90, 85, 70, 55, 67
    expect(fit.windows).toEqual([
      { from: '19:00', to: '20:00', perHour: 45 },
      { from: '20:00', to: '21:00', perHour: 42.5 },
      { from: '21:00', to: '22:00', perHour: 35 },
      { from: '22:00', to: '23:00', perHour: 27.5 },
      { from: '23:00', to: '24:00', perHour: 33.5 },
    ]);
  });

  it('counts half-hours per hour, filters by call type, and keeps empty intervals at 0', () => {
    const all = fitArrivals(records, 30, { weekdays: [SATURDAY] });
    expect(all.windows).toHaveLength(48);
    expect(all.windows[0]).toEqual({ from: '00:00', to: '00:30', perHour: 0 });
    expect(all.windows[39]).toEqual({ from: '19:30', to: '20:00', perHour: 79 }); // 79 calls / 2 days / ½ h
    expect(all.windows[47]).toEqual({ from: '23:30', to: '24:00', perHour: 32 });
    const ps = fitArrivals(records, 30, { weekdays: [SATURDAY], types: ['PS'] });
    expect(ps.windows[39]?.perHour).toBe(47);
    expect(ps.offered).toBe(256);
  });

  it('shortens the last window when the interval does not divide the span', () => {
    const fit = fitArrivals(records, 120, { dates: ['1999-02-06'], from: '19:00', to: '24:00' });
    expect(fit.windows).toEqual([
      { from: '19:00', to: '21:00', perHour: (45 + 37) / 2 },
      { from: '21:00', to: '23:00', perHour: (37 + 27) / 2 },
      { from: '23:00', to: '24:00', perHour: 28 },
    ]);
  });

  it('gives zero rates and no days when no day matches', () => {
    const fit = fitArrivals(records, 60, { weekdays: [3] });
    expect(fit.days).toEqual([]);
    expect(fit.windows.every((w) => w.perHour === 0)).toBe(true);
    expect(matchingDays(records, { dates: ['1999-02-07'] })).toEqual(['1999-02-07']);
    expect(() => fitArrivals(records, 0)).toThrow(RangeError);
  });
});

describe('samples for the distributions', () => {
  it('takes handle times from answered calls, zero ser_time included', () => {
    const saturdays = handleTimeSamples(records, { weekdays: [SATURDAY] });
    expect(saturdays).toHaveLength(338);
    expect(sum(saturdays)).toBe(70157);
    const sunday = handleTimeSamples(records, { dates: ['1999-02-07'] });
    expect(sunday).toHaveLength(25); // the AGENT with q_time = ser_time = 0 was never offered
    expect(sum(sunday)).toBe(2078);
    expect(sunday.filter((s) => s === 0)).toHaveLength(1);
  });

  it('takes patience samples from the waits of abandoned calls', () => {
    const saturdays = patienceSamples(records, { weekdays: [SATURDAY] });
    expect(saturdays).toHaveLength(29);
    expect(sum(saturdays)).toBe(1224);
    expect(patienceSamples(records, { dates: ['1999-02-08'] })).toEqual([26]);
  });

  it('estimates an exponential patience from the censored waits too, above the naive mean', () => {
    const mle = exponentialPatienceMean(records, { weekdays: [SATURDAY] });
    expect(mle).toBeCloseTo((2112 + 4222 + 1224) / 29, 10);
    expect(mle).toBeGreaterThan(1224 / 29);
    expect(exponentialPatienceMean(records, { dates: ['1999-02-07'] })).toBe(Infinity);
  });
});

describe('historyKpis', () => {
  it('gives the real figures, per day and by the KPI.md formulas', () => {
    const kpis = historyKpis(records, { weekdays: [SATURDAY] });
    // Saturdays: 367 offered, 338 answered (259 within 20 s), 29 abandoned (4 within 5 s)
    expect(kpis.days).toBe(2);
    expect(kpis.offered).toBe(183.5);
    expect(kpis.answered).toBe(169);
    expect(kpis.abandoned).toBe(14.5);
    expect(kpis.shortAbandoned).toBe(2);
    expect(kpis.serviceLevel).toBeCloseTo(259 / (338 + 29 - 4), 12);
    expect(kpis.asaSeconds).toBeCloseTo((2112 + 4222) / 338, 12);
    expect(kpis.abandonRate).toBeCloseTo((29 - 4) / (367 - 4), 12);
    expect(kpis.meanWaitSeconds).toBeCloseTo((2112 + 4222 + 1224) / 367, 12);
    expect(kpis.abandonWaitSeconds).toBeCloseTo(1224 / 29, 12);
    expect(kpis.ahtSeconds).toBeCloseTo(70157 / 338, 12);
  });

  it('uses the thresholds given and the time window by vru_exit', () => {
    const kpis = historyKpis(
      records,
      { dates: ['1999-02-06'], from: '19:00', to: '20:00' },
      { thresholdSeconds: 0, shortAbandonSeconds: 0 },
    );
    expect(kpis.offered).toBe(45);
    expect(historyKpis(records, { weekdays: [3] }).offered).toBe(0);
  });
});
