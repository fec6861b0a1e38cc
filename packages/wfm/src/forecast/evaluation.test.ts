import { describe, expect, it } from 'vitest';
import { parseIsoDate } from '../calendar/civil-date.ts';
import { parseBankHistory } from '../history/bank-history.ts';
import { MAPE_MIN_OFFERED } from './accuracy.ts';
import { evaluateForecast } from './evaluation.ts';

// The README's evaluation table: train on 1–14 February 1999, forecast 15–21 February, 30-minute
// intervals, against what arrived. Printed here so the README's figures can be reproduced
// (npx vitest run packages/wfm/src/forecast/evaluation.test.ts); only sane bounds are asserted.

const text = (await import('../../../../data/anonymous-bank-1999-02-days01-21.tsv?raw')).default;
const { records } = parseBankHistory(text);
const percent = (value: number | null): string =>
  value === null ? '—' : `${(value * 100).toFixed(1)}%`;

describe('forecast evaluation on the bank data (train days 1–14, forecast 15–21)', () => {
  const table = evaluateForecast(records, {
    intervalMinutes: 30,
    fromDay: parseIsoDate('1999-02-15') as number,
    days: 7,
  });

  it('prints the table of WAPE and MAPE per method and queue', () => {
    const queues = Object.keys(table[0]?.queues ?? {});
    const lines = [
      `| method | ${queues.map((q) => `${q} WAPE / MAPE`).join(' | ')} |`,
      `| --- | ${queues.map(() => '---').join(' | ')} |`,
      ...table.map(
        (row) =>
          `| ${row.method} | ${queues
            .map(
              (q) =>
                `${percent(row.queues[q]?.wape ?? null)} / ${percent(row.queues[q]?.mape ?? null)}`,
            )
            .join(' | ')} |`,
      ),
    ];
    console.log(`MAPE over intervals with ≥ ${MAPE_MIN_OFFERED} calls\n${lines.join('\n')}`);
    expect(table.map((row) => row.method)).toEqual([
      'seasonal-naive',
      'weekday-profile',
      'poisson-regression',
      'auto',
    ]);
  });

  it('every method forecasts the total within sane bounds', () => {
    for (const row of table) {
      const all = row.queues.all;
      expect(all?.actualOffered).toBeGreaterThan(5000);
      expect(all?.wape).toBeGreaterThan(0.05); // Poisson noise alone is more than 5% per half-hour
      expect(all?.wape).toBeLessThan(0.6);
      expect(all?.forecastOffered).toBeGreaterThan(0.7 * (all?.actualOffered ?? 0));
      expect(all?.forecastOffered).toBeLessThan(1.3 * (all?.actualOffered ?? 0));
    }
  });

  it('the weekday profile and the regression do no worse than seasonal naive on the total', () => {
    const wape = (method: string): number =>
      table.find((row) => row.method === method)?.queues.all?.wape ?? Infinity;
    expect(wape('weekday-profile')).toBeLessThanOrEqual(wape('seasonal-naive') * 1.05);
    expect(wape('poisson-regression')).toBeLessThanOrEqual(wape('seasonal-naive') * 1.05);
  });
});
