/**
 * The whole bank file (data/ at the project root, a copy of the team's shared data) checked
 * against the facts its README gives.
 */
import { describe, expect, it } from 'vitest';
import { fitArrivals, handleTimeSamples, historyKpis, summarizeHistory } from './fit-history.ts';
import type { CallRecord } from './call-record.ts';
import { parseCallHistory } from './parse-history.ts';

const FILE = 'anonymous-bank-1999-02-days01-21.tsv';
const text = (await import('../../../../data/anonymous-bank-1999-02-days01-21.tsv?raw')).default;

describe('the full bank file', () => {
  // Parsed in the tests: a skipped describe still runs its body to collect them.
  let parsed: CallRecord[] | undefined;
  const calls = (): CallRecord[] => (parsed ??= parseCallHistory(text, FILE));

  it("matches the README's known facts and the Relais count of offered calls", () => {
    const summary = summarizeHistory(calls());
    expect(summary.records).toBe(25_890);
    expect(summary.outcomes).toEqual({ AGENT: 20_899, HANG: 4_770, PHANTOM: 221 });
    expect(summary.waited).toBe(14_127);
    expect(summary.waitedAndAbandoned).toBe(3_086);
    expect(summary.offered).toBe(23_954);
    expect(summary.meanAgentSerTime).toBeCloseTo(171.5, 1);
    expect(summary.days).toHaveLength(21);
  });

  it('fits rates whose sum over the day gives the offered calls per day', () => {
    const records = calls();
    const fit = fitArrivals(records, 30);
    expect(fit.days).toHaveLength(21);
    const perDay = fit.windows.reduce((total, w) => total + w.perHour / 2, 0);
    expect(perDay * 21).toBeCloseTo(23_954, 6);
    expect(historyKpis(records).offered * 21).toBeCloseTo(23_954, 6);
    expect(handleTimeSamples(records)).toHaveLength(20_868);
  });
});
