import { describe, expect, it } from 'vitest';
import sample from '../../test-fixtures/bank-1999-02-sample.tsv?raw';
import { parseScenario } from '../scenario/parse-scenario.ts';
import { ScenarioError, formatScenarioError } from '../scenario/scenario-error.ts';
import type { Scenario } from '../scenario/scenario.ts';
import { HISTORY_COLUMNS } from './call-record.ts';
import { HistoryError } from './parse-history.ts';
import { resolveHistoryArrivals } from './resolve-history.ts';

/** A one-queue scenario of a Saturday evening whose arrivals come from `arrivals` (YAML). */
function scenario(arrivals: string): Scenario {
  return parseScenario(
    `
name: saturday-evening
seed: 1
replications: 2
day: { start: "19:00", end: "24:00" }
routing: { strategy: longest-idle }
queues:
  - id: bank
    skills: { bank: 1 }
    arrivals: ${arrivals}
    handleSeconds: { dist: exponential, mean: 200 }
agents:
  - { name: tellers, count: 5, skills: { bank: 5 } }
`,
    'saturday.yaml',
  );
}

const read = (path: string): string => {
  if (path === 'bank.tsv') return sample;
  throw new Error(`ENOENT: no such file or directory, open '${path}'`);
};

function problems(arrivals: string, reader = read): string[] {
  try {
    resolveHistoryArrivals(scenario(arrivals), 'saturday.yaml', reader);
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    return formatScenarioError(error).split('\n');
  }
  throw new Error('expected a ScenarioError');
}

describe('resolveHistoryArrivals', () => {
  it('fits windows over the scenario day from the history', () => {
    const resolved = resolveHistoryArrivals(
      scenario('{ history: bank.tsv, interval: 60, weekday: saturday }'),
      'saturday.yaml',
      read,
    );
    expect(resolved.queues[0]?.arrivals).toEqual([
      { from: '19:00', to: '20:00', perHour: 45 },
      { from: '20:00', to: '21:00', perHour: 42.5 },
      { from: '21:00', to: '22:00', perHour: 35 },
      { from: '22:00', to: '23:00', perHour: 27.5 },
      { from: '23:00', to: '24:00', perHour: 33.5 },
    ]);
    expect(resolved.name).toBe('saturday-evening');
  });

  it('defaults to 30-minute windows and reads type lists, weekday abbreviations and dates', () => {
    const byType = resolveHistoryArrivals(
      scenario('{ history: bank.tsv, weekday: [Sat], type: [PS] }'),
      'saturday.yaml',
      read,
    );
    const windows = byType.queues[0]?.arrivals as { perHour: number }[];
    expect(windows).toHaveLength(10);
    expect(windows[1]).toEqual({ from: '19:30', to: '20:00', perHour: 47 });
    for (const date of ['990206', '"1999-02-06"']) {
      const oneDay = resolveHistoryArrivals(
        scenario(`{ history: bank.tsv, interval: 60, date: ${date} }`),
        'saturday.yaml',
        read,
      );
      expect((oneDay.queues[0]?.arrivals as { perHour: number }[]).map((w) => w.perHour)).toEqual([
        45, 37, 37, 27, 28,
      ]);
    }
  });

  it('leaves queues with windows alone and reads each history file once', () => {
    let reads = 0;
    const twice = scenario('{ history: bank.tsv }');
    const [queue] = twice.queues;
    twice.queues.push({ ...queue!, id: 'bank2' });
    twice.queues.push({
      ...queue!,
      id: 'plain',
      arrivals: [{ from: '19:00', to: '20:00', perHour: 5 }],
    });
    const resolved = resolveHistoryArrivals(twice, 'saturday.yaml', (path) => {
      reads++;
      return read(path);
    });
    expect(reads).toBe(1);
    expect(resolved.queues[2]?.arrivals).toEqual([{ from: '19:00', to: '20:00', perHour: 5 }]);
    expect(resolved.queues[1]?.arrivals).toEqual(resolved.queues[0]?.arrivals);
  });

  it.each([
    [
      '{ history: bank.tsv, interval: 0 }',
      'saturday.yaml: queues[0].arrivals.interval: expected an integer from 1 to 1440, found 0',
    ],
    [
      '{ history: bank.tsv, weekday: shabbat }',
      'saturday.yaml: queues[0].arrivals.weekday: expected a weekday (sunday, monday, tuesday, wednesday, thursday, friday, saturday, or its first three letters), found "shabbat"',
    ],
    [
      '{ history: bank.tsv, type: [PS, XX] }',
      'saturday.yaml: queues[0].arrivals.type[1]: expected a call type of bank.tsv (NE, NW, PE, PS, TT), found "XX"',
    ],
    [
      '{ history: bank.tsv, date: "1999-02-30" }',
      'saturday.yaml: queues[0].arrivals.date: expected a date "YYYY-MM-DD" or yymmdd, e.g. "1999-02-10", found "1999-02-30"',
    ],
    [
      '{ history: bank.tsv, weekday: wednesday }',
      'saturday.yaml: queues[0].arrivals.weekday: expected weekday matching at least one day of bank.tsv, found no day',
    ],
    [
      '{ history: bank.tsv, weekly: true }',
      'saturday.yaml: queues[0].arrivals.weekly: expected a known field name, found an unknown field',
    ],
    [
      '{ history: elsewhere.tsv }',
      `saturday.yaml: queues[0].arrivals.history: expected a readable call-history file, found "elsewhere.tsv" (ENOENT: no such file or directory, open 'elsewhere.tsv')`,
    ],
  ])('refuses %s', (arrivals, message) => {
    expect(problems(arrivals)).toEqual([message]);
  });

  it('lets the HistoryError of a history with bad lines through', () => {
    const broken = `${HISTORY_COLUMNS.join('\t')}\nAA0101\t1\n`;
    expect(() =>
      resolveHistoryArrivals(scenario('{ history: broken.tsv }'), 'saturday.yaml', () => broken),
    ).toThrow(HistoryError);
  });
});
