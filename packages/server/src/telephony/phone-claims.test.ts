// Routing numbers and SIP users stay unique across tenants without the full scan (TEL29): looked
// up in the claims index, on SQLite and on PostgreSQL (a schema of its own, when RELAIS_PG_URL
// is set), with the store's row listings counted so that a return to the scan fails.
import type { Store } from '@relais/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importConfig } from '../import/import-config.ts';
import { agent, Harness, queue, site, type Caller } from '../testing/harness.ts';
import { openTestStore, TEST_BACKENDS } from '../testing/test-stores.ts';

/** The store, with its row listings (`listConfig`, `listTenants`) counted. */
function counted(store: Store): { store: Store; listings: () => number } {
  let listings = 0;
  const wrapped = new Proxy(store, {
    get(target, name, receiver) {
      const value: unknown = Reflect.get(target, name, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        if (name === 'listConfig' || name === 'listTenants') listings++;
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: wrapped, listings: () => listings };
}

const codeOf = (reply: { body: Record<string, unknown> }) =>
  (reply.body.error as { code: string } | undefined)?.code;
const messageOf = (reply: { body: Record<string, unknown> }) =>
  (reply.body.error as { message: string } | undefined)?.message ?? '';
const phone = (sipUser: string) => ({ sipUser, sipPassword: 'long enough pw' });

describe.each(TEST_BACKENDS)('claims on %s', (backend) => {
  let h: Harness;
  let dispose: (() => Promise<void>) | undefined;
  let listings: () => number;
  let one: Caller & { tenantId: string };
  let two: Caller & { tenantId: string };

  beforeAll(async () => {
    const opened = openTestStore(backend);
    dispose = opened.dispose;
    const wrapped = counted(opened.store);
    h = await Harness.start({ store: wrapped.store });
    listings = wrapped.listings;
    one = await h.tenantAdmin('one');
    two = await h.tenantAdmin('two');
    for (const admin of [one, two]) {
      await h.ok(admin, 'POST', '/api/v1/sites', site('rabat'));
      await h.ok(admin, 'POST', '/api/v1/skills', { id: 'fr', kind: 'language' });
      await h.ok(admin, 'POST', '/api/v1/clients', { id: 'acme', name: 'Acme' });
      // Rows the old check read on every write.
      for (let i = 1; i <= 5; i++)
        await h.ok(admin, 'POST', '/api/v1/agents', agent(`filler-${i}`, 'rabat'));
    }
  });
  afterAll(async () => {
    await h?.stop();
    await dispose?.();
  });

  it('[TEL29] [TEL10] a SIP user taken in the tenant or in another is refused, with no row listed by the store', async () => {
    const before = listings();
    await h.ok(one, 'PUT', '/api/v1/agents/a1', agent('a1', 'rabat', phone('desk-1')));
    const same = await h.call(
      one,
      'PUT',
      '/api/v1/agents/a2',
      agent('a2', 'rabat', phone('desk-1')),
    );
    expect(same.status).toBe(409);
    expect(codeOf(same)).toBe('SipUserTaken');
    expect(messageOf(same)).toMatch(/\("a1"\)/);
    const other = await h.call(
      two,
      'PUT',
      '/api/v1/agents/b1',
      agent('b1', 'rabat', phone('desk-1')),
    );
    expect(other.status).toBe(409);
    expect(messageOf(other)).toMatch(/another tenant/);
    // The agent keeps its own user on a replace.
    await h.ok(
      one,
      'PUT',
      '/api/v1/agents/a1',
      agent('a1', 'rabat', { name: 'Ada', ...phone('desk-1') }),
    );
    expect(listings() - before).toBe(0);
  });

  it('[TEL29] [TEL9] a routing number taken in the tenant or in another is refused, with no row listed by the store', async () => {
    const before = listings();
    await h.ok(one, 'PUT', '/api/v1/queues/q1', queue('q1', 'acme', { phoneNumbers: ['900100'] }));
    const same = await h.call(
      one,
      'PUT',
      '/api/v1/queues/q2',
      queue('q2', 'acme', { phoneNumbers: ['900200', '900100'] }),
    );
    expect(same.status).toBe(409);
    expect(codeOf(same)).toBe('RoutingNumberTaken');
    expect(messageOf(same)).toMatch(/\("q1"\)/);
    const other = await h.call(
      two,
      'PUT',
      '/api/v1/queues/q1',
      queue('q1', 'acme', { phoneNumbers: ['900100'] }),
    );
    expect(other.status).toBe(409);
    expect(messageOf(other)).toMatch(/another tenant/);
    // Nothing of the refused queue is held: its other number is free.
    await h.ok(two, 'PUT', '/api/v1/queues/q2', queue('q2', 'acme', { phoneNumbers: ['900200'] }));
    expect(listings() - before).toBe(0);
  });

  it('[TEL29] a new SIP user or new numbers free the old ones once stored', async () => {
    await h.ok(one, 'PUT', '/api/v1/agents/a3', agent('a3', 'rabat', phone('desk-3')));
    await h.ok(one, 'PUT', '/api/v1/agents/a3', agent('a3', 'rabat', phone('desk-33')));
    await h.ok(two, 'PUT', '/api/v1/agents/b3', agent('b3', 'rabat', phone('desk-3')));
    expect(
      codeOf(await h.call(two, 'PUT', '/api/v1/agents/b4', agent('b4', 'rabat', phone('desk-33')))),
    ).toBe('SipUserTaken');
    await h.ok(one, 'PUT', '/api/v1/queues/q3', queue('q3', 'acme', { phoneNumbers: ['900300'] }));
    await h.ok(one, 'PUT', '/api/v1/queues/q3', queue('q3', 'acme', { phoneNumbers: ['900333'] }));
    await h.ok(two, 'PUT', '/api/v1/queues/q3', queue('q3', 'acme', { phoneNumbers: ['900300'] }));
    // Leaving the SIP user out frees it too.
    await h.ok(one, 'PUT', '/api/v1/agents/a3', agent('a3', 'rabat'));
    await h.ok(two, 'PUT', '/api/v1/agents/b4', agent('b4', 'rabat', phone('desk-33')));
  });

  it('[TEL29] removing an agent or a queue frees its SIP user or numbers', async () => {
    await h.ok(one, 'PUT', '/api/v1/agents/a5', agent('a5', 'rabat', phone('desk-5')));
    await h.ok(one, 'PUT', '/api/v1/queues/q5', queue('q5', 'acme', { phoneNumbers: ['900500'] }));
    expect(
      (await h.call(two, 'PUT', '/api/v1/agents/b5', agent('b5', 'rabat', phone('desk-5')))).status,
    ).toBe(409);
    expect(
      (
        await h.call(
          two,
          'PUT',
          '/api/v1/queues/q5',
          queue('q5', 'acme', { phoneNumbers: ['900500'] }),
        )
      ).status,
    ).toBe(409);
    await h.ok(one, 'DELETE', '/api/v1/agents/a5');
    await h.ok(one, 'DELETE', '/api/v1/queues/q5');
    await h.ok(two, 'PUT', '/api/v1/agents/b5', agent('b5', 'rabat', phone('desk-5')));
    await h.ok(two, 'PUT', '/api/v1/queues/q5', queue('q5', 'acme', { phoneNumbers: ['900500'] }));
  });

  it('[TEL29] of concurrent writes claiming one SIP user or number, exactly one passes', async () => {
    const users = await Promise.all([
      h.call(one, 'PUT', '/api/v1/agents/a6', agent('a6', 'rabat', phone('desk-6'))),
      h.call(two, 'PUT', '/api/v1/agents/b6', agent('b6', 'rabat', phone('desk-6'))),
      h.call(one, 'PUT', '/api/v1/agents/a7', agent('a7', 'rabat', phone('desk-6'))),
    ]);
    expect(users.map((reply) => reply.status).sort()).toEqual([200, 409, 409]);
    const numbers = await Promise.all([
      h.call(one, 'PUT', '/api/v1/queues/q6', queue('q6', 'acme', { phoneNumbers: ['900600'] })),
      h.call(two, 'PUT', '/api/v1/queues/q6', queue('q6', 'acme', { phoneNumbers: ['900600'] })),
    ]);
    expect(numbers.map((reply) => reply.status).sort()).toEqual([200, 409]);
  });

  it('[TEL29] a write refused after the check (unknown site) leaves its SIP user free', async () => {
    const refused = await h.call(
      one,
      'PUT',
      '/api/v1/agents/a8',
      agent('a8', 'nowhere', phone('desk-8')),
    );
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(refused.status).not.toBe(409);
    expect((await h.call(one, 'GET', '/api/v1/agents/a8')).status).toBe(404);
    await h.ok(two, 'PUT', '/api/v1/agents/b8', agent('b8', 'rabat', phone('desk-8')));
  });

  it('[TEL29] the import rejects rows whose SIP user or number is taken, or given twice in the file', async () => {
    await h.ok(two, 'PUT', '/api/v1/agents/b9', agent('b9', 'rabat', phone('desk-9')));
    await h.ok(two, 'PUT', '/api/v1/queues/q9', queue('q9', 'acme', { phoneNumbers: ['900900'] }));
    const { context } = h.server;
    const live = {
      runtime: await context.tenants.get(one.tenantId),
      configWrites: context.configWrites,
      claims: context.phoneClaims,
    };
    const agents = await importConfig(
      h.store,
      one.tenantId,
      'agents',
      [
        { line: 2, data: agent('i1', 'rabat', phone('desk-9')) },
        { line: 3, data: agent('i2', 'rabat', phone('desk-10')) },
        { line: 4, data: agent('i3', 'rabat', phone('desk-10')) },
        { line: 5, data: agent('i4', 'rabat', { sipUser: 'desk-11' }) },
      ],
      live,
    );
    expect(agents.imported).toBe(0);
    expect(agents.rejected).toEqual([
      {
        line: 2,
        id: 'i1',
        field: 'sipUser',
        message:
          '"desk-9" already belongs to another agent (one of another tenant); choose another SIP user name',
      },
      {
        line: 4,
        id: 'i3',
        field: 'sipUser',
        message: '"desk-10" is on line 3 too; give it to one row',
      },
      {
        line: 5,
        id: 'i4',
        field: 'sipPassword',
        message: 'required with sipUser "desk-11", 8 to 128 characters',
      },
    ]);
    const queues = await importConfig(
      h.store,
      one.tenantId,
      'queues',
      [{ line: 2, data: queue('iq', 'acme', { phoneNumbers: ['901000', '900900'] }) }],
      live,
    );
    expect(queues.rejected).toEqual([
      {
        line: 2,
        id: 'iq',
        field: 'phoneNumbers',
        message:
          '"900900" already belongs to another queue (one of another tenant); remove it there first',
      },
    ]);
    // Nothing stays reserved by the rejected files.
    await h.ok(one, 'PUT', '/api/v1/agents/a10', agent('a10', 'rabat', phone('desk-10')));
    await h.ok(
      one,
      'PUT',
      '/api/v1/queues/q10',
      queue('q10', 'acme', { phoneNumbers: ['901000'] }),
    );
    // Without the running server's index (the CLI), the import reads the store once.
    const alone = await importConfig(
      h.store,
      one.tenantId,
      'agents',
      [{ line: 2, data: agent('i5', 'rabat', phone('desk-9')) }],
      { dryRun: true },
    );
    expect(alone.rejected.map((row) => row.field)).toEqual(['sipUser']);
  });

  it('[TEL29] an imported SIP user is held: the API refuses it afterwards', async () => {
    const { context } = h.server;
    const result = await importConfig(
      h.store,
      one.tenantId,
      'agents',
      [{ line: 2, data: agent('i6', 'rabat', phone('desk-12')) }],
      {
        runtime: await context.tenants.get(one.tenantId),
        configWrites: context.configWrites,
        claims: context.phoneClaims,
      },
    );
    expect(result.imported).toBe(1);
    const taken = await h.call(
      two,
      'PUT',
      '/api/v1/agents/b12',
      agent('b12', 'rabat', phone('desk-12')),
    );
    expect(codeOf(taken)).toBe('SipUserTaken');
  });
});
