// The phone book takes in written rows one by one (TEL29): after any sequence of writes it
// answers as a phone book read again from the store does.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agent, Harness, queue, site, type Caller } from '../testing/harness.ts';
import { PhoneBook } from './phone-book.ts';

let h: Harness;
let one: Caller & { tenantId: string };
const dir = mkdtempSync(path.join(tmpdir(), 'relais-book-'));
const wav = path.join(dir, 'wait.wav');

beforeAll(async () => {
  writeFileSync(wav, 'RIFF');
  h = await Harness.start();
  one = await h.tenantAdmin('one');
  await h.ok(one, 'POST', '/api/v1/sites', site('rabat'));
  await h.ok(one, 'POST', '/api/v1/skills', { id: 'fr', kind: 'language' });
  await h.ok(one, 'POST', '/api/v1/clients', { id: 'acme', name: 'Acme' });
});
afterAll(async () => {
  await h?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('phone book', () => {
  it('[TEL29] applying each written or removed row gives what a full reload gives', async () => {
    const kept = new PhoneBook();
    await kept.load(h.store);
    const write = async (kind: 'agents' | 'queues', id: string, body?: object): Promise<void> => {
      if (body === undefined) await h.ok(one, 'DELETE', `/api/v1/${kind}/${id}`);
      else await h.ok(one, 'PUT', `/api/v1/${kind}/${id}`, body);
      const row = kind === 'agents' ? 'agent' : 'queue';
      const stored = await h.store.getConfig(one.tenantId, row, id);
      kept.apply({ tenantId: one.tenantId, kind: row, id, data: stored?.data });
    };
    const pw = 'long enough pw';
    const announcement = { file: wav, everySeconds: 30 };
    await write('agents', 'a1', agent('a1', 'rabat', { sipUser: 'desk-1', sipPassword: pw }));
    await write('agents', 'a2', agent('a2', 'rabat', { sipUser: 'desk-2', sipPassword: pw }));
    await write('agents', 'a1', agent('a1', 'rabat', { sipUser: 'desk-11', sipPassword: pw }));
    await write('agents', 'a2', agent('a2', 'rabat'));
    await write('agents', 'a3', agent('a3', 'rabat', { sipUser: 'desk-2', sipPassword: pw }));
    await write('queues', 'q1', queue('q1', 'acme', { phoneNumbers: ['900100', '900101'] }));
    await write('queues', 'q1', queue('q1', 'acme', { phoneNumbers: ['900101'], announcement }));
    await write('queues', 'q2', queue('q2', 'acme', { phoneNumbers: ['900100'] }));
    await write('queues', 'q2');
    await write('agents', 'a3');
    const fresh = new PhoneBook();
    await fresh.load(h.store);
    for (const user of ['desk-1', 'desk-11', 'desk-2'])
      expect(kept.account(user), user).toEqual(fresh.account(user));
    for (const id of ['a1', 'a2', 'a3'])
      expect(kept.accountOf(one.tenantId, id), id).toEqual(fresh.accountOf(one.tenantId, id));
    for (const number of ['900100', '900101'])
      expect(kept.route(number), number).toEqual(fresh.route(number));
    for (const id of ['q1', 'q2'])
      expect(kept.announcementOf(one.tenantId, id)).toEqual(fresh.announcementOf(one.tenantId, id));
    expect(kept.account('desk-11')?.agentId).toBe('a1');
    expect(kept.route('900101')?.queueId).toBe('q1');
    expect(kept.route('900100')).toBeUndefined();
    expect(kept.account('desk-2')).toBeUndefined();
  });
});
