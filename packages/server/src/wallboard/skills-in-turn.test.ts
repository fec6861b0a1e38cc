// The wallboard's skill change reads the agent's row and writes it back whole: a config write of
// the same agent that comes while the skill change is between its read and its write must
// survive (TEL30). The store is wrapped so that the skill change's read is held until the other
// write has either finished (the old code: it is then undone) or is waiting for its turn; on
// SQLite and on PostgreSQL (a schema of its own, when RELAIS_PG_URL is set).
import { waitUntil } from '@relais/telephony/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agent, Harness, site, type Caller } from '../testing/harness.ts';
import { holdingReads, type HeldRead } from '../testing/held-reads.ts';
import { openTestStore, TEST_BACKENDS } from '../testing/test-stores.ts';

describe.each(TEST_BACKENDS)('skill changes in the row’s turn on %s', (backend) => {
  let h: Harness;
  let dispose: (() => Promise<void>) | undefined;
  let admin: Caller & { tenantId: string };
  let holdNextRead: (kind: string, id: string) => HeldRead;

  beforeAll(async () => {
    const opened = openTestStore(backend);
    dispose = opened.dispose;
    const wrapped = holdingReads(opened.store);
    h = await Harness.start({ store: wrapped.store });
    holdNextRead = wrapped.holdNextRead;
    admin = await h.tenantAdmin('turns');
    for (const id of ['rabat', 'fes']) await h.ok(admin, 'POST', '/api/v1/sites', site(id));
    for (const id of ['fr', 'en'])
      await h.ok(admin, 'POST', '/api/v1/skills', { id, kind: 'language' });
    await h.ok(
      admin,
      'POST',
      '/api/v1/agents',
      agent('a1', 'rabat', { sipUser: 'phone-old', sipPassword: 'long enough pw' }),
    );
  });
  afterAll(async () => {
    await h?.stop();
    await dispose?.();
  });

  it('[TEL30] a config write of the agent during a skill change (between its read and its write) is not undone', async () => {
    const row = { tenantId: admin.tenantId, kind: 'agent', id: 'a1' };
    const held = holdNextRead('agent', 'a1');
    const skillChange = h.call(admin, 'PUT', '/api/v1/agents/a1/skills', {
      skills: { fr: 9, en: 2 },
    });
    await held.reached;
    // An administrator moves the agent to another site, gives it a new SIP user and a capacity.
    const edited = agent('a1', 'fes', {
      skills: { fr: 9, en: 2 },
      capacity: { voice: 1, chat: 2 },
      sipUser: 'phone-new',
      sipPassword: 'another long pw',
    });
    let editDone = false;
    const edit = h.call(admin, 'PUT', '/api/v1/agents/a1', edited).finally(() => {
      editDone = true;
    });
    // The edit either ends (nothing holds it back) or waits for the skill change's turn.
    await waitUntil(
      () => editDone || h.server.context.configWrites.queued(row) === 2,
      'the edit is over or waits for its turn',
    );
    held.release();
    const [skills, stored] = await Promise.all([skillChange, edit]);
    expect(skills.status).toBe(200);
    expect(stored.status).toBe(200);

    const now = await h.ok<Record<string, unknown>>(admin, 'GET', '/api/v1/agents/a1');
    expect(now).toMatchObject({
      siteId: 'fes',
      sipUser: 'phone-new',
      capacity: { voice: 1, chat: 2 },
      skills: { fr: 9, en: 2 },
      version: 3,
    });
    // The engine has the edit too, and the claims index follows the stored row.
    const status = await h.ok<Record<string, unknown>>(admin, 'GET', '/api/v1/agents/a1/status');
    expect(status.siteId).toBe('fes');
    const claims = h.server.context.phoneClaims;
    expect(claims.holderOf('agent', 'phone-new', admin.tenantId, 'other')).toEqual({
      tenantId: admin.tenantId,
      id: 'a1',
    });
    expect(claims.holderOf('agent', 'phone-old', admin.tenantId, 'other')).toBeUndefined();
    expect(h.server.context.configWrites.queued(row)).toBe(0);
  });

  it('[TEL30] a skill change after a config write starts from the written row', async () => {
    const held = holdNextRead('agent', 'a1');
    const edit = h.call(
      admin,
      'PUT',
      '/api/v1/agents/a1',
      agent('a1', 'rabat', { skills: { fr: 4 }, sipUser: 'phone-third', sipPassword: 'third pw!' }),
    );
    await held.reached;
    let skillsDone = false;
    const skillChange = h
      .call(admin, 'PUT', '/api/v1/agents/a1/skills', { skills: { en: 7 } })
      .finally(() => {
        skillsDone = true;
      });
    await waitUntil(
      () =>
        skillsDone ||
        h.server.context.configWrites.queued({
          tenantId: admin.tenantId,
          kind: 'agent',
          id: 'a1',
        }) === 2,
      'the skill change is over or waits for its turn',
    );
    held.release();
    expect((await edit).status).toBe(200);
    expect((await skillChange).status).toBe(200);
    const now = await h.ok<Record<string, unknown>>(admin, 'GET', '/api/v1/agents/a1');
    expect(now).toMatchObject({ siteId: 'rabat', sipUser: 'phone-third', skills: { en: 7 } });
  });
});
