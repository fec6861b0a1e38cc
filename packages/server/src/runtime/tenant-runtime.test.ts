// The tenant runtime against a real SQLite store: group commit, replay, and what happens when a
// write fails (the engine is ahead of the log, so the runtime is replaced by a replay).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Command } from '@relais/engine';
import { openSqliteStore, type LogBatch, type Store } from '@relais/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TenantRuntime } from './tenant-runtime.ts';
import { Tenants } from './tenants.ts';

let dir: string;
let store: Store;
let tenantId: string;

/** The store, with appendLog spied on and able to fail on demand (the adapter is real). */
function instrumented(base: Store): Store & { appends: LogBatch[]; failNext: boolean } {
  const spy = Object.create(base) as Store & { appends: LogBatch[]; failNext: boolean };
  spy.appends = [];
  spy.failNext = false;
  spy.appendLog = async (tenant: string, batch: LogBatch) => {
    if (spy.failNext) {
      spy.failNext = false;
      throw new Error('disk full');
    }
    spy.appends.push(batch);
    return base.appendLog(tenant, batch);
  };
  return spy;
}

const network: Command[] = [
  {
    type: 'configureSite',
    site: { id: 'rabat', city: 'Rabat', timeZone: 'Africa/Casablanca', positions: 5 },
  },
  { type: 'configureSkill', skill: { id: 'fr' } },
  {
    type: 'configureQueue',
    queue: { id: 'q', clientId: 'acme', channel: 'voice', skills: { fr: 1 } },
  },
  { type: 'configureAgent', agent: { id: 'a1', siteId: 'rabat', skills: { fr: 5 } } },
];
const arrive = (contactId: string): Command => ({
  type: 'arrive',
  contact: { contactId, queueId: 'q' },
});

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'relais-runtime-'));
  store = openSqliteStore({ file: path.join(dir, 'relais.sqlite') });
  await store.migrate();
  tenantId = (await store.createTenant({ id: randomUUID(), name: 'north' })).id;
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('TenantRuntime', () => {
  it('writes the commands of one event-loop turn in one transaction', async () => {
    const spy = instrumented(store);
    const runtime = await TenantRuntime.open(tenantId, spy);
    await Promise.all(network.map((command) => runtime.execute(command)));
    expect(spy.appends).toHaveLength(1);
    expect(spy.appends[0]?.commands.map((c) => c.seq)).toEqual([1, 2, 3, 4]);
    await runtime.close();
  });

  it('rebuilds the same engine from the log', async () => {
    const runtime = await TenantRuntime.open(tenantId, store);
    for (const command of network) await runtime.execute(command);
    await runtime.execute({ type: 'login', agentId: 'a1' });
    await runtime.execute({ type: 'makeAvailable', agentId: 'a1' });
    await runtime.execute(arrive('c1'));
    await runtime.execute(arrive('c2'));
    await expect(
      runtime.execute({ type: 'accept', agentId: 'a1', contactId: 'nope' }),
    ).rejects.toThrow(/nope/);
    // The refused accept changed nothing, not even the clock (SPEC ERR1): the replay is identical.
    const live = runtime.engine.inspect();
    await runtime.close();
    const again = await TenantRuntime.open(tenantId, store);
    expect(again.engine.inspect()).toEqual(live);
    await again.close();
  });

  it('applies a command at once for synchronous hosts, and logs it like execute', async () => {
    const runtime = await TenantRuntime.open(tenantId, store);
    for (const command of network) await runtime.execute(command);
    await runtime.execute({ type: 'login', agentId: 'a1' });
    await runtime.execute({ type: 'makeAvailable', agentId: 'a1' });
    const seen: string[] = [];
    runtime.subscribe((events) => seen.push(...events.map((e) => e.type)));
    const applied: number[] = [];
    const stop = runtime.onApplied((events) => applied.push(...events.map((e) => e.seq)));
    const { events, durable } = runtime.applyNowDurableLater(arrive('c1'));
    // The offer is known in this turn; subscribers hear of it once it is written, the hosts
    // listening to applied steps at once.
    expect(events.map((e) => e.type)).toContain('contactOffered');
    expect(seen).toEqual([]);
    expect(applied).toEqual(events.map((e) => e.seq));
    stop();
    await durable;
    expect(seen).toEqual(events.map((e) => e.type));
    expect(() =>
      runtime.applyNowDurableLater({ type: 'accept', agentId: 'a1', contactId: 'nope' }),
    ).toThrow(/nope/);
    const live = runtime.engine.inspect();
    await runtime.close();
    const again = await TenantRuntime.open(tenantId, store);
    expect(again.engine.inspect()).toEqual(live);
    await again.close();
  });

  it('a failed write rejects its callers, and the next use replays the log without the lost step', async () => {
    const spy = instrumented(store);
    const tenants = new Tenants(spy);
    const runtime = await tenants.get(tenantId);
    for (const command of network) await runtime.execute(command);
    spy.failNext = true;
    await expect(runtime.execute(arrive('lost'))).rejects.toThrow('disk full');
    expect(runtime.failed).toBe(true);
    // The engine did take the arrival; the log did not: this runtime must not answer again.
    await expect(runtime.execute(arrive('after'))).rejects.toThrow(/could not be written/);
    const rebuilt = await tenants.get(tenantId);
    expect(rebuilt).not.toBe(runtime);
    expect(rebuilt.engine.inspect().contacts).toEqual([]);
    await rebuilt.execute(arrive('after'));
    expect(rebuilt.engine.inspect().contacts.map((c) => c.id)).toEqual(['after']);
    await tenants.closeAll();
  });

  it('a second request with the same Idempotency-Key whose store read raced the first gets its answer', async () => {
    // The second read is slow: it starts before the first request is written, ends after.
    let reads = 0;
    const slow = Object.create(store) as Store;
    slow.getIdempotent = async (tenant: string, key: string) => {
      const found = await store.getIdempotent(tenant, key);
      if (++reads === 2) await new Promise((resolve) => setTimeout(resolve, 50));
      return found;
    };
    // No key filter: every key is read from the store, as before the filter has loaded.
    slow.listIdempotencyKeys = () => Promise.reject(new Error('not now'));
    const runtime = await TenantRuntime.open(tenantId, slow);
    for (const command of network) await runtime.execute(command);
    const answer = (): { status: number; body: unknown } => ({ status: 201, body: { id: 'c1' } });
    const [first, second] = await Promise.all([
      runtime.idempotent('k', 'h', arrive('c1'), answer),
      runtime.idempotent('k', 'h', arrive('c1'), answer),
    ]);
    expect(second).toEqual(first);
    expect(runtime.engine.inspect().contacts.map((c) => c.id)).toEqual(['c1']);
    await runtime.close();
  });

  it('once its key filter has loaded, a new Idempotency-Key is not looked up; a stored one still is, after a restart too', async () => {
    let lookups = 0;
    const counting = Object.create(store) as Store;
    counting.getIdempotent = (tenant: string, key: string) => {
      lookups++;
      return store.getIdempotent(tenant, key);
    };
    const until = async (runtime: TenantRuntime): Promise<void> => {
      for (let i = 0; i < 200 && !runtime.keyFilterLoaded; i++) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      expect(runtime.keyFilterLoaded).toBe(true);
    };
    const answer = (): { status: number; body: unknown } => ({ status: 201, body: { id: 'c1' } });
    const runtime = await TenantRuntime.open(tenantId, counting);
    for (const command of network) await runtime.execute(command);
    await until(runtime);
    const first = await runtime.idempotent('ivr-1', 'h', arrive('c1'), answer);
    expect(lookups).toBe(0);
    // The same key again: answered from memory, nothing applied twice.
    expect(await runtime.idempotent('ivr-1', 'h', arrive('c1'), answer)).toEqual(first);
    await runtime.close();

    const again = await TenantRuntime.open(tenantId, counting);
    await until(again);
    expect(await again.idempotent('ivr-1', 'h', arrive('c1'), answer)).toEqual(first);
    expect(lookups).toBe(1);
    await expect(again.idempotent('ivr-1', 'other body', arrive('c1'), answer)).rejects.toThrow(
      /already used with a different request body/,
    );
    expect(lookups).toBe(2);
    await again.idempotent('ivr-2', 'h', arrive('c2'), answer);
    expect(lookups).toBe(2);
    expect(
      again.engine
        .inspect()
        .contacts.map((c) => c.id)
        .sort(),
    ).toEqual(['c1', 'c2']);
    await again.close();
  });
});
