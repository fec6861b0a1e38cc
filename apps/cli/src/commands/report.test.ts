import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Command } from '@relais/engine';
import { createAdmin, TenantRuntime } from '@relais/server';
import { openSqliteStore } from '@relais/store';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { run } from './report.ts';

let dir: string;
let log: MockInstance<typeof console.log>;
let error: MockInstance<typeof console.error>;
let write: MockInstance<typeof process.stdout.write>;
const stdout = (): string =>
  [...log.mock.calls.map((c) => String(c[0])), ...write.mock.calls.map((c) => String(c[0]))].join(
    '\n',
  );
const stderr = (): string => error.mock.calls.map((call) => String(call[0])).join('\n');

const START = Date.UTC(2026, 3, 6, 9, 0); // 10:00 in Casablanca

/** A day on the real server runtime: c1 answered after 12 s and completed, c2 abandoned after 30 s. */
async function day(): Promise<void> {
  const store = openSqliteStore({ file: path.join(dir, 'relais.sqlite') });
  await store.migrate();
  const { tenantId } = await createAdmin(store, 'admin', 'north');
  let now = START;
  const runtime = await TenantRuntime.open(tenantId, store, { clock: () => now });
  const steps: [number, Command][] = [
    [
      0,
      {
        type: 'configureSite',
        site: { id: 'rabat', city: 'Rabat', timeZone: 'Africa/Casablanca', positions: 10 },
      },
    ],
    [0, { type: 'configureSkill', skill: { id: 'fr' } }],
    [
      0,
      {
        type: 'configureQueue',
        queue: { id: 'support', clientId: 'acme', channel: 'voice', skills: { fr: 1 } },
      },
    ],
    [0, { type: 'configureAgent', agent: { id: 'a1', siteId: 'rabat', skills: { fr: 5 } } }],
    [0, { type: 'login', agentId: 'a1' }],
    [0, { type: 'makeAvailable', agentId: 'a1' }],
    [60, { type: 'arrive', contact: { contactId: 'c1', queueId: 'support' } }],
    [72, { type: 'accept', agentId: 'a1', contactId: 'c1' }],
    [100, { type: 'arrive', contact: { contactId: 'c2', queueId: 'support' } }],
    [130, { type: 'abandon', contactId: 'c2' }],
    [372, { type: 'end', contactId: 'c1' }],
  ];
  for (const [seconds, command] of steps) {
    now = START + seconds * 1000;
    await runtime.execute(command);
  }
  await runtime.close();
  await store.close();
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'relais-report-'));
  log = vi.spyOn(console, 'log').mockImplementation(() => {});
  error = vi.spyOn(console, 'error').mockImplementation(() => {});
  write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

const DAY = ['--from', '2026-04-06', '--to', '2026-04-07', '--data'];

describe('relais report', () => {
  it('reads the log without a server: JSON with totals and formulas', async () => {
    await day();
    expect(await run([...DAY, dir, '--format', 'json'])).toBe(0);
    const report = JSON.parse(stdout().trim().split('\n').at(-1) ?? '{}') as {
      zone: string;
      totals: { id: string; counters: Record<string, number>; kpis: Record<string, number> }[];
    };
    expect(report.zone).toBe('Africa/Casablanca');
    expect(report.totals[0]).toMatchObject({
      id: 'support',
      counters: { offered: 2, answered: 1, abandoned: 1, waitAnsweredMs: 12_000 },
      kpis: { serviceLevel: 0.5, asaSeconds: 12 },
    });
  });

  it('prints a table (with the formulas) and CSV', async () => {
    await day();
    expect(await run([...DAY, dir])).toBe(0);
    expect(stdout()).toContain('queue report, 30-minute intervals in Africa/Casablanca');
    expect(stdout()).toMatch(/support\s+2026-04-06T10:00\s+2\s+1\s+1\s+50\.0%\s+12\.0 s/);
    expect(stdout()).toContain('support: offered = ans(T) / (ans + ab − short), T = 20 s');
    log.mockClear();
    write.mockClear();
    expect(
      await run([...DAY, dir, '--format', 'csv', '--separator', ';', '--dimension', 'agent']),
    ).toBe(0);
    expect(stdout().startsWith('\uFEFFagent;start;')).toBe(true);
  });

  it('refuses bad flags with exit code 2 and says what to fix', async () => {
    await day();
    const cases: [string[], RegExp][] = [
      [['--to', '2026-04-07', '--data', dir], /--from is required/],
      [[...DAY, dir, '--interval', '20'], /--interval: expected one of 15, 30, 60/],
      [
        [...DAY, dir, '--dimension', 'planet'],
        /--dimension: expected one of queue, client, site, agent/,
      ],
      [[...DAY, dir, '--zone', 'Mars/Olympus'], /unknown time zone "Mars\/Olympus"/],
      [
        ['--from', '2026-04-08', '--to', '2026-04-07', '--data', dir],
        /--to: expected after --from/,
      ],
      [['--from', 'yesterday', '--to', '2026-04-07', '--data', dir], /expected a local date/],
      [[...DAY, dir, '--colour'], /Unknown option '--colour'/],
    ];
    for (const [argv, message] of cases) {
      error.mockClear();
      expect(await run(argv), argv.join(' ')).toBe(2);
      expect(stderr(), argv.join(' ')).toMatch(message);
    }
  });
});
