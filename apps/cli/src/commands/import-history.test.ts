import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAdmin } from '@relais/server';
import { openSqliteStore } from '@relais/store';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { run as report } from './report.ts';
import { run } from './import-history.ts';

const BANK = fileURLToPath(
  new URL('../../../../data/anonymous-bank-1999-02-days01-21.tsv', import.meta.url),
);
let dir: string;
let log: MockInstance<typeof console.log>;
let error: MockInstance<typeof console.error>;
const stdout = (): string => log.mock.calls.map((c) => String(c[0])).join('\n');
const stderr = (): string => error.mock.calls.map((c) => String(c[0])).join('\n');

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'relais-history-'));
  const store = openSqliteStore({ file: path.join(dir, 'relais.sqlite') });
  await store.migrate();
  await createAdmin(store, 'admin', 'bank');
  await store.close();
  log = vi.spyOn(console, 'log').mockImplementation(() => {});
  error = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const totals = async (): Promise<Record<string, number>> => {
  log.mockClear();
  const argv = [
    '--from',
    '1999-02-01',
    '--to',
    '1999-02-22',
    '--zone',
    'Asia/Jerusalem',
    '--interval',
    '60',
    '--format',
    'json',
    '--data',
    dir,
  ];
  expect(await report(argv)).toBe(0);
  const parsed = JSON.parse(stdout().trim().split('\n').at(-1) ?? '{}') as {
    total: { counters: Record<string, number>; kpis: Record<string, number> };
  };
  return { ...parsed.total.counters, aht: parsed.total.kpis.ahtSeconds ?? 0 };
};

describe('relais import-history', () => {
  it('[real data] imports the bank file; reports give its README totals; importing again replaces', async () => {
    expect(
      await run([BANK, '--format', 'anonymous-bank', '--zone', 'Asia/Jerusalem', '--data', dir]),
    ).toBe(0);
    expect(stdout()).toMatch(/imported 23954 calls of 6 queues/);
    const first = await totals();
    expect(first).toMatchObject({ offered: 23_954, answered: 20_868, abandoned: 3_086 });
    expect(first.aht).toBeCloseTo(171.76, 2);
    expect(
      await run([BANK, '--format', 'anonymous-bank', '--zone', 'Asia/Jerusalem', '--data', dir]),
    ).toBe(0);
    expect(await totals()).toEqual(first);
  });

  it('refuses a file with bad rows (line and field named) unless --skip-bad', async () => {
    const file = path.join(dir, 'calls.csv');
    writeFileSync(
      file,
      [
        'start,skill,wait_s,talk_s,result',
        '2026-04-06 10:00:05,sales,12,180,answered',
        '2026-04-06 10:01:00,sales,oops,0,abandoned',
        '2026-04-06 10:02:00,sales,40,0,abandoned',
      ].join('\n'),
    );
    const map = 'arrival=start,queue=skill,wait=wait_s,handle=talk_s,outcome=result';
    const argv = [file, '--format', 'csv', '--map', map, '--zone', 'Europe/Paris', '--data', dir];
    expect(await run(argv)).toBe(1);
    expect(stderr()).toMatch(/nothing imported/);
    expect(stderr()).toMatch(/calls\.csv:3: wait/);
    expect(await run([...argv, '--skip-bad'])).toBe(0);
    expect(stdout()).toMatch(/imported 2 calls/);
  });

  it('refuses bad flags with exit code 2', async () => {
    const cases: [string[], RegExp][] = [
      [[BANK, '--format', 'anonymous-bank', '--data', dir], /--zone is required/],
      [
        [BANK, '--format', 'anonymous-bank', '--zone', 'Nowhere/City', '--data', dir],
        /--zone: unknown time zone/,
      ],
      [
        [BANK, '--format', 'xls', '--zone', 'UTC', '--data', dir],
        /--format: expected one of anonymous-bank, csv/,
      ],
      [[BANK, '--format', 'csv', '--zone', 'UTC', '--data', dir], /--format csv needs --map/],
      [['--format', 'csv', '--zone', 'UTC', '--data', dir], /missing FILE/],
      [
        [
          path.join(dir, 'missing.tsv'),
          '--format',
          'anonymous-bank',
          '--zone',
          'UTC',
          '--data',
          dir,
        ],
        /missing\.tsv/,
      ],
    ];
    for (const [argv, message] of cases) {
      error.mockClear();
      expect(await run(argv), argv.join(' ')).toBe(2);
      expect(stderr(), argv.join(' ')).toMatch(message);
    }
  });
});
