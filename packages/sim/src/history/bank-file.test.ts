/**
 * The whole bank file of ../shared/data, when it is there, checked against the facts its README
 * gives. It is not copied into the project (2.6 MB); the fixtures hold a sample.
 */
import { describe, expect, it } from 'vitest';
import { fitArrivals, handleTimeSamples, historyKpis, summarizeHistory } from './fit-history.ts';
import type { CallRecord } from './call-record.ts';
import { parseCallHistory } from './parse-history.ts';

const FILE = 'anonymous-bank-1999-02-days01-21.tsv';
let text: string | undefined;
try {
  const imported =
    await import('../../../../../shared/data/anonymous-bank-1999-02-days01-21.tsv?raw');
  text = imported.default;
} catch {
  text = undefined; // the shared folder is absent outside the development machine
}

const absent = `: SKIPPED, ../shared/data/${FILE} is absent (it lives beside the project)`;
if (text === undefined) console.warn(`bank-file.test.ts${absent}`);
describe.skipIf(text === undefined)(`the full bank file${text === undefined ? absent : ''}`, () => {
  // Parsed in the tests: a skipped describe still runs its body to collect them.
  let parsed: CallRecord[] | undefined;
  const calls = (): CallRecord[] => (parsed ??= parseCallHistory(text ?? '', FILE));

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
