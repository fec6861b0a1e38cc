// The writes set aside per campaign (LIVE11 in packages/dialer/SPEC.md) go with the campaign: a
// campaign deleted through the API and created again with its id starts with none. On a real
// server over SQLite and PostgreSQL.
import { afterEach, describe, expect, it } from 'vitest';
import type { DialerWrite } from '@relais/store';
import type { Harness } from '../../testing/harness.ts';
import { PEOPLE, startLiveCampaign } from '../../testing/live-campaign.ts';
import { openTestStore, POSTGRES_MISSING_IN_CI, TEST_BACKENDS } from '../../testing/test-stores.ts';

let h: Harness | undefined;
let dispose: (() => Promise<void>) | undefined;

afterEach(async () => {
  await h?.stop();
  await dispose?.();
  h = undefined;
  dispose = undefined;
});

if (POSTGRES_MISSING_IN_CI) {
  it('runs on PostgreSQL in CI: RELAIS_PG_URL must be set (see .ci/run)', () => {
    expect.fail('RELAIS_PG_URL is not set');
  });
}

interface StoreLag {
  storeLag?: { rejectedWrites: number; rejected: unknown[] };
}

describe.each(TEST_BACKENDS)('rejected writes on %s', (backend) => {
  it('[LIVE11] deleting a campaign clears its rejected writes: one created again with its id has none', async () => {
    const opened = openTestStore(backend);
    dispose = opened.dispose;
    // Every line is busy: calls end without an agent, so a stop leaves the loop quickly.
    const t = await startLiveCampaign({
      agents: 1,
      leads: 2,
      store: opened.store,
      spec: { ...PEOPLE, answerRate: 0, busyRate: 1 },
    });
    h = t.h;
    const store = t.h.store;
    const real = store.writeDialerBatch.bind(store);
    // The first lead state queued carries, each time it is written, a value the CHECK refuses.
    let target: DialerWrite | undefined;
    store.writeDialerBatch = (tenantId, writes) =>
      real(
        tenantId,
        writes.map((write) => {
          if (target === undefined && write.kind === 'leadState') target = write;
          return write === target ? { ...write, state: 'lost' as 'done' } : write;
        }),
      );
    await t.login('a1');
    await t.setState('running');
    await t.clock.advance(10_000);
    await t.idle();
    const before = await t.h.ok<StoreLag>(t.admin, 'GET', '/api/v1/campaigns/winter/stats');
    expect(before.storeLag).toMatchObject({ rejectedWrites: 1, rejected: [{ kind: 'leadState' }] });

    await t.setState('stopped');
    await t.clock.advance(10_000);
    await t.idle();
    expect(t.h.server.context.dialer.figures(t.admin.tenantId, 'winter')).toBeUndefined();
    await t.h.ok(t.admin, 'DELETE', '/api/v1/campaigns/winter');

    // The same id again, running: its figures carry nothing of the deleted campaign.
    await t.putCampaign();
    await t.importLeads(2);
    await t.setState('running');
    await t.clock.advance(0);
    await t.idle();
    const after = await t.h.ok<StoreLag & { linesInUse: number }>(
      t.admin,
      'GET',
      '/api/v1/campaigns/winter/stats',
    );
    expect(after.linesInUse).toBe(1);
    expect(after).not.toHaveProperty('storeLag');
  });
});
