// An import into the running server reads each stored row (to keep the fields its file has no
// column for) long before it writes them all: a config write of one of those rows that comes in
// between must not be undone (TEL32). The store holds one read until the other write has either
// finished (the old code: the import then writes the old fields back) or waits for its turn; on
// SQLite and on PostgreSQL (a schema of its own, when RELAIS_PG_URL is set).
import { waitUntil } from '@relais/telephony/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { agent, Harness, site, type Caller, type Reply } from '../testing/harness.ts';
import { holdingReads, type HeldRead } from '../testing/held-reads.ts';
import { openTestStore, TEST_BACKENDS } from '../testing/test-stores.ts';

const CSV = { 'content-type': 'text/csv' };
/** An agents file: one `id,name,siteId,skills` line per [id, name]. */
const agentsCsv = (rows: readonly [string, string][]): string =>
  `id,name,siteId,skills\n${rows.map(([id, name]) => `${id},${name},rabat,fr:8`).join('\n')}\n`;

describe.each(TEST_BACKENDS)('imports in the rows’ turns on %s', (backend) => {
  let h: Harness;
  let dispose: (() => Promise<void>) | undefined;
  let admin: Caller & { tenantId: string };
  let holdNextRead: (kind: string, id: string) => HeldRead;
  let agentRow: (id: string) => { tenantId: string; kind: string; id: string };

  const upload = (csv: string, query = ''): Promise<Reply<Record<string, unknown>>> =>
    h.call(admin, 'POST', `/api/v1/imports/agents${query}`, csv, CSV);
  const stored = (id: string): Promise<Record<string, unknown>> =>
    h.ok<Record<string, unknown>>(admin, 'GET', `/api/v1/agents/${id}`);
  /** Resolves when `call` is over or the row has `writes` writes running or waiting. */
  const overOrWaiting = async (
    call: Promise<unknown>,
    id: string,
    writes: number,
    what: string,
  ): Promise<void> => {
    let over = false;
    void call.finally(() => (over = true));
    await waitUntil(
      () => over || h.server.context.configWrites.queued(agentRow(id)) === writes,
      what,
    );
  };

  beforeAll(async () => {
    const opened = openTestStore(backend);
    dispose = opened.dispose;
    const wrapped = holdingReads(opened.store);
    h = await Harness.start({ store: wrapped.store });
    holdNextRead = wrapped.holdNextRead;
    admin = await h.tenantAdmin('imports');
    agentRow = (id) => ({ tenantId: admin.tenantId, kind: 'agent', id });
    for (const id of ['rabat', 'fes']) await h.ok(admin, 'POST', '/api/v1/sites', site(id));
    await h.ok(admin, 'POST', '/api/v1/skills', { id: 'fr', kind: 'language' });
  });
  afterAll(async () => {
    await h?.stop();
    await dispose?.();
  });
  beforeEach(async () => {
    for (const id of ['a1', 'a2', 'a3', 'a4']) {
      await h.ok(
        admin,
        'PUT',
        `/api/v1/agents/${id}`,
        agent(id, 'rabat', { name: 'Before', sipUser: `old-${id}`, sipPassword: 'long enough pw' }),
      );
    }
  });

  it('[TEL32] a config PUT of a row between the import’s read and its write is stored after the import, not undone', async () => {
    const before = await stored('a2');
    const held = holdNextRead('agent', 'a2');
    const imported = upload(
      agentsCsv([
        ['a1', 'Amina'],
        ['a2', 'Karim'],
        ['a3', 'Sara'],
      ]),
    );
    await held.reached;
    // An administrator moves the agent to another site with a new SIP user, meanwhile.
    const edit = h.call(
      admin,
      'PUT',
      '/api/v1/agents/a2',
      agent('a2', 'fes', { name: 'Edited', sipUser: 'new-a2', sipPassword: 'another long pw' }),
    );
    await overOrWaiting(edit, 'a2', 2, 'the edit is over or waits for its turn');
    held.release();
    const [importReply, editReply] = await Promise.all([imported, edit]);
    expect(importReply.body).toMatchObject({ imported: 3, replaced: 3 });
    expect(editReply.status).toBe(200);

    // The edit came after the import: it is the stored row, whole.
    expect(await stored('a2')).toMatchObject({
      name: 'Edited',
      siteId: 'fes',
      sipUser: 'new-a2',
      version: Number(before.version) + 2,
    });
    expect((await stored('a1')).name).toBe('Amina');
    const claims = h.server.context.phoneClaims;
    expect(claims.holderOf('agent', 'new-a2', admin.tenantId, 'other')).toMatchObject({ id: 'a2' });
    expect(claims.holderOf('agent', 'old-a2', admin.tenantId, 'other')).toBeUndefined();
    expect(h.server.context.configWrites.queued(agentRow('a2'))).toBe(0);
  });

  it('[TEL32] an import arriving during a config PUT of one of its rows starts from the PUT’s row', async () => {
    const held = holdNextRead('agent', 'a3');
    const edit = h.call(
      admin,
      'PUT',
      '/api/v1/agents/a3',
      agent('a3', 'fes', { name: 'Edited', sipUser: 'new-a3', sipPassword: 'another long pw' }),
    );
    await held.reached;
    const imported = upload(
      agentsCsv([
        ['a3', 'Sara'],
        ['a4', 'Omar'],
      ]),
    );
    await overOrWaiting(imported, 'a3', 2, 'the import is over or waits for its turn');
    held.release();
    expect((await edit).status).toBe(200);
    expect((await imported).body).toMatchObject({ imported: 2 });

    // The import's columns over the PUT's row: the PUT's SIP user is kept, not the old one.
    expect(await stored('a3')).toMatchObject({ name: 'Sara', siteId: 'rabat', sipUser: 'new-a3' });
    const claims = h.server.context.phoneClaims;
    expect(claims.holderOf('agent', 'new-a3', admin.tenantId, 'other')).toMatchObject({ id: 'a3' });
  });

  it('[TEL32] two imports of overlapping files (rows in opposite orders) and a PUT all finish, one after the other', async () => {
    const held = holdNextRead('agent', 'a2');
    const first = upload(
      agentsCsv([
        ['a1', 'First'],
        ['a2', 'First'],
        ['a3', 'First'],
      ]),
    );
    await held.reached;
    const second = upload(
      agentsCsv([
        ['a4', 'Second'],
        ['a3', 'Second'],
        ['a2', 'Second'],
      ]),
    );
    await overOrWaiting(second, 'a3', 2, 'the second import is over or waits for its turn');
    const edit = h.call(
      admin,
      'PUT',
      '/api/v1/agents/a4',
      agent('a4', 'fes', { name: 'Edited', sipUser: 'new-a4', sipPassword: 'another long pw' }),
    );
    await overOrWaiting(edit, 'a4', 2, 'the edit is over or waits for its turn');
    held.release();
    const replies = await Promise.all([first, second, edit]);
    expect(replies.map((reply) => reply.status)).toEqual([200, 200, 200]);

    // In the order they came: the first import, the second, then the edit.
    const names = await Promise.all(['a1', 'a2', 'a3', 'a4'].map(async (id) => stored(id)));
    expect(names.map((row) => row.name)).toEqual(['First', 'Second', 'Second', 'Edited']);
    expect(names[3]).toMatchObject({ siteId: 'fes', sipUser: 'new-a4' });
    for (const id of ['a1', 'a2', 'a3', 'a4'])
      expect(h.server.context.configWrites.queued(agentRow(id))).toBe(0);
  });

  it('[TEL32] a dry run takes no turn: it answers while a PUT of one of its rows is under way', async () => {
    const held = holdNextRead('agent', 'a1');
    const edit = h.call(admin, 'PUT', '/api/v1/agents/a1', agent('a1', 'fes', { name: 'Edited' }));
    await held.reached;
    const dry = await upload(agentsCsv([['a1', 'Amina']]), '?dryRun=true');
    expect(dry.body).toMatchObject({ imported: 0, replaced: 1, dryRun: true });
    expect(h.server.context.configWrites.queued(agentRow('a1'))).toBe(1);
    held.release();
    expect((await edit).status).toBe(200);
    expect(await stored('a1')).toMatchObject({ name: 'Edited', siteId: 'fes' });
  });
});
