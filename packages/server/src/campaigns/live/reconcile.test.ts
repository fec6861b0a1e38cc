// The start's reconciliation of leads a crash left on a call, through the history writer (LIVE12
// in packages/dialer/SPEC.md), on a real server over SQLite and PostgreSQL: a write the store
// refuses for good is set aside and the campaign starts; a passing failure fails the start, and
// the writer retries the writes.
import { describe, expect, it } from 'vitest';
import type { DialerWrite, Store } from '@relais/store';
import { dialTwoLeads, liveCampaignPerTest } from '../../testing/live-campaign.ts';
import { TEST_BACKENDS, type TestBackend } from '../../testing/test-stores.ts';
import { RECONCILED_NOTE } from './reconcile.ts';
import { RETRY_MS } from './lead-writer.ts';

const start = liveCampaignPerTest({ backends: true });

/** A running campaign whose two first calls ring when the server stops. */
async function cutOffWhileDialing(backend: TestBackend) {
  const t = await start({ agents: 2, leads: 6 }, backend);
  const dialing = await dialTwoLeads(t);
  const [first, second] = dialing.map((lead) => lead.id);
  return { t, first: first ?? '', second: second ?? '' };
}

const isReconciled = (write: DialerWrite) =>
  write.kind === 'attempt' && write.note === RECONCILED_NOTE;

/** The store's `writeDialerBatch`, each batch first passed through `change` (null: it fails). */
function intercept(store: Store, change: (writes: readonly DialerWrite[]) => DialerWrite[] | null) {
  const real = store.writeDialerBatch.bind(store);
  store.writeDialerBatch = (tenantId, writes) => {
    const changed = change(writes);
    return changed === null
      ? Promise.reject(new Error('connection terminated unexpectedly'))
      : real(tenantId, changed);
  };
}

describe.each(TEST_BACKENDS)('the start’s reconciliation on %s', (backend) => {
  it('[LIVE12] a reconciliation write the store refuses for good is set aside: the campaign starts, the other writes land, the figures and metrics say so', async () => {
    const { t, first, second } = await cutOffWhileDialing(backend);
    // The failed attempt of the first lead carries an outcome the schema's CHECK refuses.
    intercept(t.h.store, (writes) =>
      writes.map((write) =>
        isReconciled(write) && write.leadId === first
          ? { ...write, outcome: 'bogus' as 'failed' }
          : write,
      ),
    );
    await t.h.restart();
    await t.clock.advance(0);
    await t.idle();

    const stats = await t.h.ok<{
      state: string;
      linesInUse?: number;
      storeLag?: { pendingWrites: number; rejectedWrites: number; rejected: unknown[] };
    }>(t.admin, 'GET', '/api/v1/campaigns/winter/stats');
    // On the loop again: the next leads are dialed.
    expect(stats).toMatchObject({ state: 'running', linesInUse: 2 });
    expect(stats.storeLag).toMatchObject({
      pendingWrites: 0,
      rejectedWrites: 1,
      rejected: [
        {
          kind: 'attempt',
          leadId: first,
          callId: expect.stringContaining('reconciled') as string,
          error: expect.stringContaining('outcome is "bogus", expected one of') as string,
        },
      ],
    });
    // The other lead's failed attempt and both leads' states are stored.
    const other = await t.h.ok<{ lead: Record<string, unknown>; history: unknown[] }>(
      t.admin,
      'GET',
      `/api/v1/leads/${second}`,
    );
    expect(other.lead).toMatchObject({ state: 'scheduled', attempts: 1 });
    expect(other.history).toMatchObject([{ outcome: 'failed', note: RECONCILED_NOTE }]);
    expect(await t.h.store.getLead(t.admin.tenantId, first)).toMatchObject({
      state: 'scheduled',
      attempts: 0,
    });
    const metrics = await t.h.server.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('relais_dialer_writes_rejected_total 1');
  });

  it('[LIVE12] a passing failure fails the start; the writer retries the writes, and a start tried again finds the leads settled once', async () => {
    const { t, first, second } = await cutOffWhileDialing(backend);
    let failing = true;
    intercept(t.h.store, (writes) => (failing && writes.some(isReconciled) ? null : [...writes]));
    await t.h.restart();
    await t.clock.advance(0);
    await t.idle();
    // Not on the loop (stored running all the same), the leads not settled yet.
    expect(t.h.server.context.dialer.figures(t.admin.tenantId, 'winter')).toBeUndefined();
    expect(await t.h.store.getLead(t.admin.tenantId, first)).toMatchObject({ state: 'dialing' });
    const refused = await t.h.call<{ error: { code: string; message: string } }>(
      t.admin,
      'PUT',
      '/api/v1/campaigns/winter/state',
      { state: 'running' },
    );
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe('DialerUnavailable');
    expect(refused.body.error.message).toContain('connection terminated unexpectedly');

    // The store is back: the writer's retry settles the leads, before any new start.
    failing = false;
    await t.clock.advance(RETRY_MS);
    await t.idle();
    for (const leadId of [first, second]) {
      expect(await t.h.store.getLead(t.admin.tenantId, leadId)).toMatchObject({
        state: 'scheduled',
        attempts: 1,
      });
    }
    await t.setState('running');
    await t.clock.advance(0);
    await t.idle();
    expect(await t.stats()).toMatchObject({ state: 'running', linesInUse: 2 });
    // Settled once: one failed attempt each.
    for (const leadId of [first, second]) {
      const detail = await t.h.ok<{ lead: Record<string, unknown>; history: unknown[] }>(
        t.admin,
        'GET',
        `/api/v1/leads/${leadId}`,
      );
      expect(detail.lead).toMatchObject({ state: 'scheduled', attempts: 1 });
      expect(detail.history).toMatchObject([{ outcome: 'failed', note: RECONCILED_NOTE }]);
    }
  });
});
