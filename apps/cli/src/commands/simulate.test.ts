import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SimulationResult } from '@relais/sim';
import {
  afterAll,
  afterEach,
  beforeEach,
  describe,
  expect,
  it,
  vi,
  type MockInstance,
} from 'vitest';
import { commands } from '../commands.ts';
import { run } from './simulate.ts';

let log: MockInstance<typeof console.log>;
let error: MockInstance<typeof console.error>;
beforeEach(() => {
  log = vi.spyOn(console, 'log').mockImplementation(() => {});
  error = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

const stderr = (): string => error.mock.calls.map((call) => String(call[0])).join('\n');
const stdout = (): string => log.mock.calls.map((call) => String(call[0])).join('\n');

const folder = mkdtempSync(path.join(tmpdir(), 'relais-simulate-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const SAMPLE = fileURLToPath(
  new URL('../../../../packages/sim/test-fixtures/bank-1999-02-sample.tsv', import.meta.url),
);

/** Writes `text` to `name` in the test folder and returns its path. */
function write(name: string, text: string): string {
  const file = path.join(folder, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}

/** One queue, 3 agents, one hour; `queue` adds or replaces fields of the queue (YAML lines). */
function tiny(queue = ''): string {
  return `
name: tiny
seed: 5
replications: 3
day: { start: "09:00", end: "10:00" }
routing: { strategy: longest-idle }
queues:
  - id: help
    skills: { help: 1 }
    arrivals: [ { from: "09:00", to: "10:00", perHour: 60 } ]
    handleSeconds: { dist: exponential, mean: 150 }
    patienceSeconds: { dist: exponential, mean: 90 }
${queue}
agents:
  - { name: desk, count: 3, skills: { help: 3 } }
`;
}

/** The JSON object on the last line of stdout. */
function lastJson(): SimulationResult {
  return JSON.parse(String(log.mock.calls.at(-1)?.[0])) as SimulationResult;
}

describe('relais simulate flags', () => {
  it.each([
    [
      ['x.yaml', '--replications', '0'],
      "--replications: expected an integer from 1 to 1000000, got '0'",
    ],
    [['x.yaml', '--seed=-1'], '--seed: expected an integer from 0 to 4294967295'],
    [['x.yaml', '--days', 'two'], "--days: expected an integer from 1 to 366, got 'two'"],
    [['x.yaml', '--replicatoins', '3'], "Unknown option '--replicatoins'"],
    [['x.yaml', '--seed'], "Option '--seed <value>' argument missing"],
    [['--json'], 'missing FILE: the scenario to simulate'],
    [['a.yaml', 'b.yaml'], 'expected one scenario FILE, got 2: a.yaml b.yaml'],
  ])('refuses %j with exit code 2 and says what to fix', async (argv, message) => {
    expect(await run(argv)).toBe(2);
    expect(stderr()).toContain(message);
    expect(stderr()).toContain('Usage: relais simulate FILE');
    expect(log).not.toHaveBeenCalled();
  });

  it('prints its help and exits 0, and is a relais command', async () => {
    expect(await run(['--help'])).toBe(0);
    expect(stdout()).toContain('--replications N');
    expect(commands.get('simulate')?.summary).toContain('Simulate a scenario file');
  });
});

describe('relais simulate inputs', () => {
  it('says a missing or unreadable file cannot be read (exit 2)', async () => {
    const missing = path.join(folder, 'nowhere.yaml');
    expect(await run([missing])).toBe(2);
    expect(stderr()).toBe(
      `relais simulate: cannot read the scenario file '${missing}': no such file`,
    );
    error.mockClear();
    expect(await run([folder])).toBe(2);
    expect(stderr()).toContain('it is a folder, not a file');
  });

  it('lists the errors of a bad scenario with file, line and path (exit 2)', async () => {
    const file = write('bad.yaml', tiny().replace('perHour: 60', 'perHour: -3'));
    expect(await run([file, '--json'])).toBe(2);
    expect(stderr()).toBe(
      `${file}:10:56: queues[0].arrivals[0].perHour: expected a number ≥ 0, found -3`,
    );
    expect(log).not.toHaveBeenCalled();
  });

  it('names the bad values of an empirical file, and a missing one (exit 2)', async () => {
    write('values/bad.txt', '120, 180\nabc\n-4,\n');
    const bad = write(
      'bad-values.yaml',
      tiny().replace(
        '{ dist: exponential, mean: 150 }',
        '{ dist: empirical, file: values/bad.txt }',
      ),
    );
    expect(await run([bad])).toBe(2);
    expect(stderr()).toBe(
      [
        'values/bad.txt:2: expected a number ≥ 0 (seconds), found "abc"',
        'values/bad.txt:3: expected a number ≥ 0 (seconds), found "-4"',
      ].join('\n'),
    );
    error.mockClear();
    const missing = write(
      'missing-values.yaml',
      tiny().replace('{ dist: exponential, mean: 90 }', '{ dist: empirical, file: none.txt }'),
    );
    expect(await run([missing])).toBe(2);
    expect(stderr()).toBe(
      `relais simulate: ${missing}: queues[0].patienceSeconds.file: cannot read the values file 'none.txt': no such file`,
    );
  });

  it('refuses bad history options and a history with bad lines (exit 2)', async () => {
    const options = write(
      'history-options.yaml',
      tiny().replace(/arrivals: .*/, 'arrivals: { history: calls/none.tsv, weekday: saturday }'),
    );
    expect(await run([options])).toBe(2);
    expect(stderr()).toBe(
      `${options}: queues[0].arrivals.history: expected a readable call-history file, found "calls/none.tsv" (no such file)`,
    );
    error.mockClear();
    write('calls/broken.tsv', 'vru+line\tcall_id\n');
    const broken = write(
      'history-broken.yaml',
      tiny().replace(/arrivals: .*/, 'arrivals: { history: calls/broken.tsv }'),
    );
    expect(await run([broken])).toBe(2);
    expect(stderr()).toMatch(
      /^calls\/broken\.tsv:1: expected a header of 17 tab-separated columns .*, found 2 columns/,
    );
  });
});

describe('relais simulate', () => {
  it('runs a tiny scenario through the simulator and prints one JSON line last', async () => {
    const file = write('tiny.yaml', tiny());
    expect(await run([file, '--json', '--replications', '2', '--seed', '9'])).toBe(0);
    expect(log).toHaveBeenCalledTimes(1);
    const result = lastJson();
    expect(result).toMatchObject({ scenario: 'tiny', seed: 9, replications: 2, days: 1 });
    for (const figures of [result.totals, result.queues['help']]) {
      expect(figures).toBeDefined();
      const f = figures!;
      expect(f.offered).toBeGreaterThan(20);
      expect(f.offered).toBeLessThan(120);
      expect(f.answered).toBeLessThanOrEqual(f.offered);
      expect(f.answered + f.abandoned + f.blocked).toBeLessThanOrEqual(f.offered + 1e-9);
      expect(f.blocked).toBe(0);
      for (const rate of [f.serviceLevel, f.abandonRate, f.occupancy]) {
        expect(rate).toBeGreaterThanOrEqual(0);
        expect(rate).toBeLessThanOrEqual(1);
      }
      expect(f.asaSeconds).toBeGreaterThanOrEqual(0);
      expect(f.ahtSeconds).toBeGreaterThan(50);
      expect(f.ahtSeconds).toBeLessThan(400);
    }
    expect(Object.keys(result.ci95.queues)).toEqual(['help']);
    expect(result.ci95.totals.offered).toBeGreaterThanOrEqual(0);
    expect(result.perf.contacts).toBeGreaterThan(0);
    expect(result.perf.events).toBeGreaterThan(result.perf.contacts);
    expect(result.perf.wallSeconds).toBeGreaterThan(0);
    // Same seed, same figures.
    expect(await run([file, '--json', '--replications', '2', '--seed', '9'])).toBe(0);
    const again = lastJson();
    expect(again.totals).toEqual(result.totals);
    expect(stderr()).toBe(''); // no progress bar when stderr is not a terminal
  });

  it('prints a table per queue and in total, with the formulas', async () => {
    const file = write(
      'tiny-table.yaml',
      tiny('    serviceLevel: { thresholdSeconds: 30, target: 0.9 }'),
    );
    expect(await run([file, '--replications', '2'])).toBe(0);
    const text = stdout();
    expect(text).toContain('relais simulate: tiny: 2 replications of 1 day (seed 5)');
    expect(text).toMatch(
      /queue\s+offered\s+answered\s+abandoned\s+blocked\s+SL\s+ASA s\s+abandon\s+occupancy\s+AHT s/,
    );
    expect(text).toMatch(/^help\s+\d+\.\d ±\d+\.\d/m);
    expect(text).toMatch(/^total\s+\d+\.\d ±\d+\.\d .*% ±/m);
    expect(text).toContain(
      "help: 90/30, formula 'offered' = answered within 30 s / (answered + abandoned - abandoned within 5 s)",
    );
  });

  it('fits arrivals from a history beside the scenario and draws handle times from a values file', async () => {
    copyFileSync(SAMPLE, path.join(folder, 'calls', 'bank.tsv'));
    write('values/handle.txt', '# seconds\n120, 180\n240\n');
    const file = write(
      'saturday.yaml',
      `
name: saturday-evening
seed: 3
replications: 2
day: { start: "19:00", end: "24:00" }
routing: { strategy: longest-idle }
queues:
  - id: bank
    skills: { bank: 1 }
    arrivals: { history: calls/bank.tsv, interval: 60, weekday: saturday }
    handleSeconds: { dist: empirical, file: values/handle.txt }
agents:
  - { name: tellers, count: 8, skills: { bank: 1 } }
`,
    );
    expect(await run([file, '--json'])).toBe(0);
    const bank = lastJson().queues['bank'];
    // The two Saturdays of the sample offered 183.5 calls a day from 19:00 to 24:00.
    expect(bank?.offered).toBeGreaterThan(140);
    expect(bank?.offered).toBeLessThan(230);
    expect(bank?.ahtSeconds).toBeGreaterThanOrEqual(120);
    expect(bank?.ahtSeconds).toBeLessThanOrEqual(240);
  });
});

describe('relais simulate with campaigns', () => {
  const campaignOnly = (pacing: string) => `
name: outbound
seed: 2
replications: 1
day: { start: "09:00", end: "20:00" }
routing: { strategy: longest-idle }
queues: []
agents: []
campaigns:
  - id: renewals
    mode: predictive
    date: "2026-12-02"
    timeZone: Europe/Paris
    leads: 3000
    agents: 5
    shifts: [ { start: "10:00", end: "11:00" } ]
    calledParty:
      answerRate: 0.3
      machineShare: 0.1
      ringSeconds: { dist: lognormal, mean: 8, sd: 3 }
      talkSeconds: { dist: exponential, mean: 120 }
      wrapUpSeconds: { dist: fixed, value: 10 }
    pacing: ${pacing}
`;

  it('[SIMO3] prints the campaign figures, and JSON with --json', async () => {
    const file = write('campaign.yaml', campaignOnly('{ maxLinesPerAgent: 2 }'));
    expect(await run([file])).toBe(0);
    expect(stdout()).toContain('Outbound campaigns');
    expect(stdout()).toMatch(/renewals\s+predictive\s+5/);
    expect(await run([file, '--json'])).toBe(0);
    const last = JSON.parse(String(log.mock.calls.at(-1)?.[0])) as {
      campaigns: Record<string, { placed: number; talkShare: number }>;
    };
    expect(last.campaigns.renewals?.placed).toBeGreaterThan(0);
    expect(last.campaigns.renewals?.talkShare).toBeGreaterThan(0);
  }, 60_000);

  it('[SIMO3] refuses a bad campaign with the field named and exit code 2', async () => {
    const file = write('bad-campaign.yaml', campaignOnly('{ maxLinesPerAgent: 20 }'));
    expect(await run([file])).toBe(2);
    expect(stderr()).toContain(
      'campaigns[0].pacing.maxLinesPerAgent: expected a number from 1 to 10, found 20',
    );
    expect(log).not.toHaveBeenCalled();
  });
});
