// POST /api/v1/imports/:kind on a real server: a CSV body checked row by row, written through the
// live engine all at once or not at all; bad files, unknown kinds and oversized bodies refused.
import { IMPORT_MAX_BYTES } from '@relais/protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness, agent, queue, seedNetwork, type Caller } from '../testing/harness.ts';

let h: Harness;
let admin: Caller & { tenantId: string };

const CSV = { 'content-type': 'text/csv' };
const upload = (kind: string, csv: string, caller: Caller = admin, query = '') =>
  h.call(caller, 'POST', `/api/v1/imports/${kind}${query}`, csv, CSV);
const ids = async (path: string): Promise<string[]> =>
  (await h.ok<{ items: { id: string }[] }>(admin, 'GET', path)).items.map((item) => item.id);

beforeEach(async () => {
  h = await Harness.start();
  admin = await h.tenantAdmin('north');
  await seedNetwork(h, admin, '', 0);
});
afterEach(async () => h.stop());

describe('POST /api/v1/imports/:kind', () => {
  it('imports agents into the live engine: they can log in at once, and the audit names the admin', async () => {
    const reply = await upload(
      'agents',
      'id,name,siteId,skills\nr-01,Amina,rabat,fr:7\nr-02,"Karim, B.",rabat,fr:4\n',
    );
    expect(reply).toEqual({
      status: 200,
      body: { kind: 'agents', rows: 2, imported: 2, created: 2, replaced: 0, dryRun: false },
    });
    expect(await ids('/api/v1/agents')).toEqual(['r-01', 'r-02']);
    expect(await h.ok(admin, 'GET', '/api/v1/agents/r-02')).toMatchObject({
      name: 'Karim, B.',
      skills: { fr: 4 },
    });
    // The running engine knows them: no restart needed before they work.
    await h.ok(admin, 'POST', '/api/v1/agents/r-01/login', {});
    const audit = await h.ok<{ items: { action: string; actor: string; target: string }[] }>(
      admin,
      'GET',
      '/api/v1/audit',
    );
    expect(audit.items.find((entry) => entry.action === 'import')).toMatchObject({
      target: 'agents',
      actor: expect.stringMatching(/^user:/) as string,
    });
  });

  it('writes nothing when one row is rejected, and lists each rejected row with its line and field', async () => {
    const reply = await upload(
      'agents',
      'id,siteId,skills\nr-01,rabat,fr:7\nr-02,nowhere,fr:5\nr-03,rabat,fr:11\n',
    );
    expect(reply.status).toBe(422);
    expect(reply.body).toMatchObject({
      error: {
        code: 'ImportRejected',
        message: '2 of 3 row(s) rejected; nothing was imported',
        details: {
          kind: 'agents',
          rows: 3,
          rejected: [
            { line: 3, id: 'r-02', field: expect.stringContaining('site') as string },
            { line: 4, id: 'r-03', field: 'skills.fr' },
          ],
        },
      },
    });
    expect(await ids('/api/v1/agents')).toEqual([]);
    // Fixed, the same file goes in.
    const fixed = await upload('agents', 'id,siteId,skills\nr-01,rabat,fr:7\nr-02,rabat,fr:5\n');
    expect(fixed.body).toMatchObject({ imported: 2, created: 2 });
  });

  it('replaces existing rows, checks without writing on a dry run, and imports server-only kinds', async () => {
    const dry = await upload('clients', 'id,name\nvolta,Volta\n', admin, '?dryRun=true');
    expect(dry.body).toMatchObject({ imported: 0, created: 1, dryRun: true });
    expect(await ids('/api/v1/clients')).toEqual(['acme']);
    expect((await upload('clients', 'id,name\nacme,Acme SA\nvolta,Volta\n')).body).toMatchObject({
      imported: 2,
      created: 1,
      replaced: 1,
    });
    expect(await h.ok(admin, 'GET', '/api/v1/clients/acme')).toMatchObject({ name: 'Acme SA' });
    // A queue of the imported client is now accepted by the engine.
    const queues = await upload(
      'queues',
      'id,clientId,channel,skills\nvolta.fr,volta,voice,fr:1\n',
    );
    expect(queues.body).toMatchObject({ imported: 1 });
  });

  it('keeps the fields a CSV has no column for when a row replaces a stored one: routing numbers, steps, SIP users', async () => {
    await h.ok(admin, 'PUT', '/api/v1/queues/support', {
      ...queue('support', 'acme'),
      phoneNumbers: ['+33170000001'],
      steps: [{ afterSeconds: 30, addSites: 'network' }],
    });
    await h.ok(admin, 'PUT', '/api/v1/agents/a1', {
      ...agent('a1', 'rabat'),
      sipUser: 'amina',
      sipPassword: 'secret-1',
    });
    const queues = await upload(
      'queues',
      'id,clientId,channel,skills,priority\nsupport,acme,voice,fr:2,7\n',
    );
    expect(queues.body).toMatchObject({ imported: 1, replaced: 1 });
    expect(await h.ok(admin, 'GET', '/api/v1/queues/support')).toMatchObject({
      skills: { fr: 2 },
      priority: 7,
      phoneNumbers: ['+33170000001'],
      steps: [{ afterSeconds: 30, addSites: 'network' }],
    });
    expect(
      (await upload('agents', 'id,name,siteId,skills\na1,Amina,rabat,fr:6\n')).body,
    ).toMatchObject({
      imported: 1,
      replaced: 1,
    });
    expect(await h.ok(admin, 'GET', '/api/v1/agents/a1')).toMatchObject({
      name: 'Amina',
      skills: { fr: 6 },
      sipUser: 'amina',
    });
    // The write-only password is kept too (the API never shows it).
    const row = await h.store.getConfig(admin.tenantId, 'agent', 'a1');
    expect(row?.data).toMatchObject({ sipPassword: 'secret-1' });
  });

  it('refuses a bad header, malformed CSV, an empty file and an unknown kind with a 400 naming what is wrong', async () => {
    const header = await upload('agents', 'id,site,skills\nr-01,rabat,fr:7\n');
    expect(header.status).toBe(400);
    expect(header.body).toMatchObject({
      error: {
        code: 'ValidationFailed',
        message: expect.stringContaining('unknown column(s) site') as string,
        details: [{ path: 'header' }],
      },
    });
    const noId = await upload('sites', 'city,timeZone\nRabat,Africa/Casablanca\n');
    expect(noId.body).toMatchObject({ error: { details: [{ path: 'header' }] } });
    const ragged = await upload('sites', 'id,city\nfes,"Fès\n');
    expect(ragged.status).toBe(400);
    expect(ragged.body).toMatchObject({ error: { details: [{ path: 'csv' }] } });
    const empty = await upload('sites', 'id,city,timeZone,positions\n');
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({
      error: { message: expect.stringContaining('no rows') as string },
    });
    const kind = await upload('planets', 'id\nmars\n');
    expect(kind.status).toBe(400);
    expect(kind.body).toMatchObject({
      error: { code: 'ValidationFailed', message: expect.stringContaining('kind') as string },
    });
    const json = await h.call(admin, 'POST', '/api/v1/imports/sites', { id: 'fes' });
    expect(json.status).toBe(400);
    expect(json.body).toMatchObject({
      error: { message: expect.stringContaining('text/csv') as string },
    });
    expect(await ids('/api/v1/sites')).toEqual(['rabat']);
  });

  it('refuses a file over the size limit with 413, and anyone but an admin with 403', async () => {
    const row = 'a-00000,rabat,fr:5\n';
    const big = `id,siteId,skills\n${row.repeat(Math.ceil(IMPORT_MAX_BYTES / row.length) + 1)}`;
    const tooLarge = await upload('agents', big);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toMatchObject({ error: { code: 'TooLarge' } });
    const supervisor = await h.user(admin, 'supervisor', { siteIds: ['rabat'] }, 'sup.rabat');
    const refused = await upload(
      'sites',
      'id,city,timeZone,positions\nfes,Fès,Africa/Casablanca,10\n',
      supervisor,
    );
    expect(refused.status).toBe(403);
    expect(await ids('/api/v1/sites')).toEqual(['rabat']);
  });
});
