import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeClock, makeCommands, makeEvents, makeTenant, makeUser } from '../contract/builders.ts';
import { describeStoreContract } from '../contract/store-contract.ts';
import { openStore } from '../open-store.ts';
import { refusedForGood } from '../refusals.ts';
import { SqliteDatabase } from './sqlite-database.ts';
import { openSqliteStore, sqliteFileIn } from './sqlite-store.ts';

const folder = mkdtempSync(path.join(tmpdir(), 'relais-store-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describeStoreContract('SqliteStore', (now) =>
  openSqliteStore({ file: path.join(folder, 'contract.sqlite'), now }),
);

// The same contract with the group commits on a worker thread (what the server runs).
describeStoreContract('SqliteStore with the log writer on a worker thread', (now) =>
  openSqliteStore({ file: path.join(folder, 'contract-worker.sqlite'), now, logWriter: 'worker' }),
);

describe('SqliteStore on its file', () => {
  it('keeps everything when the file is opened again', async () => {
    const file = path.join(folder, 'reopen.sqlite');
    const { now } = makeClock();
    const first = openSqliteStore({ file, now });
    await first.migrate();
    const tenant = await first.createTenant(makeTenant());
    const config = await first.putConfig(tenant.id, 'queue', 'q1', { clientId: 'acme' });
    const user = await first.createUser(makeUser(tenant.id));
    await first.appendLog(tenant.id, { commands: makeCommands(1, 3), events: makeEvents(1, 4) });
    await first.saveSnapshot(tenant.id, { commandSeq: 3, eventSeq: 4, atMs: 9, state: { s: 1 } });
    await first.close();

    const second = openSqliteStore({ file, now });
    await second.migrate();
    expect(await second.listTenants()).toEqual([tenant]);
    expect(await second.getConfig(tenant.id, 'queue', 'q1')).toEqual(config);
    expect(await second.findUserByUsername(user.username)).toEqual(user);
    expect(await second.readCommands(tenant.id, 0, 10)).toEqual(makeCommands(1, 3));
    expect(await second.readEvents(tenant.id, {})).toEqual(makeEvents(1, 4));
    expect((await second.latestSnapshot(tenant.id))?.state).toEqual({ s: 1 });
    await second.close();
  });

  it('opens relais.sqlite in a data directory, in WAL mode with foreign keys', async () => {
    const dataDir = path.join(folder, 'data', 'nested');
    const store = openStore({ dataDir });
    await store.migrate();
    await store.close();
    const db = new Database(sqliteFileIn(dataDir), { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['schema_migrations', 'events', 'commands']));
    db.close();
  });

  it('queues calls so another caller never runs inside a transaction', async () => {
    const store = openSqliteStore({ file: ':memory:' });
    await store.migrate();
    const tenant = await store.createTenant(makeTenant());
    // The refused batch rolls back; the config write issued meanwhile must survive it.
    const refused = store.appendLog(tenant.id, { commands: makeCommands(2, 1), events: [] });
    const written = store.putConfig(tenant.id, 'site', 'paris', {});
    await expect(refused).rejects.toMatchObject({ code: 'LogGap' });
    await written;
    expect(await store.getConfig(tenant.id, 'site', 'paris')).toBeDefined();
    await store.close();
  });
});

describe('refusedForGood on SQLite’s own errors', () => {
  const failure = (work: () => Promise<unknown>): Promise<unknown> =>
    work().then(
      () => expect.fail('the call should have failed'),
      (error: unknown) => error,
    );

  it('a value of the wrong type is refused for good', async () => {
    const db = SqliteDatabase.open({ file: ':memory:' });
    await db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)');
    const error = await failure(() => db.run('INSERT INTO t (id) VALUES (?)', ['x']));
    expect(error).toMatchObject({ code: 'SQLITE_MISMATCH' });
    expect(refusedForGood(error)).toBe(true);
    await db.close();
  });

  it('a write lock held by another connection (SQLITE_BUSY) and a closed store may pass', async () => {
    const file = path.join(folder, 'busy.sqlite');
    const db = SqliteDatabase.open({ file });
    await db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY); PRAGMA busy_timeout = 0');
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    const busy = await failure(() =>
      db.transaction((tx) => tx.run('INSERT INTO t DEFAULT VALUES')),
    );
    expect(busy).toMatchObject({ code: 'SQLITE_BUSY' });
    expect(refusedForGood(busy)).toBe(false);
    other.exec('ROLLBACK');
    other.close();
    await db.close();

    const store = openSqliteStore({ file: path.join(folder, 'closed.sqlite') });
    await store.migrate();
    await store.close();
    const closed = await failure(() =>
      store.writeDialerBatch('t1', [{ kind: 'leadState', leadId: 'l1', state: 'done' }]),
    );
    expect(refusedForGood(closed)).toBe(false);
  });
});
