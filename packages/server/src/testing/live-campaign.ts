// A live campaign on a real server for tests: a manual clock, a French campaign over generated
// leads, agents that answer at once, and the calls the test needs to drive it.
import type { CalledPartySpec } from '@relais/sim';
import type { DialerWrite, Store } from '@relais/store';
import { afterEach, expect, it } from 'vitest';
import type { OutboundCallsFactory } from '../campaigns/live/outbound-calls.ts';
import { simulatedCalls } from '../campaigns/live/simulated-calls.ts';
import { Harness, site } from './harness.ts';
import { ManualScheduler } from './manual-scheduler.ts';
import { openTestStore, POSTGRES_MISSING_IN_CI, type TestBackend } from './test-stores.ts';

// A Tuesday, 10:30 in Paris: inside the French calling hours.
export const OPEN = Date.parse('2026-12-01T09:30:00Z');
export const CSV = { 'content-type': 'text/csv' };

/** Everyone answers in person after 5 s and talks for 60 s. */
export const PEOPLE: CalledPartySpec = {
  answerRate: 1,
  machineShare: 0,
  busyRate: 0,
  wrongNumberRate: 0,
  failedRate: 0,
  ringSeconds: { dist: 'fixed', value: 5 },
  talkSeconds: { dist: 'fixed', value: 60 },
  wrapUpSeconds: { dist: 'fixed', value: 0 },
  dispositions: {},
};

export interface Stats {
  state: string;
  effectiveMode: string;
  dialLevel: number;
  linesInUse: number;
  agents: { loggedIn: number; available: number; onCall: number; wrapUp: number };
  today: { placed: number; answeredHuman: number; abandoned: number; success: number };
  leadsByState: Record<string, number>;
}

export const leadsCsv = (count: number, first = 1) =>
  [
    'tel;prenom;contrat',
    ...Array.from(
      { length: count },
      (_, i) =>
        `06 12 34 ${String(first + i)
          .padStart(4, '0')
          .replace(/(\d\d)(\d\d)/, '$1 $2')};P${i};oui`,
    ),
  ].join('\n');

/** A server on a manual clock with a French predictive campaign over `leads` leads. */
export async function startLiveCampaign(options: {
  agents?: number;
  leads?: number;
  spec?: CalledPartySpec;
  mode?: string;
  wrap?: (factory: OutboundCallsFactory) => OutboundCallsFactory;
  /** Seed of the simulated calls (default 7). */
  seed?: number;
  campaign?: Record<string, unknown>;
  /** What the server says of its lines (default true: they are the simulated called party). */
  callsSimulated?: boolean;
  /** The store (default: a fresh SQLite file). */
  store?: Store;
}) {
  const clock = new ManualScheduler(OPEN);
  const spec = options.spec ?? PEOPLE;
  const seeded = simulatedCalls({
    spec,
    seed: options.seed ?? 7,
    scheduler: clock,
    clock: clock.clock,
  });
  // The tenant's id is random per run: the draws are seeded by the campaign alone, so that a
  // test's seed decides every call.
  const base: OutboundCallsFactory = (_tenantId, campaignId, listener) =>
    seeded('tenant', campaignId, listener);
  const harness = await Harness.start({
    ...(options.store === undefined ? {} : { store: options.store }),
    clock: clock.clock,
    dialer: {
      scheduler: clock,
      beatMs: 5_000,
      callsSimulated: options.callsSimulated ?? true,
      calls: options.wrap === undefined ? base : options.wrap(base),
    },
  });
  const admin = await harness.tenantAdmin('north');
  await harness.ok(admin, 'POST', '/api/v1/sites', site('rabat'));
  await harness.ok(admin, 'POST', '/api/v1/skills', { id: 'fr', kind: 'language' });
  await harness.ok(admin, 'POST', '/api/v1/clients', { id: 'acme', name: 'Acme' });
  await harness.ok(admin, 'POST', '/api/v1/pause-codes', { id: 'lunch', label: 'Lunch' });
  await harness.ok(admin, 'POST', '/api/v1/queues', {
    id: 'outbound',
    clientId: 'acme',
    channel: 'voice',
    skills: { fr: 1 },
    wrapUp: { mode: 'manual' },
  });
  const agents = options.agents ?? 2;
  for (let i = 1; i <= agents; i++) {
    await harness.ok(admin, 'POST', '/api/v1/agents', {
      id: `a${i}`,
      siteId: 'rabat',
      skills: { fr: 5 },
      autoAnswer: true,
    });
  }
  /** Creates (or replaces) the campaign `winter`. */
  const putCampaign = () =>
    harness.ok(admin, 'PUT', '/api/v1/campaigns/winter', {
      id: 'winter',
      clientId: 'acme',
      name: 'Relance hiver',
      mode: options.mode ?? 'predictive',
      queueId: 'outbound',
      callerId: '+33162000000',
      script: 'Bonjour, je vous appelle de la part d’Acme…',
      dispositions: [
        { id: 'sale', label: 'Vente', flag: 'success' },
        { id: 'no', label: 'Refus', flag: 'refusal' },
        { id: 'later', label: 'Rappel', flag: 'callback' },
      ],
      ...options.campaign,
    });
  /** Imports `count` generated leads into `winter`. */
  const importLeads = async (count: number) => {
    const query = new URLSearchParams({
      name: 'Clients',
      origin: 'Fichier clients Acme',
      legalBasis: 'contract',
      phone: 'tel',
      firstName: 'prenom',
      contractRelation: 'contrat',
    });
    const imported = await harness.call(
      admin,
      'POST',
      `/api/v1/campaigns/winter/lists?${query.toString()}`,
      leadsCsv(count),
      CSV,
    );
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
  };
  await putCampaign();
  await importLeads(options.leads ?? 6);
  const login = async (agentId: string) =>
    harness.ok(admin, 'POST', `/api/v1/agents/${agentId}/login`, {});
  const setState = (state: string) =>
    harness.ok(admin, 'PUT', '/api/v1/campaigns/winter/state', { state });
  const stats = () => harness.ok<Stats>(admin, 'GET', '/api/v1/campaigns/winter/stats');
  const engine = async () => (await harness.server.context.tenants.get(admin.tenantId)).engine;
  /** The contact an agent holds now (and its state), if any. */
  const held = async (agentId: string) => (await engine()).agentStatus(agentId).contacts[0];
  const idle = () => harness.server.context.dialer.idle();
  return {
    h: harness,
    admin,
    clock,
    login,
    setState,
    stats,
    held,
    idle,
    engine,
    putCampaign,
    importLeads,
  };
}

export type LiveCampaign = Awaited<ReturnType<typeof startLiveCampaign>>;

/**
 * For a test file of live campaigns: after each test its server is stopped and its store (when
 * it runs on a backend) removed. With `backends`, in CI a missing PostgreSQL fails the file.
 * Returns how a test starts its campaign, on a fresh store of `backend` when given.
 */
export function liveCampaignPerTest(
  options: { backends?: boolean } = {},
): (
  campaign: Parameters<typeof startLiveCampaign>[0],
  backend?: TestBackend,
) => Promise<LiveCampaign> {
  let harness: Harness | undefined;
  let dispose: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await harness?.stop();
    await dispose?.();
    harness = undefined;
    dispose = undefined;
  });
  if (options.backends === true && POSTGRES_MISSING_IN_CI) {
    it('runs on PostgreSQL in CI: RELAIS_PG_URL must be set (see .ci/run)', () => {
      expect.fail('RELAIS_PG_URL is not set');
    });
  }
  return async (campaign, backend) => {
    let store: Store | undefined;
    if (backend !== undefined) {
      const opened = openTestStore(backend);
      dispose = opened.dispose;
      store = opened.store;
    }
    const t = await startLiveCampaign(store === undefined ? campaign : { ...campaign, store });
    harness = t.h;
    return t;
  };
}

/** Agents a1 and a2 log in, the campaign runs, one beat: the two leads now dialed. */
export async function dialTwoLeads(t: LiveCampaign) {
  await t.login('a1');
  await t.login('a2');
  await t.setState('running');
  await t.clock.advance(0);
  await t.idle();
  const dialing = await t.h.store.listLeads(t.admin.tenantId, 'winter', { state: 'dialing' });
  expect(dialing).toHaveLength(2);
  return dialing;
}

/**
 * Makes the store refuse for good the first lead state the dialer queues: each time it is written
 * it carries a state the store refuses (LIVE13). Returns that write, once queued.
 */
export function spoilFirstLeadState(store: Store): () => DialerWrite | undefined {
  const real = store.writeDialerBatch.bind(store);
  let target: DialerWrite | undefined;
  store.writeDialerBatch = (tenantId, writes) =>
    real(
      tenantId,
      writes.map((write) => {
        if (target === undefined && write.kind === 'leadState') target = write;
        return write === target ? { ...write, state: 'lost' as 'done' } : write;
      }),
    );
  return () => target;
}
