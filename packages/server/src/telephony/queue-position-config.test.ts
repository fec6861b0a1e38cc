// A queue's position announcement through the config API: stored, read by the phone book, kept
// out of the engine's log; bad shapes refused with the field named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, queue, type Caller } from '../testing/harness.ts';
import { PhoneBook } from './phone-book.ts';

let h: Harness;
let admin: Caller & { tenantId: string };

beforeAll(async () => {
  h = await Harness.start();
  admin = await h.tenantAdmin('positions');
  await h.ok(admin, 'POST', '/api/v1/skills', { id: 'fr', kind: 'language' });
  await h.ok(admin, 'POST', '/api/v1/clients', { id: 'acme', name: 'Acme' });
});
afterAll(async () => {
  await h?.stop();
});

describe('the position announcement in the config API', () => {
  it('[POS5] stores it; the phone book reads it, the engine log does not', async () => {
    await h.ok(
      admin,
      'PUT',
      '/api/v1/queues/sales',
      queue('sales', 'acme', { announcePosition: { say: 'wait', everySeconds: 45 } }),
    );
    await h.ok(admin, 'PUT', '/api/v1/queues/support', queue('support', 'acme'));
    const book = new PhoneBook();
    await book.load(h.store);
    expect(book.positionAnnouncementOf(admin.tenantId, 'sales')).toEqual({
      say: 'wait',
      everySeconds: 45,
    });
    expect(book.positionAnnouncementOf(admin.tenantId, 'support')).toBeUndefined();
    const log = JSON.stringify(await h.store.readCommands(admin.tenantId, 0, 10_000));
    expect(log).toContain('"sales"');
    expect(log).not.toContain('announcePosition');
  });

  it('[POS5] refuses what to say outside position, wait, both; a period under 10 s or over an hour; unknown fields — naming the field; nothing changes', async () => {
    for (const [announcePosition, field] of [
      [{ say: 'everything' }, 'announcePosition.say'],
      [{ say: 'both', everySeconds: 5 }, 'announcePosition.everySeconds'],
      [{ everySeconds: 7200 }, 'announcePosition.everySeconds'],
      [{ everySeconds: 'often' }, 'announcePosition.everySeconds'],
      [{ say: 'both', voice: 'fr' }, 'announcePosition'],
      ['both', 'announcePosition'],
    ] as const) {
      const reply = await h.call(
        admin,
        'PUT',
        '/api/v1/queues/sales',
        queue('sales', 'acme', { announcePosition }),
      );
      expect(reply.status, JSON.stringify(announcePosition)).toBe(400);
      expect(JSON.stringify(reply.body), JSON.stringify(announcePosition)).toContain(field);
    }
    const book = new PhoneBook();
    await book.load(h.store);
    expect(book.positionAnnouncementOf(admin.tenantId, 'sales')).toEqual({
      say: 'wait',
      everySeconds: 45,
    });
  });
});
