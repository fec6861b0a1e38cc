// The live dialer's history writer on real stores (LIVE11 in packages/dialer/SPEC.md): a write the
// store refuses for good is set aside and the others land in order; a passing failure is retried,
// backing off, and nothing is lost. SQLite always, PostgreSQL when RELAIS_PG_URL is set.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStore, openSqliteStore, type DialerWrite, type Store } from '@relais/store';
import { ManualScheduler } from '../../testing/manual-scheduler.ts';
import { LeadWriter, RETRY_CAP_MS, RETRY_MS } from './lead-writer.ts';

const folder = mkdtempSync(path.join(tmpdir(), 'relais-writer-'));
const pgUrl = process.env['RELAIS_PG_URL'];
const schema = `relais_writer_${randomBytes(6).toString('hex')}`;

afterAll(async () => {
  rmSync(folder, { recursive: true, force: true });
  if (pgUrl === undefined || pgUrl === '') return;
  const client = new pg.Client({ connectionString: pgUrl });
  await client.connect();
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
});

interface Backend {
  readonly name: string;
  /** A migrated store, and one on the same database that is already closed (its calls fail). */
  open(): Promise<{ store: Store; closed: Store }>;
}

const backends: Backend[] = [
  {
    name: 'SQLite',
    async open() {
      const file = path.join(folder, `${randomUUID()}.sqlite`);
      const store = openSqliteStore({ file });
      await store.migrate();
      const closed = openSqliteStore({ file });
      await closed.close();
      return { store, closed };
    },
  },
];
if (pgUrl !== undefined && pgUrl !== '') {
  backends.push({
    name: 'PostgreSQL',
    async open() {
      const store = openPostgresStore({ url: pgUrl, schema });
      await store.migrate();
      const closed = openPostgresStore({ url: pgUrl, schema });
      await closed.close();
      return { store, closed };
    },
  });
} else if (process.env['CI'] === 'true') {
  it('runs on PostgreSQL in CI: RELAIS_PG_URL must be set (see .ci/run)', () => {
    expect.fail('RELAIS_PG_URL is not set');
  });
}

const START_MS = Date.parse('2026-03-02T09:00:00.000Z');

/** A tenant with one campaign and `count` leads. */
async function leadsIn(store: Store, count: number) {
  const tenantId = `tenant-${randomUUID()}`;
  await store.createTenant({ id: tenantId, name: 'Banque Exemple' });
  const campaignId = 'winter';
  await store.putCampaign(tenantId, { id: campaignId, clientId: 'acme', config: {} });
  const leads = Array.from({ length: count }, (_, i) => ({
    id: `lead-${i}`,
    phoneE164: `+336120005${String(i).padStart(2, '0')}`,
    country: 'FR',
    timeZone: 'Europe/Paris',
    holidayCountry: 'FR',
  }));
  await store.importLeadList(
    tenantId,
    {
      id: 'list-1',
      campaignId,
      name: 'Prospects',
      origin: 'formulaire',
      legalBasis: 'consent',
      importedBy: 'user:u1',
      rows: count,
      imported: count,
      merged: 0,
      rejected: 0,
    },
    leads,
    [],
  );
  return { tenantId, campaignId, leadIds: leads.map((lead) => lead.id) };
}

interface Told {
  errors: { pending: number; retryMs: number; atMs: number }[];
  rejected: { write: DialerWrite; campaignId: string; error: unknown }[];
}

/** A writer on a manual clock, with what its hooks were told. */
function writerOn(store: Store, tenantId: string) {
  const clock = new ManualScheduler(START_MS);
  const told: Told = { errors: [], rejected: [] };
  const writer = new LeadWriter(store, tenantId, clock, clock.clock, {
    onError: (_error, pending, retryMs) =>
      told.errors.push({ pending, retryMs, atMs: clock.nowMs }),
    onRejected: (write, campaignId, error) => told.rejected.push({ write, campaignId, error }),
  });
  return { writer, clock, told };
}

/** Runs the writer until its queue is empty, moving the clock to each retry it asks for. */
async function untilWritten(writer: LeadWriter, clock: ManualScheduler, told: Told): Promise<void> {
  for (let tries = 0; tries < 100; tries++) {
    await writer.drained();
    if (writer.pending === 0) return;
    await clock.advance(told.errors.at(-1)?.retryMs ?? 0);
  }
  expect.fail('the writer never emptied its queue');
}

const state = (leadId: string, to: 'dialing' | 'scheduled' | 'done'): DialerWrite => ({
  kind: 'leadState',
  leadId,
  state: to,
});
const attempt = (leadId: string, callId: string, outcome = 'busy'): DialerWrite => ({
  kind: 'attempt',
  callId,
  leadId,
  atMs: START_MS,
  outcome: outcome as 'busy',
});

describe.each(backends)('the dialer history writer on $name', (backend) => {
  it('[LIVE11] a batch with refused writes among good ones: the good ones land in order, the refused are set aside and told, later writes flow', async () => {
    const { store } = await backend.open();
    const { tenantId, campaignId, leadIds } = await leadsIn(store, 4);
    const [a = '', b = '', c = '', d = ''] = leadIds;
    const { writer, told } = writerOn(store, tenantId);
    writer.push(campaignId, [
      state(a, 'dialing'),
      attempt(a, 'c:1'),
      attempt(b, 'c:2', 'bogus'), // the schema's CHECK on outcome refuses it
      state(a, 'scheduled'),
      state(b, 'scheduled'),
      attempt(c, 'c:3'),
      { kind: 'leadState', leadId: c, state: 'lost' as 'done' }, // refused too
      state(c, 'done'),
      attempt(d, 'c:4'),
    ]);
    await writer.drained();

    expect(writer.pending).toBe(0);
    expect(writer.lastError).toBeUndefined();
    expect(told.errors).toEqual([]);
    expect(told.rejected.map((r) => [r.campaignId, r.write.kind, r.write.leadId])).toEqual([
      [campaignId, 'attempt', b],
      [campaignId, 'leadState', c],
    ]);
    expect(told.rejected[0]?.error).toBeInstanceOf(Error);
    // Every good write is stored, each after the ones before it.
    expect(await store.getLead(tenantId, a)).toMatchObject({ state: 'scheduled', attempts: 1 });
    expect(await store.getLead(tenantId, b)).toMatchObject({ state: 'scheduled', attempts: 0 });
    expect(await store.getLead(tenantId, c)).toMatchObject({ state: 'done', attempts: 1 });
    expect(await store.getLead(tenantId, d)).toMatchObject({ attempts: 1 });
    expect(await store.attemptOfCall(tenantId, 'c:1')).toMatchObject({ outcome: 'busy' });
    expect(await store.attemptOfCall(tenantId, 'c:2')).toBeUndefined();

    // The queue is not blocked: what comes next is written at once.
    writer.push(campaignId, [attempt(b, 'c:5'), state(b, 'done')]);
    await writer.drained();
    expect(await store.getLead(tenantId, b)).toMatchObject({ state: 'done', attempts: 1 });
    expect(told.rejected).toHaveLength(2);
    await writer.close();
    await store.close();
  });

  it('[LIVE11] a store that fails for a passing reason: retried after 1 s, then 2 s, 4 s … up to the cap, in order, nothing lost', async () => {
    const { store, closed } = await backend.open();
    const { tenantId, campaignId, leadIds } = await leadsIn(store, 2);
    const [a = '', b = ''] = leadIds;
    // The first 8 batches go to a closed store (a real error of its driver), then to the real one.
    let failures = 8;
    const flaky = Object.create(store) as Store;
    flaky.writeDialerBatch = (id, writes) =>
      failures-- > 0 ? closed.writeDialerBatch(id, writes) : store.writeDialerBatch(id, writes);
    const { writer, clock, told } = writerOn(flaky, tenantId);

    writer.push(campaignId, [state(a, 'dialing'), attempt(a, 'c:1')]);
    await writer.drained();
    expect(told.errors).toEqual([{ pending: 2, retryMs: RETRY_MS, atMs: START_MS }]);
    expect(writer.lastError).toBeDefined();
    // Writes queued meanwhile wait behind the first ones.
    writer.push(campaignId, [state(a, 'scheduled'), attempt(b, 'c:2')]);
    await untilWritten(writer, clock, told);
    expect(told.errors.map((e) => e.retryMs)).toEqual([
      RETRY_MS,
      2 * RETRY_MS,
      4 * RETRY_MS,
      8 * RETRY_MS,
      16 * RETRY_MS,
      32 * RETRY_MS,
      RETRY_CAP_MS,
      RETRY_CAP_MS,
    ]);
    // Each try came when the one before it said.
    for (let i = 1; i < told.errors.length; i++) {
      const before = told.errors[i - 1];
      expect(told.errors[i]?.atMs).toBe((before?.atMs ?? 0) + (before?.retryMs ?? 0));
    }
    expect(told.rejected).toEqual([]);
    expect(writer.pending).toBe(0);
    expect(writer.lastError).toBeUndefined();
    expect(await store.getLead(tenantId, a)).toMatchObject({ state: 'scheduled', attempts: 1 });
    expect(await store.getLead(tenantId, b)).toMatchObject({ attempts: 1 });

    // A success starts the delays again from 1 s.
    failures = 1;
    writer.push(campaignId, [state(b, 'done')]);
    await untilWritten(writer, clock, told);
    expect(told.errors.at(-1)?.retryMs).toBe(RETRY_MS);
    expect(await store.getLead(tenantId, b)).toMatchObject({ state: 'done' });
    await writer.close();
    await store.close();
  });

  it('[LIVE11] a passing failure while a refused batch is split: what landed stays, the rest waits and lands in order', async () => {
    const { store, closed } = await backend.open();
    const { tenantId, campaignId, leadIds } = await leadsIn(store, 2);
    const [a = '', b = ''] = leadIds;
    // Call 1: the whole batch, refused for good; call 2: its first half, written; call 3: its
    // second half, failing for a passing reason (the database gone: the closed store's own
    // error, since a write with a bad value is refused before the database is reached); then
    // the real store again.
    let calls = 0;
    const flaky = Object.create(store) as Store;
    flaky.writeDialerBatch = async (id, writes) => {
      if (++calls === 3) await closed.ping();
      await store.writeDialerBatch(id, writes);
    };
    const { writer, clock, told } = writerOn(flaky, tenantId);
    writer.push(campaignId, [
      state(a, 'dialing'),
      attempt(a, 'c:1'),
      state(b, 'dialing'),
      attempt(b, 'c:2', 'bogus'),
      state(b, 'scheduled'),
    ]);
    await writer.drained();
    expect(told.errors).toHaveLength(1);
    expect(writer.pending).toBe(2);
    expect(await store.getLead(tenantId, a)).toMatchObject({ state: 'dialing', attempts: 1 });
    expect(await store.getLead(tenantId, b)).toMatchObject({ state: 'dialing' });
    await untilWritten(writer, clock, told);
    expect(told.errors).toHaveLength(1);
    expect(told.rejected.map((r) => r.write)).toEqual([attempt(b, 'c:2', 'bogus')]);
    expect(await store.getLead(tenantId, b)).toMatchObject({ state: 'scheduled', attempts: 0 });
    await writer.close();
    await store.close();
  });
});
