import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { createAdmin, holdStoreLease, replayLog } from '@relais/server';
import { openSqliteStore } from '@relais/store';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { run } from './import.ts';

let dir: string;
let log: MockInstance<typeof console.log>;
let error: MockInstance<typeof console.error>;
const stdout = (): string => log.mock.calls.map((call) => String(call[0])).join('\n');
const stderr = (): string => error.mock.calls.map((call) => String(call[0])).join('\n');

/** Writes a CSV file in the test's data directory from a header and rows. */
const csv = (name: string, lines: string[]): string => {
  const file = path.join(dir, name);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
};
const importing = (kind: string, file: string, ...flags: string[]): Promise<number> =>
  run([kind, file, '--data', dir, ...flags]);

async function stored(kind: 'agent' | 'site' | 'queue'): Promise<string[]> {
  const store = openSqliteStore({ file: path.join(dir, 'relais.sqlite') });
  const [tenant] = await store.listTenants();
  const rows = await store.listConfig(tenant?.id ?? '', kind);
  await store.close();
  return rows.map((row) => row.id);
}

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'relais-import-'));
  const store = openSqliteStore({ file: path.join(dir, 'relais.sqlite') });
  await store.migrate();
  await createAdmin(store, 'admin', 'north');
  await store.close();
  log = vi.spyOn(console, 'log').mockImplementation(() => {});
  error = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

async function importNetwork(): Promise<void> {
  expect(
    await importing(
      'sites',
      csv('sites.csv', [
        'id,city,timeZone,positions',
        'rabat,Rabat,Africa/Casablanca,120',
        'fes,Fès,Africa/Casablanca,80',
      ]),
    ),
  ).toBe(0);
  expect(
    await importing('skills', csv('skills.csv', ['id,kind', 'fr,language', 'en,language'])),
  ).toBe(0);
  expect(await importing('clients', csv('clients.csv', ['id,name', 'acme,"Acme, Inc."']))).toBe(0);
  const queues = [
    'id,clientId,channel,skills,sites,serviceLevel.thresholdSeconds,serviceLevel.target,wrapUpSeconds',
    'support,acme,voice,fr:1,rabat fes,20,0.8,10',
  ];
  expect(await importing('queues', csv('queues.csv', queues))).toBe(0);
}

describe('relais import', () => {
  it('imports a whole network, and the engine rebuilt from the log has it', async () => {
    await importNetwork();
    const agents = [
      'id,name,siteId,skills,capacity,autoAnswer',
      'a1,Amina,rabat,fr:7 en:5,voice:1 chat:2,false',
      'a2,Youssef,fes,fr:6,,',
    ];
    expect(await importing('agents', csv('agents.csv', agents))).toBe(0);
    expect(stdout()).toContain('imported 2 agents (2 new, 0 replaced)');
    expect(await stored('agent')).toEqual(['a1', 'a2']);
    const store = openSqliteStore({ file: path.join(dir, 'relais.sqlite') });
    const [tenant] = await store.listTenants();
    const { engine } = await replayLog(tenant?.id ?? '', store);
    await store.close();
    expect(engine.agentStatus('a1')).toMatchObject({ siteId: 'rabat', state: 'loggedOut' });
    expect(engine.queueStatus('support')).toMatchObject({ thresholdSeconds: 20 });
  });

  it('rejects the whole file when any row is bad, listing every bad row with its line and field', async () => {
    await importNetwork();
    const agents = [
      'id,name,siteId,skills',
      'a1,Amina,rabat,fr:7', // fine
      'a2,Omar,casa,fr:6', // unknown site
      'a3,Sara,rabat,fr:11', // proficiency out of range
      'a1,Again,rabat,fr:5', // duplicate id
      ',NoId,rabat,fr:5', // missing id
      'a4,Nadia,rabat,de:5', // unknown skill
    ];
    expect(await importing('agents', csv('agents.csv', agents))).toBe(1);
    const out = stderr();
    expect(out).toContain('5 of 6 rows rejected; nothing imported');
    expect(out).toMatch(/line 3 \(a2\): agent.siteId: .*"casa"/);
    expect(out).toMatch(/line 4 \(a3\): skills.fr: /);
    expect(out).toMatch(/line 5 \(a1\): id: the same id is on line 2/);
    expect(out).toMatch(/line 6: id: /);
    expect(out).toMatch(/line 7 \(a4\): .*de/);
    expect(await stored('agent')).toEqual([]);
  });

  it('a queue of an unknown client is rejected; --dry-run checks and writes nothing', async () => {
    await importNetwork();
    expect(
      await importing(
        'queues',
        csv('q.csv', ['id,clientId,channel,skills', 'sales,globex,voice,fr:1']),
      ),
    ).toBe(1);
    expect(stderr()).toContain('clientId: no client with id "globex"; import clients first');
    expect(
      await importing(
        'queues',
        csv('q2.csv', ['id,clientId,channel,skills', 'sales,acme,voice,fr:1']),
        '--dry-run',
      ),
    ).toBe(0);
    expect(stdout()).toContain(
      'all 1 queues rows are valid (1 new, 0 replaced); --dry-run, nothing imported',
    );
    expect(await stored('queue')).toEqual(['support']);
  });

  it('[SL9] refuses while a server holds the store, saying to import through it; --dry-run runs; after release it imports', async () => {
    await importNetwork();
    // A server on this data directory (this process, as `relais serve` would hold it).
    const server = openSqliteStore({ file: path.join(dir, 'relais.sqlite') });
    const lease = await holdStoreLease(server, {
      purpose: 'relais serve',
      onLost: () => expect.fail('lost the lease'),
      onRenewError: (e) => expect.fail(String(e)),
    });
    const agents = csv('agents.csv', ['id,name,siteId,skills', 'a1,Amina,rabat,fr:7']);
    try {
      expect(await importing('agents', agents)).toBe(1);
      const out = stderr();
      expect(out).toContain(
        `relais import: a server is running on this store: relais serve (pid ${process.pid} on host ${hostname()}) since `,
      );
      expect(out).toContain('Import through it');
      expect(out).toContain('POST /api/v1/imports/KIND');
      expect(out).toContain('or stop it first and run again');
      expect(await stored('agent')).toEqual([]);
      expect(await importing('agents', agents, '--dry-run')).toBe(0);
      expect(stdout()).toContain('all 1 agents rows are valid');
    } finally {
      await lease.release();
      await server.close();
    }
    expect(await importing('agents', agents)).toBe(0);
    expect(await stored('agent')).toEqual(['a1']);
    // The import let go of the store when it was done.
    const store = openSqliteStore({ file: path.join(dir, 'relais.sqlite') });
    expect(await store.readLease()).toBeUndefined();
    await store.close();
  });

  it('refuses unknown columns, malformed CSV, missing files and bad flags', async () => {
    expect(await importing('sites', csv('s.csv', ['id,town', 'rabat,Rabat']))).toBe(1);
    expect(stderr()).toContain(
      'unknown column(s) town; sites files may have: id, city, timeZone, positions',
    );
    expect(await importing('sites', csv('t.csv', ['id,city', 'rabat,"Rabat']))).toBe(1);
    expect(stderr()).toMatch(/t\.csv: .*[Qq]uote/);
    expect(await importing('sites', path.join(dir, 'missing.csv'))).toBe(1);
    expect(stderr()).toContain('ENOENT');
    expect(await run(['robots', 'x.csv'])).toBe(2);
    expect(stderr()).toContain(
      "KIND: expected one of sites, skills, clients, pause-codes, dispositions, queues, agents, got 'robots'",
    );
    expect(await run(['sites'])).toBe(2);
    expect(stderr()).toContain('missing FILE.csv');
  });
});
