// Snapshots against a real SQLite store: the follower makes them from the durable log, recovery
// starts from the latest usable one and skips one it cannot trust (saying why), and the
// snapshot thread does the same off the server's event loop.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Command } from '@relais/engine';
import { openSqliteStore, type Snapshot, type Store } from '@relais/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SnapshotFollower, type FollowResult } from './snapshot-follower.ts';
import { restoreSnapshot } from './snapshots.ts';
import { SnapshotWorker } from './snapshot-worker.ts';
import { TenantRuntime, replayLog, type Recovery } from './tenant-runtime.ts';

let dir: string;
let file: string;
let store: Store;
let tenantId: string;

const setup: Command[] = [
  {
    type: 'configureSite',
    site: { id: 'rabat', city: 'Rabat', timeZone: 'Africa/Casablanca', positions: 5 },
  },
  { type: 'configureSkill', skill: { id: 'fr' } },
  {
    type: 'configureQueue',
    queue: { id: 'q', clientId: 'acme', channel: 'voice', skills: { fr: 1 }, homeSiteId: 'rabat' },
  },
  { type: 'configureAgent', agent: { id: 'a1', siteId: 'rabat', skills: { fr: 5 } } },
  { type: 'configureAgent', agent: { id: 'a2', siteId: 'rabat', skills: { fr: 3 } } },
  { type: 'login', agentId: 'a1' },
  { type: 'makeAvailable', agentId: 'a1' },
  { type: 'login', agentId: 'a2' },
  { type: 'makeAvailable', agentId: 'a2' },
];
const arrive = (contactId: string): Command => ({
  type: 'arrive',
  contact: { contactId, queueId: 'q' },
});

async function open(
  target: Store = store,
): Promise<{ runtime: TenantRuntime; recovery: Recovery }> {
  let recovery: Recovery | undefined;
  const runtime = await TenantRuntime.open(tenantId, target, {
    onRecovered: (r) => (recovery = r),
  });
  return { runtime, recovery: recovery as Recovery };
}

/** Nine setup commands and `arrivals` arrivals (c1, c2, …). */
async function fill(runtime: TenantRuntime, arrivals = 6): Promise<void> {
  for (const command of setup) await runtime.execute(command);
  for (let i = 1; i <= arrivals; i++) await runtime.execute(arrive(`c${i}`));
}

const saved = (results: FollowResult[]): (number | string)[] =>
  results.map((r) => ('saved' in r ? r.saved.commandSeq : r.error));

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'relais-snapshots-'));
  file = path.join(dir, 'relais.sqlite');
  store = openSqliteStore({ file });
  await store.migrate();
  tenantId = (await store.createTenant({ id: randomUUID(), name: 'north' })).id;
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('snapshots', () => {
  it('the follower saves one when enough commands were logged; a restart replays only what follows', async () => {
    const { runtime } = await open();
    const follower = new SnapshotFollower(store, { every: 5 });
    expect(await follower.pass()).toEqual([]);
    await fill(runtime);
    expect(saved(await follower.pass())).toEqual([15]);
    expect(await follower.pass()).toEqual([]);
    for (let i = 7; i <= 10; i++) await runtime.execute(arrive(`c${i}`));
    expect(await follower.pass()).toEqual([]);
    await runtime.execute({ type: 'accept', agentId: 'a1', contactId: 'c1' });
    expect(saved(await follower.pass())).toEqual([20]);
    await runtime.execute({ type: 'end', contactId: 'c1' });
    const live = runtime.engine.inspect();
    await runtime.close();

    const again = await open();
    expect(again.recovery).toEqual({ tenantId, fromCommandSeq: 20, replayed: 1 });
    expect(again.runtime.engine.inspect()).toEqual(live);
    // The same as a replay of the whole log, and it goes on from there.
    const full = await replayLog(tenantId, store, { useSnapshots: false });
    expect(full.recovery).toEqual({ tenantId, fromCommandSeq: 0, replayed: 21 });
    expect(full.engine.inspect()).toEqual(live);
    await again.runtime.execute(arrive('c11'));
    await again.runtime.close();
  });

  it('the follower rebuilds a tenant once, then applies only what was logged since its last pass', async () => {
    const { runtime } = await open();
    await fill(runtime);
    const reads: number[] = [];
    let restores = 0;
    const counting = Object.create(store) as Store;
    counting.readCommands = (tenant, after, limit) => {
      reads.push(after);
      return store.readCommands(tenant, after, limit);
    };
    counting.latestSnapshot = (tenant) => {
      restores++;
      return store.latestSnapshot(tenant);
    };
    const follower = new SnapshotFollower(counting, { every: 5 });
    expect(saved(await follower.pass())).toEqual([15]);
    const firstPassRestores = restores;
    await runtime.execute(arrive('c7'));
    await runtime.execute(arrive('c8'));
    expect(await follower.pass()).toEqual([]);
    for (let i = 9; i <= 11; i++) await runtime.execute(arrive(`c${i}`));
    expect(saved(await follower.pass())).toEqual([20]);
    // The whole log once, then from where each pass stopped; no snapshot read again.
    expect(reads).toEqual([0, 15, 17]);
    expect(restores).toBe(firstPassRestores);
    const latest = (await store.latestSnapshot(tenantId)) as Snapshot;
    const restored = restoreSnapshot(latest, undefined);
    if ('unusable' in restored) throw new Error(restored.unusable);
    expect(restored.engine.inspect()).toEqual(runtime.engine.inspect());
    await runtime.close();
  });

  it('a snapshot written by other engine code, or broken, is skipped; the follower replaces it', async () => {
    const { runtime } = await open();
    await fill(runtime);
    await new SnapshotFollower(store, { every: 5 }).pass();
    const live = runtime.engine.inspect();
    await runtime.close();
    const latest = (await store.latestSnapshot(tenantId)) as Snapshot;
    const state = latest.state as Record<string, unknown>;

    await store.saveSnapshot(tenantId, { ...latest, state: { ...state, engineCode: 'older' } });
    const stale = await open();
    expect(stale.recovery).toEqual({
      tenantId,
      fromCommandSeq: 0,
      replayed: 15,
      snapshotSkipped: 'it was written by another version of the engine',
    });
    expect(stale.runtime.engine.inspect()).toEqual(live);
    await stale.runtime.execute(arrive('c7'));
    await stale.runtime.close();

    await store.saveSnapshot(tenantId, { ...latest, state: { ...state, gzip: 'bm90IGd6aXA=' } });
    const broken = await open();
    expect(broken.recovery.snapshotSkipped).toMatch(/its state cannot be read/);
    await broken.runtime.close();

    // A fresh follower (a restarted server) finds the log past the latest snapshot: a new one.
    const results = await new SnapshotFollower(store, { every: 1 }).pass();
    expect(results).toMatchObject([
      {
        tenantId,
        saved: {
          commandSeq: 16,
          snapshotSkipped: expect.stringMatching(/cannot be read/) as string,
        },
      },
    ]);
    expect((await open()).recovery).toEqual({ tenantId, fromCommandSeq: 16, replayed: 0 });
  });

  it('the log wins over a snapshot that does not match it', async () => {
    const { runtime } = await open();
    await fill(runtime, 1);
    await new SnapshotFollower(store, { every: 5 }).pass();
    const older = (await store.latestSnapshot(tenantId)) as Snapshot;
    expect(older.commandSeq).toBe(10);
    await runtime.execute(arrive('c2'));
    const live = runtime.engine.inspect();
    await runtime.close();
    // The state after command 10 claimed to be after command 30: the log has more events.
    await store.saveSnapshot(tenantId, { ...older, commandSeq: 30 });
    const again = await open();
    expect(again.recovery.fromCommandSeq).toBe(0);
    expect(again.recovery.snapshotSkipped).toMatch(/does not match the log/);
    expect(again.runtime.engine.inspect()).toEqual(live);
    await again.runtime.close();
  });

  it('a tenant whose snapshot cannot be made is reported; the others get theirs, and it is tried again', async () => {
    const other = (await store.createTenant({ id: randomUUID(), name: 'south' })).id;
    for (const id of [tenantId, other]) {
      const runtime = await TenantRuntime.open(id, store);
      await fill(runtime, 1);
      await runtime.close();
    }
    let failures = 1;
    const flaky = Object.create(store) as Store;
    flaky.saveSnapshot = async (tenant: string, snapshot: Snapshot) => {
      if (tenant === tenantId && failures-- > 0) throw new Error('disk full');
      return store.saveSnapshot(tenant, snapshot);
    };
    const follower = new SnapshotFollower(flaky, { every: 5 });
    const first = await follower.pass();
    expect(first).toContainEqual({ tenantId, error: 'Error: disk full' });
    expect(first).toContainEqual({
      tenantId: other,
      saved: expect.objectContaining({ commandSeq: 10 }) as object,
    });
    expect(await follower.pass()).toEqual([
      { tenantId, saved: expect.objectContaining({ commandSeq: 10 }) as object },
    ]);
  });

  it('snapshots made while the log grows hold exactly the state at their command', async () => {
    const { runtime } = await open();
    for (const command of setup) await runtime.execute(command);
    const follower = new SnapshotFollower(store, { every: 3 });
    const passes: Promise<FollowResult[]>[] = [];
    for (let i = 1; i <= 40; i++) {
      void runtime.execute(arrive(`c${i}`));
      if (i % 4 === 0) passes.push(follower.pass());
    }
    await Promise.all(passes);
    await runtime.close();
    const latest = (await store.latestSnapshot(tenantId)) as Snapshot;
    const restored = restoreSnapshot(latest, undefined);
    if ('unusable' in restored) throw new Error(restored.unusable);
    const replayed = await replayLog(tenantId, store, {
      useSnapshots: false,
      until: { command: latest.commandSeq, event: latest.eventSeq },
    });
    expect(restored.engine.inspect()).toEqual(replayed.engine.inspect());
    expect(restored.directory.save()).toEqual(replayed.directory.save());
  });

  it('the snapshot thread makes them off the event loop, on its own connection', async () => {
    const { runtime } = await open();
    await fill(runtime);
    const results: FollowResult[] = [];
    const worker = SnapshotWorker.start({
      store: { kind: 'sqlite', file },
      follower: { every: 5 },
      intervalMs: 100,
      onResult: (result) => results.push(result),
    });
    for (let waited = 0; results.length === 0 && waited < 20_000; waited += 50) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    // On Linux, at a lower priority than the threads serving requests (nice is per thread).
    const niceOf = (tid: string): number => {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    };
    const niced = readdirSync('/proc/self/task').filter((tid) => niceOf(tid) === 19);
    await worker.stop();
    expect(saved(results)).toEqual([15]);
    expect(niceOf(String(process.pid))).toBe(0);
    expect(niced).toHaveLength(1);
    await runtime.close();
    expect((await open()).recovery).toEqual({ tenantId, fromCommandSeq: 15, replayed: 0 });
  });
});
