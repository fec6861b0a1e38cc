// Routing numbers and agents' SIP users through the config API: checked, unique across the
// server, the password write-only and never in the engine's log, every write audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agent, Harness, queue, site, type Caller } from '../testing/harness.ts';
import { PhoneBook } from './phone-book.ts';

let h: Harness;
let one: Caller & { tenantId: string };
let two: Caller & { tenantId: string };

async function network(admin: Caller): Promise<void> {
  await h.ok(admin, 'POST', '/api/v1/sites', site('rabat'));
  await h.ok(admin, 'POST', '/api/v1/skills', { id: 'fr', kind: 'language' });
  await h.ok(admin, 'POST', '/api/v1/clients', { id: 'acme', name: 'Acme' });
}

beforeAll(async () => {
  h = await Harness.start();
  one = await h.tenantAdmin('one');
  two = await h.tenantAdmin('two');
  await network(one);
  await network(two);
});
afterAll(async () => {
  await h?.stop();
});

const codeOf = (reply: { body: Record<string, unknown> }) =>
  (reply.body.error as { code: string; message: string } | undefined)?.code;
const messageOf = (reply: { body: Record<string, unknown> }) =>
  (reply.body.error as { message: string } | undefined)?.message ?? '';

describe('routing numbers on queues', () => {
  it('[TEL9] stores numbers, refuses bad ones (400) and numbers another queue or tenant routes (409), keeping what was stored', async () => {
    await h.ok(
      one,
      'POST',
      '/api/v1/queues',
      queue('support', 'acme', { phoneNumbers: ['800100', '+33140000000'] }),
    );
    for (const bad of [
      ['1'.repeat(21)],
      ['8001x'],
      ['1'],
      ['+'],
      ['800 100'],
      [''],
      'x',
      [800100],
    ]) {
      const reply = await h.call(
        one,
        'PUT',
        '/api/v1/queues/sales',
        queue('sales', 'acme', { phoneNumbers: bad }),
      );
      expect(reply.status, JSON.stringify(bad)).toBe(400);
      expect(messageOf(reply)).toMatch(/phoneNumbers/);
    }
    const twice = await h.call(
      one,
      'PUT',
      '/api/v1/queues/sales',
      queue('sales', 'acme', { phoneNumbers: ['800200', '800200'] }),
    );
    expect(twice.status).toBe(400);
    expect(messageOf(twice)).toMatch(/"800200" is listed twice/);
    const taken = await h.call(
      one,
      'PUT',
      '/api/v1/queues/sales',
      queue('sales', 'acme', { phoneNumbers: ['800200', '800100'] }),
    );
    expect(taken.status).toBe(409);
    expect(codeOf(taken)).toBe('RoutingNumberTaken');
    expect(messageOf(taken)).toMatch(/"support"/);
    const otherTenant = await h.call(
      two,
      'PUT',
      '/api/v1/queues/help',
      queue('help', 'acme', { phoneNumbers: ['+33140000000'] }),
    );
    expect(otherTenant.status).toBe(409);
    expect(messageOf(otherTenant)).toMatch(/another tenant/);
    expect((await h.call(one, 'GET', '/api/v1/queues/sales')).status).toBe(404);
    expect((await h.ok(one, 'GET', '/api/v1/queues/support')).phoneNumbers).toEqual([
      '800100',
      '+33140000000',
    ]);
    // A queue may keep its own numbers when it is replaced.
    await h.ok(
      one,
      'PUT',
      '/api/v1/queues/support',
      queue('support', 'acme', { phoneNumbers: ['800100'] }),
    );
    const book = new PhoneBook();
    await book.load(h.store);
    expect(book.route('800100')).toEqual({ tenantId: one.tenantId, queueId: 'support' });
    expect(book.route('+33140000000')).toBeUndefined();
  });
});

describe("agents' SIP users", () => {
  it('[TEL10] a SIP user needs a password (8+), is unique across tenants, and bad values are refused (400/409)', async () => {
    const cases: Array<[Record<string, unknown>, number, RegExp]> = [
      [{ sipUser: 'phone-1' }, 400, /sipPassword: required/],
      [{ sipUser: 'phone-1', sipPassword: 'short' }, 400, /sipPassword/],
      [{ sipPassword: 'long enough pw' }, 400, /give sipUser too/],
      [{ sipUser: '-bad', sipPassword: 'long enough pw' }, 400, /sipUser/],
      [{ sipUser: 'has space', sipPassword: 'long enough pw' }, 400, /sipUser/],
      [{ sipUser: 'x'.repeat(65), sipPassword: 'long enough pw' }, 400, /sipUser/],
    ];
    for (const [fields, status, message] of cases) {
      const reply = await h.call(one, 'PUT', '/api/v1/agents/a1', agent('a1', 'rabat', fields));
      expect(reply.status, JSON.stringify(fields)).toBe(status);
      expect(messageOf(reply)).toMatch(message);
    }
    expect((await h.call(one, 'GET', '/api/v1/agents/a1')).status).toBe(404);
    await h.ok(
      one,
      'PUT',
      '/api/v1/agents/a1',
      agent('a1', 'rabat', { sipUser: 'phone-1', sipPassword: 'first password' }),
    );
    const again = await h.call(
      one,
      'PUT',
      '/api/v1/agents/a2',
      agent('a2', 'rabat', { sipUser: 'phone-1', sipPassword: 'other password' }),
    );
    expect(again.status).toBe(409);
    expect(codeOf(again)).toBe('SipUserTaken');
    const elsewhere = await h.call(
      two,
      'PUT',
      '/api/v1/agents/b1',
      agent('b1', 'rabat', { sipUser: 'phone-1', sipPassword: 'other password' }),
    );
    expect(elsewhere.status).toBe(409);
    expect(messageOf(elsewhere)).toMatch(/another tenant/);
  });

  it('[TEL11] the password is write-only, kept by a PUT with the same user, never in the engine log; writes are audited', async () => {
    await h.ok(
      one,
      'PUT',
      '/api/v1/agents/a3',
      agent('a3', 'rabat', { sipUser: 'phone-3', sipPassword: 'secret number 3' }),
    );
    const shown = await h.ok(one, 'GET', '/api/v1/agents/a3');
    expect(shown.sipUser).toBe('phone-3');
    expect(shown).not.toHaveProperty('sipPassword');
    // Renamed agent, same SIP user, no password given: the stored one stays.
    await h.ok(
      one,
      'PUT',
      '/api/v1/agents/a3',
      agent('a3', 'rabat', { name: 'Ada', sipUser: 'phone-3' }),
    );
    const book = new PhoneBook();
    await book.load(h.store);
    expect(book.account('phone-3')).toEqual({
      tenantId: one.tenantId,
      agentId: 'a3',
      user: 'phone-3',
      password: 'secret number 3',
    });
    expect(book.accountOf(one.tenantId, 'a3')?.user).toBe('phone-3');
    // A new SIP user needs its own password.
    const renamed = await h.call(
      one,
      'PUT',
      '/api/v1/agents/a3',
      agent('a3', 'rabat', { sipUser: 'phone-33' }),
    );
    expect(renamed.status).toBe(400);
    const log = JSON.stringify(await h.store.readCommands(one.tenantId, 0, 10_000));
    expect(log).toContain('"a3"');
    expect(log).not.toContain('secret number 3');
    expect(log).not.toContain('phone-3');
    const audit = await h.store.listAudit(one.tenantId, 0, 1000);
    expect(audit.filter((entry) => entry.target === 'agent:a3').map((e) => e.action)).toEqual([
      'create',
      'update',
    ]);
  });
});
