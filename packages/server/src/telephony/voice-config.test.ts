// Voice menus and announcements through the config API: checked before they are stored (keys,
// queues, files), kept out of the engine's log, and read by the phone book.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness, queue, type Caller } from '../testing/harness.ts';
import { PhoneBook } from './phone-book.ts';

let h: Harness;
let admin: Caller & { tenantId: string };
let prompt: string;

beforeAll(async () => {
  h = await Harness.start();
  admin = await h.tenantAdmin('voice');
  await h.ok(admin, 'POST', '/api/v1/skills', { id: 'fr', kind: 'language' });
  await h.ok(admin, 'POST', '/api/v1/clients', { id: 'acme', name: 'Acme' });
  await h.ok(admin, 'POST', '/api/v1/queues', queue('sales', 'acme'));
  prompt = join(await mkdtemp(join(tmpdir(), 'relais-voice-')), 'menu.wav');
  await writeFile(prompt, 'RIFF');
});
afterAll(async () => {
  await h?.stop();
});

const error = (reply: { status: number; body: Record<string, unknown> }) => ({
  status: reply.status,
  ...(reply.body.error as { code: string; message: string }),
});

const menu = (overrides: Record<string, unknown> = {}) => ({
  promptFile: prompt,
  choices: [
    { digit: '1', queueId: 'sales' },
    { digit: '2', queueId: 'reception' },
  ],
  ...overrides,
});

describe('voice menus and announcements in the config API', () => {
  it('[VOICE5] stores a menu (a key may lead to the queue itself) and an announcement; the phone book reads them, the engine log does not', async () => {
    await h.ok(
      admin,
      'PUT',
      '/api/v1/queues/reception',
      queue('reception', 'acme', {
        phoneNumbers: ['800700'],
        voiceMenu: menu({ timeoutSeconds: 4, attempts: 2, onFailure: 'hang-up' }),
        announcement: { file: prompt, everySeconds: 30 },
      }),
    );
    const book = new PhoneBook();
    await book.load(h.store);
    expect(book.route('800700')?.voiceMenu?.choices).toHaveLength(2);
    expect(book.announcementOf(admin.tenantId, 'reception')).toEqual({
      file: prompt,
      everySeconds: 30,
    });
    expect(book.announcementOf(admin.tenantId, 'sales')).toBeUndefined();
    const log = JSON.stringify(await h.store.readCommands(admin.tenantId, 0, 10_000));
    expect(log).toContain('"reception"');
    expect(log).not.toContain(prompt);
  });

  it('[VOICE5] refuses a key twice (400), an unknown queue (404) and a missing file (400), naming the field; nothing changes', async () => {
    const cases: Array<[Record<string, unknown>, number, RegExp]> = [
      [
        {
          voiceMenu: menu({
            choices: [
              { digit: '1', queueId: 'sales' },
              { digit: '1', queueId: 'reception' },
            ],
          }),
        },
        400,
        /voiceMenu\.choices: the key "1" leads to two queues/,
      ],
      [
        { voiceMenu: menu({ choices: [{ digit: '3', queueId: 'nowhere' }] }) },
        404,
        /voiceMenu\.choices\[0\]\.queueId: no queue with id "nowhere"/,
      ],
      [
        { voiceMenu: menu({ promptFile: '/nonexistent/menu.wav' }) },
        400,
        /voiceMenu\.promptFile: no readable audio file at "\/nonexistent\/menu\.wav"/,
      ],
      [
        { voiceMenu: menu({ promptFile: tmpdir() }) },
        400,
        /voiceMenu\.promptFile: no readable audio file/,
      ],
      [
        { announcement: { file: '/nonexistent/a.wav' } },
        400,
        /announcement\.file: no readable audio file/,
      ],
    ];
    for (const [fields, status, message] of cases) {
      const reply = error(
        await h.call(admin, 'PUT', '/api/v1/queues/reception', queue('reception', 'acme', fields)),
      );
      expect(reply.status, JSON.stringify(fields)).toBe(status);
      expect(reply.message).toMatch(message);
    }
    const book = new PhoneBook();
    await book.load(h.store);
    expect(book.route('800700')?.voiceMenu?.timeoutSeconds).toBe(4);
  });

  it('[VOICE5] the schema refuses bad shapes: a key that is not one telephone key, relative paths, no choices, out-of-range numbers', async () => {
    for (const fields of [
      { voiceMenu: menu({ choices: [{ digit: '12', queueId: 'sales' }] }) },
      { voiceMenu: menu({ choices: [{ digit: 'A', queueId: 'sales' }] }) },
      { voiceMenu: menu({ choices: [] }) },
      { voiceMenu: menu({ promptFile: 'menu.wav' }) },
      { voiceMenu: menu({ timeoutSeconds: 0 }) },
      { voiceMenu: menu({ attempts: 6 }) },
      { voiceMenu: menu({ onFailure: 'voicemail' }) },
      { voiceMenu: menu({ extra: true }) },
      { announcement: { file: prompt, everySeconds: 2 } },
      { announcement: {} },
    ]) {
      const reply = error(
        await h.call(admin, 'PUT', '/api/v1/queues/reception', queue('reception', 'acme', fields)),
      );
      expect(reply.status, JSON.stringify(fields)).toBe(400);
      expect(reply.message).toMatch(/voiceMenu|announcement/);
    }
  });
});
