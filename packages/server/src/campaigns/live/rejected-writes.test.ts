// The writes set aside per campaign (LIVE11 in packages/dialer/SPEC.md) go with the campaign: a
// campaign deleted through the API and created again with its id starts with none. On a real
// server over SQLite and PostgreSQL.
import { describe, expect, it } from 'vitest';
import { liveCampaignPerTest, PEOPLE, spoilFirstLeadState } from '../../testing/live-campaign.ts';
import { TEST_BACKENDS } from '../../testing/test-stores.ts';

const start = liveCampaignPerTest({ backends: true });

interface StoreLag {
  storeLag?: { rejectedWrites: number; rejected: unknown[] };
}

describe.each(TEST_BACKENDS)('rejected writes on %s', (backend) => {
  it('[LIVE11] deleting a campaign clears its rejected writes: one created again with its id has none', async () => {
    // Every line is busy: calls end without an agent, so a stop leaves the loop quickly.
    const t = await start(
      { agents: 1, leads: 2, spec: { ...PEOPLE, answerRate: 0, busyRate: 1 } },
      backend,
    );
    spoilFirstLeadState(t.h.store);
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
