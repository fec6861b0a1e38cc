// The campaign API on a real server (SQLite): campaigns, list import, leads, blocking, figures,
// callbacks, suppression lists, scope and bad input (SPEC CAMP1–CAMP5, LIST1–LIST6).
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness, seedNetwork, type Caller } from '../testing/harness.ts';

// A Saturday in Paris: the French pack dials no one (FR.hours) — a fixed instant for the gate.
const SATURDAY = Date.parse('2026-03-07T10:00:00Z');
const CSV = { 'content-type': 'text/csv' };
type ErrorBody = { error: { code: string; message: string } };

let h: Harness;
let admin: Caller & { tenantId: string };

const campaign = (fields: Record<string, unknown> = {}) => ({
  id: 'winter',
  clientId: 'acme',
  name: 'Relance hiver',
  mode: 'progressive',
  queueId: 'support',
  callerId: '+33162000000',
  dispositions: [
    { id: 'sale', label: 'Vente', flag: 'success' },
    { id: 'no', label: 'Refus', flag: 'refusal' },
  ],
  ...fields,
});

const importQuery = (fields: Record<string, string> = {}) =>
  new URLSearchParams({
    name: 'Salon mars',
    origin: 'Salon de l’habitat de Metz, formulaire signé',
    legalBasis: 'consent',
    phone: 'tel',
    firstName: 'prenom',
    postcode: 'cp',
    ...fields,
  }).toString();

const upload = (csv: string, query = importQuery(), caller: Caller = admin, id = 'winter') =>
  h.call<Record<string, unknown>>(
    caller,
    'POST',
    `/api/v1/campaigns/${id}/lists?${query}`,
    csv,
    CSV,
  );

const LIST = [
  'tel;prenom;cp;contrat',
  '06 12 34 56 78;Léa;57000;C-1',
  '0612345678;Léa bis;57000;C-1',
  '+590 690 00 12 34;Rose;97110;',
  '12;Bad;75001;',
  '0712345678;Yann;7500;',
  '0145678901;Marc;75011;C-9',
].join('\n');

beforeEach(async () => {
  h = await Harness.start({ clock: () => SATURDAY });
  admin = await h.tenantAdmin('north');
  await seedNetwork(h, admin, '', 1);
});
afterEach(async () => h.stop());

describe('campaigns', () => {
  it('[CAMP1] are created stopped, read back with their state and lead count, replaced', async () => {
    const created = await h.call(admin, 'PUT', '/api/v1/campaigns/winter', campaign());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: 'winter',
      state: 'stopped',
      leads: 0,
      rulePack: 'FR',
    });
    const replaced = await h.call(
      admin,
      'PUT',
      '/api/v1/campaigns/winter',
      campaign({ name: 'Hiver 2' }),
    );
    expect(replaced).toMatchObject({ status: 200, body: { name: 'Hiver 2' } });
    expect(await h.ok(admin, 'GET', '/api/v1/campaigns')).toMatchObject([{ id: 'winter' }]);
    const running = await h.ok(admin, 'PUT', '/api/v1/campaigns/winter/state', {
      state: 'running',
    });
    expect(running).toMatchObject({ state: 'running' });
    const refused = await h.call(admin, 'DELETE', '/api/v1/campaigns/winter');
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'CampaignActive' } } });
    await h.ok(admin, 'PUT', '/api/v1/campaigns/winter/state', { state: 'stopped' });
    await h.ok(admin, 'DELETE', '/api/v1/campaigns/winter');
    expect((await h.call(admin, 'GET', '/api/v1/campaigns/winter')).status).toBe(404);
  });

  it('[CAMP1][CAMP2][CAMP3][CAMP4] bad settings are refused with a 400 naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ tighten: { attempts: { max: 6, windowDays: 30 } } }, 'tighten.attempts.max'],
      [{ tighten: { windows: [{ day: 'sat', from: '10:00', to: '12:00' }] } }, 'tighten.windows.0'],
      [{ callerId: '+33612345678' }, 'callerId'],
      [{ callerId: '+33145678901' }, 'callerId'],
      [{ dispositions: [{ id: 'no', label: 'Refus', flag: 'refusal' }] }, 'dispositions'],
      [
        { recycling: [{ outcome: 'callback', delayMinutes: 5, maxAttempts: 2 }] },
        'recycling.0.outcome',
      ],
      [{ queueId: 'nowhere' }, 'queueId'],
      [{ clientId: 'nobody' }, 'clientId'],
      [{ suppressionListIds: ['ghost'] }, 'suppressionListIds.0'],
      [{ id: 'other' }, 'id'],
      [{ mode: 'robocall' }, 'mode'],
      [{ callerId: '0162000000' }, 'callerId'],
    ];
    for (const [fields, path] of cases) {
      const reply = await h.call<{ error: { code: string; details: { path: string }[] } }>(
        admin,
        'PUT',
        '/api/v1/campaigns/winter',
        campaign(fields),
      );
      expect(reply.status, path).toBe(400);
      expect(reply.body.error.code).toBe('ValidationFailed');
      expect(reply.body.error.details[0]?.path, JSON.stringify(fields)).toBe(path);
    }
    expect(await h.ok(admin, 'GET', '/api/v1/campaigns')).toEqual([]);
  });
});

describe('lead list import', () => {
  beforeEach(async () => {
    await h.ok(admin, 'PUT', '/api/v1/campaigns/winter', campaign());
  });

  it('[LIST2][LIST3][LIST5][LIST6] normalises, merges duplicates, reports every rejected row by line', async () => {
    const reply = await upload(LIST, importQuery({ listId: 'mars' }));
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      listId: 'mars',
      rows: 6,
      imported: 3,
      merged: 1,
      rejected: 2,
      rejectedRows: [
        {
          line: 5,
          errors: [{ field: 'phone', code: 'invalid', message: '"12" is not a valid number' }],
        },
        { line: 6, errors: [expect.objectContaining({ field: 'postcode', code: 'invalid' })] },
      ],
      rejectedCsvUrl: '/api/v1/campaigns/winter/lists/mars/rejected.csv',
    });
    const page = await h.ok<{ leads: Record<string, unknown>[] }>(
      admin,
      'GET',
      '/api/v1/campaigns/winter/leads',
    );
    expect(page.leads.map((lead) => lead.phoneE164)).toEqual([
      '+33612345678',
      '+590690001234',
      '+33145678901',
    ]);
    expect(page.leads[0]).toMatchObject({
      id: 'mars-0000002',
      firstName: 'Léa',
      timeZone: 'Europe/Paris',
      attributes: { contrat: 'C-1' },
      state: 'new',
      attempts: 0,
    });
    expect(page.leads[1]).toMatchObject({ country: 'GP', timeZone: 'America/Guadeloupe' });
    const lists = await h.ok<Record<string, unknown>[]>(
      admin,
      'GET',
      '/api/v1/campaigns/winter/lists',
    );
    expect(lists).toEqual([
      expect.objectContaining({
        id: 'mars',
        origin: 'Salon de l’habitat de Metz, formulaire signé',
        legalBasis: 'consent',
        importedBy: expect.stringMatching(/^user:/) as string,
        rows: 6,
        imported: 3,
        merged: 1,
        rejected: 2,
      }),
    ]);
    const csv = await h.server.app.inject({
      method: 'GET',
      url: '/api/v1/campaigns/winter/lists/mars/rejected.csv',
      headers: admin.headers,
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body.split('\n')[0]).toBe('line,field,code,message');
    expect(csv.body).toContain('5,phone,invalid,"""12"" is not a valid number"');
    // The same numbers again: all merged with the campaign's leads.
    const again = await upload(LIST);
    expect(again.body).toMatchObject({ imported: 0, merged: 4, rejected: 2 });
    const audit = await h.ok<{
      items: { action: string; target: string; details: Record<string, unknown> }[];
    }>(admin, 'GET', '/api/v1/audit');
    expect(audit.items.filter((entry) => entry.action === 'import')[0]).toMatchObject({
      target: 'campaign:winter',
      details: { listId: 'mars', legalBasis: 'consent', imported: 3 },
    });
    expect(
      audit.items.some((entry) => entry.action === 'export' && entry.target === 'list:mars'),
    ).toBe(true);
    const progress = await h.ok(admin, 'GET', '/api/v1/campaigns/winter/lists/mars/progress');
    expect(progress).toMatchObject({ phase: 'done', rowsDone: 6, campaignId: 'winter' });
  });

  it('[LIST1][LIST4] a bad file or mapping writes nothing: the campaign is as before', async () => {
    await upload(LIST, importQuery({ listId: 'first' }));
    const before = await h.ok(admin, 'GET', '/api/v1/campaigns/winter/leads');
    const failures: [string, string, string, number][] = [
      ['tel;prenom;cp\n0612000001;A;75001\n0612000002;"B;75001\n', importQuery(), 'csv', 400],
      ['numero;prenom;cp\n0612000001;A;75001\n', importQuery(), 'phone', 400],
      ['tel;prenom;cp\n', importQuery(), 'csv', 400],
      ['', importQuery(), 'csv', 400],
      ['tel;prenom;cp\n0612000009;A;75001\n', importQuery({ listId: 'first' }), '', 409],
    ];
    for (const [csv, query, path, status] of failures) {
      const reply = await upload(csv, query);
      expect(reply.status, csv).toBe(status);
      if (path !== '') expect(reply.body).toMatchObject({ error: { details: [{ path }] } });
    }
    const bad = await h.call(
      admin,
      'POST',
      `/api/v1/campaigns/winter/lists?${importQuery({ legalBasis: 'because' })}`,
      LIST,
      CSV,
    );
    expect(bad).toMatchObject({ status: 400, body: { error: { code: 'ValidationFailed' } } });
    const noOrigin = await h.call(
      admin,
      'POST',
      `/api/v1/campaigns/winter/lists?phone=tel&name=x&legalBasis=consent`,
      LIST,
      CSV,
    );
    expect(noOrigin).toMatchObject({
      status: 400,
      body: { error: { details: [{ path: 'origin' }] } },
    });
    const json = await h.call(admin, 'POST', `/api/v1/campaigns/winter/lists?${importQuery()}`, {
      tel: '0612000001',
    });
    expect(json.status).toBe(400);
    expect(await h.ok(admin, 'GET', '/api/v1/campaigns/winter/leads')).toEqual(before);
    expect(await h.ok<unknown[]>(admin, 'GET', '/api/v1/campaigns/winter/lists')).toHaveLength(1);
    const failed = await h
      .ok(admin, 'GET', '/api/v1/campaigns/winter/lists/nothing/progress')
      .catch(() => 'none');
    expect(failed).toBe('none');
  });

  it('[LIST10] a campaign deleted while its list is read: 404 saying so, nothing of the list left', async () => {
    await h.ok(admin, 'PUT', '/api/v1/campaigns/winter', campaign());
    let pulled!: () => void;
    const reading = new Promise<void>((resolve) => (pulled = resolve));
    let release!: () => void;
    const deleted = new Promise<void>((resolve) => (release = resolve));
    // The file arrives in two parts; the campaign is deleted between them.
    const body = Readable.from(
      (async function* () {
        yield Buffer.from('tel;prenom;cp\n06 12 34 56 78;Léa;57000\n');
        pulled();
        await deleted;
        yield Buffer.from('06 98 76 54 32;Rose;57000\n');
      })(),
    );
    const upload = h.call<ErrorBody>(
      admin,
      'POST',
      `/api/v1/campaigns/winter/lists?${importQuery({ listId: 'mars' })}`,
      body,
      CSV,
    );
    await reading;
    expect((await h.call(admin, 'DELETE', '/api/v1/campaigns/winter')).status).toBe(200);
    release();
    const answer = await upload;
    expect(answer.status).toBe(404);
    expect(answer.body.error).toMatchObject({
      code: 'NotFound',
      message: expect.stringContaining(
        'campaign "winter" was deleted while list "mars" was being imported',
      ) as string,
    });
    expect(await h.store.getLeadList(admin.tenantId, 'mars')).toBeUndefined();
    // The campaign made again starts empty, and the same file imports into it.
    await h.ok(admin, 'PUT', '/api/v1/campaigns/winter', campaign());
    expect(await h.store.campaignNumbers(admin.tenantId, 'winter')).toEqual([]);
    const again = await h.call(
      admin,
      'POST',
      `/api/v1/campaigns/winter/lists?${importQuery({ listId: 'mars' })}`,
      'tel;prenom;cp\n06 12 34 56 78;Léa;57000\n06 98 76 54 32;Rose;57000\n',
      CSV,
    );
    expect(again).toMatchObject({ status: 200, body: { imported: 2 } });
  });

  it('[LIST4] a list a stopped server left staged is deleted at the next start, its id and numbers free', async () => {
    const staged = await h.store.stageLeadList(admin.tenantId, {
      id: 'mars',
      campaignId: 'winter',
      name: 'Salon mars',
      origin: 'salon',
      legalBasis: 'consent',
      importedBy: 'user:gone',
    });
    const lead = { country: 'FR', timeZone: 'Europe/Paris', holidayCountry: 'FR' };
    await staged.add([{ id: 'mars-0000002', phoneE164: '+33612345678', ...lead }], []);
    expect(await h.ok(admin, 'GET', '/api/v1/campaigns/winter/lists')).toEqual([]);
    await h.restart();
    const reply = await upload(LIST, importQuery({ listId: 'mars' }));
    expect(reply).toMatchObject({ status: 200, body: { imported: 3, merged: 1 } });
    expect(await h.ok<unknown[]>(admin, 'GET', '/api/v1/campaigns/winter/lists')).toHaveLength(1);
  });

  it('[LIST2] reads consent and contract cells, and rejects ones that are not dates or yes/no', async () => {
    const csv = [
      'tel,consent_at,preuve,horaires,contrat',
      '0612000001,2026-02-01,enreg-1,oui,non',
      '0612000002,le 3 mars,enreg-2,,',
      '0612000003,,,,peut-être',
    ].join('\n');
    const reply = await upload(
      csv,
      importQuery({
        consentGivenAt: 'consent_at',
        consentProof: 'preuve',
        consentCoversHours: 'horaires',
        contractRelation: 'contrat',
        firstName: '',
        postcode: '',
      }).replace('&firstName=&postcode=', ''),
    );
    expect(reply.body).toMatchObject({
      imported: 1,
      rejectedRows: [
        { line: 3, errors: [{ field: 'consentGivenAt', code: 'invalid' }] },
        { line: 4, errors: [{ field: 'contractRelation', code: 'invalid' }] },
      ],
    });
  });
});

describe('blocking, figures, callbacks and suppression', () => {
  beforeEach(async () => {
    const opposition = await h.call(
      admin,
      'PUT',
      '/api/v1/suppression-lists/opposition?name=Opposition&scrubbedAt=2026-03-05T00:00:00Z',
      'phone\n06 12 34 56 78\nnot a number\n',
      CSV,
    );
    expect(opposition).toMatchObject({
      status: 200,
      body: { id: 'opposition', numbers: 1, unreadable: 1, unreadableLines: [3] },
    });
    await h.ok(
      admin,
      'PUT',
      '/api/v1/campaigns/winter',
      campaign({ suppressionListIds: ['opposition'] }),
    );
    await upload(LIST, importQuery({ listId: 'mars' }));
  });

  it('[LIST7][LIST8][CAMP5] says why nothing dials: the opposition list first, then the hours, never-dialable counted', async () => {
    const summary = await h.ok(admin, 'GET', '/api/v1/campaigns/winter/blocking');
    expect(summary).toEqual({
      at: new Date(SATURDAY).toISOString(),
      total: 3,
      dialable: 0,
      blocked: 3,
      byReason: { 'optout.listed': 1, 'FR.hours': 2 },
      neverDialable: 1,
      done: 0,
    });
    const hours = await h.ok<{ leads: { blockedBy: string; dialableAt: string | null }[] }>(
      admin,
      'GET',
      '/api/v1/campaigns/winter/leads?blockedBy=FR.hours',
    );
    // Monday 10:00 in Paris is the first instant the French hours allow.
    expect(hours.leads.map((lead) => lead.dialableAt)).toContain('2026-03-09T09:00:00.000Z');
    const stats = await h.ok(admin, 'GET', '/api/v1/campaigns/winter/stats');
    expect(stats).toMatchObject({
      state: 'stopped',
      dialLevel: 0,
      today: { placed: 0 },
      abandonRate: { windowHours: 24 },
      leadsByState: { new: 3 },
      blockedByReason: { 'optout.listed': 1, 'FR.hours': 2 },
    });
    expect(await h.ok(admin, 'GET', '/api/v1/suppression-lists')).toEqual([
      { id: 'opposition', name: 'Opposition', scrubbedAt: '2026-03-05T00:00:00.000Z', numbers: 1 },
    ]);
    const stale = await h.call(
      admin,
      'PUT',
      '/api/v1/suppression-lists/opposition?name=O&scrubbedAt=yesterday',
      'phone\n',
      CSV,
    );
    expect(stale).toMatchObject({
      status: 400,
      body: { error: { details: [{ path: 'scrubbedAt' }] } },
    });
    const noColumn = await h.call(
      admin,
      'PUT',
      '/api/v1/suppression-lists/x?name=O&scrubbedAt=2026-03-05T00:00:00Z&phone=tel',
      'phone\n0612\n',
      CSV,
    );
    expect(noColumn).toMatchObject({
      status: 400,
      body: { error: { details: [{ path: 'phone' }] } },
    });
  });

  it('[LIST8] counts attempts of the day and the abandon rate in the pack window from the store', async () => {
    const hour = 3_600_000;
    const record = (
      leadId: string,
      atMs: number,
      outcome: 'answered' | 'abandoned' | 'noAnswer',
      flag?: string,
    ) =>
      h.store.recordLeadAttempt(
        admin.tenantId,
        { leadId, atMs, outcome, ...(flag === undefined ? {} : { flag }) },
        { state: 'scheduled' },
      );
    await record('mars-0000002', SATURDAY - hour, 'answered', 'success');
    await record('mars-0000004', SATURDAY - 2 * hour, 'abandoned');
    await record('mars-0000007', SATURDAY - 3 * hour, 'noAnswer');
    // Two days ago: outside today and the 24-hour window, inside "since the start".
    await record('mars-0000007', SATURDAY - 48 * hour, 'abandoned');
    const stats = await h.ok<Record<string, unknown>>(
      admin,
      'GET',
      '/api/v1/campaigns/winter/stats',
    );
    expect(stats).toMatchObject({
      today: { placed: 3, answeredHuman: 2, abandoned: 1, noAnswer: 1, success: 1 },
      answerRate: 2 / 3,
      abandonRate: { window: 1 / 2, windowHours: 24, sinceStart: 2 / 3 },
      leadsByState: { scheduled: 3 },
    });
    const detail = await h.ok<{ history: unknown[] }>(admin, 'GET', '/api/v1/leads/mars-0000007');
    expect(detail.history).toEqual([
      expect.objectContaining({ outcome: 'abandoned', campaignId: 'winter' }),
      expect.objectContaining({ outcome: 'noAnswer' }),
    ]);
  });

  it('refuses bad queries and bodies on the read and state routes with the field named', async () => {
    const cases: [string, string, unknown, string][] = [
      ['GET', '/api/v1/campaigns/winter/leads?limit=0', undefined, 'limit'],
      ['GET', '/api/v1/campaigns/winter/leads?state=asleep', undefined, 'state'],
      ['PUT', '/api/v1/campaigns/winter/state', { state: 'dialing' }, 'state'],
      ['GET', '/api/v1/campaigns/bad%20id/blocking', undefined, 'id'],
    ];
    for (const [method, url, body, path] of cases) {
      const reply = await h.call(admin, method, url, body);
      expect(reply, url).toMatchObject({ status: 400, body: { error: { details: [{ path }] } } });
    }
    expect((await h.call(admin, 'GET', '/api/v1/campaigns/nope/stats')).status).toBe(404);
  });

  it('schedules callbacks owned by an agent or the campaign; a lead shows its history', async () => {
    const made = await h.call(admin, 'POST', '/api/v1/campaigns/winter/callbacks', {
      leadId: 'mars-0000007',
      at: '2026-03-09T15:00:00+01:00',
      agentId: 'a1',
    });
    expect(made).toMatchObject({
      status: 201,
      body: {
        leadId: 'mars-0000007',
        at: '2026-03-09T14:00:00.000Z',
        agentId: 'a1',
        campaignId: 'winter',
      },
    });
    expect(await h.ok(admin, 'GET', '/api/v1/campaigns/winter/callbacks')).toMatchObject([
      { leadId: 'mars-0000007' },
    ]);
    const detail = await h.ok(admin, 'GET', '/api/v1/leads/mars-0000007');
    expect(detail).toMatchObject({
      lead: { state: 'callback', nextAt: '2026-03-09T14:00:00.000Z' },
      history: [],
    });
    const bad: [Record<string, unknown>, string][] = [
      [{ leadId: 'nope', at: '2026-03-09T15:00:00+01:00' }, 'leadId'],
      [{ leadId: 'mars-0000007', at: 'lundi' }, 'at'],
      [{ leadId: 'mars-0000007', at: '2026-03-09T15:00:00+01:00', agentId: 'ghost' }, 'agentId'],
    ];
    for (const [body, path] of bad) {
      const reply = await h.call(admin, 'POST', '/api/v1/campaigns/winter/callbacks', body);
      expect(reply, path).toMatchObject({ status: 400, body: { error: { details: [{ path }] } } });
    }
    expect((await h.call(admin, 'GET', '/api/v1/leads/nope')).status).toBe(404);
  });
});

describe('scope', () => {
  it('[LIST9] client viewers read their client only; agents and planners get 403; viewers cannot write', async () => {
    await h.ok(admin, 'POST', '/api/v1/clients', { id: 'volta', name: 'Volta' });
    await h.ok(admin, 'PUT', '/api/v1/campaigns/winter', campaign());
    await upload(LIST, importQuery({ listId: 'mars' }));
    const mine = await h.user(admin, 'clientViewer', { clientId: 'acme' }, 'acme.viewer');
    const other = await h.user(admin, 'clientViewer', { clientId: 'volta' }, 'volta.viewer');
    const agent = await h.user(admin, 'agent', { agentId: 'a1' }, 'agent.one');
    const planner = await h.user(admin, 'planner', {}, 'planner.one');
    const supervisor = await h.user(admin, 'supervisor', { siteIds: ['rabat'] }, 'sup.rabat');
    expect(await h.ok(mine, 'GET', '/api/v1/campaigns')).toMatchObject([{ id: 'winter' }]);
    expect(await h.ok(mine, 'GET', '/api/v1/leads/mars-0000002')).toMatchObject({
      lead: { id: 'mars-0000002' },
    });
    expect(await h.ok(other, 'GET', '/api/v1/campaigns')).toEqual([]);
    for (const path of [
      '/api/v1/campaigns/winter',
      '/api/v1/campaigns/winter/leads',
      '/api/v1/leads/mars-0000002',
      '/api/v1/campaigns/winter/blocking',
    ]) {
      expect((await h.call(other, 'GET', path)).status, path).toBe(404);
    }
    for (const caller of [agent, planner]) {
      expect((await h.call(caller, 'GET', '/api/v1/campaigns')).status).toBe(403);
      expect((await h.call(caller, 'GET', '/api/v1/suppression-lists')).status).toBe(403);
    }
    expect(
      (await h.call(mine, 'PUT', '/api/v1/campaigns/winter/state', { state: 'running' })).status,
    ).toBe(403);
    expect((await upload(LIST, importQuery(), mine)).status).toBe(403);
    // A supervisor of the site manages the campaign of its queue.
    expect(
      await h.ok(supervisor, 'PUT', '/api/v1/campaigns/winter/state', { state: 'paused' }),
    ).toMatchObject({
      state: 'paused',
    });
  });
});
