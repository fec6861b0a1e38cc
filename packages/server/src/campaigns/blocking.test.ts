// "Why isn't it dialing?" read a page of leads at a time (LIST8): the same answer, and the same
// reasons written back to the leads, whatever the page size.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Campaign } from '@relais/protocol';
import { openSqliteStore, type NewLead, type Store } from '@relais/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BlockingCache } from './blocking.ts';

// A Tuesday, 11:30 in Paris (inside the French hours), 06:30 in Guadeloupe (outside).
const NOW = Date.parse('2026-03-10T10:30:00Z');
const DAY_MS = 86_400_000;

let dir: string;
let store: Store;

const campaign = Campaign.parse({
  id: 'winter',
  clientId: 'acme',
  name: 'Relance',
  mode: 'progressive',
  queueId: 'support',
  callerId: '+33162000000',
  dispositions: [
    { id: 'sale', label: 'Vente', flag: 'success' },
    { id: 'no', label: 'Refus', flag: 'refusal' },
  ],
  suppressionListIds: ['opposition'],
});

/** A seeded generator (mulberry32): the same leads every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const makeLead = (n: number, overseas: boolean): NewLead => ({
  id: `L-${String(n).padStart(3, '0')}`,
  phoneE164: overseas
    ? `+590690${String(n).padStart(6, '0')}`
    : `+33612${String(n).padStart(6, '0')}`,
  country: overseas ? 'GP' : 'FR',
  timeZone: overseas ? 'America/Guadeloupe' : 'Europe/Paris',
  holidayCountry: 'FR',
  ...(overseas ? { holidaySubdivision: 'GP' } : {}),
});

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'relais-blocking-'));
  store = openSqliteStore({ file: path.join(dir, 'relais.sqlite') });
  await store.migrate();
  await store.createTenant({ id: 't1', name: 'T' });
  await store.putCampaign('t1', { id: 'winter', clientId: 'acme', config: campaign });
  // Leads of every kind: dialable, overseas (hours), refused, four attempts, a callback ahead,
  // on the opposition list, done.
  const random = seeded(8);
  const leads = Array.from({ length: 41 }, (_, n) => makeLead(n, random() < 0.2));
  await store.importLeadList(
    't1',
    {
      id: 'mars',
      campaignId: 'winter',
      name: 'Mars',
      origin: 'salon',
      legalBasis: 'consent',
      importedBy: 'user:u1',
      rows: leads.length,
      imported: leads.length,
      merged: 0,
      rejected: 0,
    },
    leads,
    [],
  );
  const opposed: string[] = [];
  for (const lead of leads) {
    const roll = random();
    if (roll < 0.15) {
      await store.recordLeadAttempt(
        't1',
        { leadId: lead.id, atMs: NOW - 3 * DAY_MS, outcome: 'answered', flag: 'refusal' },
        { state: 'scheduled' },
      );
    } else if (roll < 0.3) {
      for (let day = 1; day <= 4; day++) {
        await store.recordLeadAttempt(
          't1',
          { leadId: lead.id, atMs: NOW - day * DAY_MS, outcome: 'noAnswer' },
          { state: 'scheduled' },
        );
      }
    } else if (roll < 0.4) {
      await store.scheduleCallback('t1', {
        leadId: lead.id,
        atMs: NOW + 3_600_000,
        createdBy: 'x',
      });
    } else if (roll < 0.5) opposed.push(lead.phoneE164);
    else if (roll < 0.6) {
      await store.recordLeadAttempt(
        't1',
        { leadId: lead.id, atMs: NOW - DAY_MS, outcome: 'answered', flag: 'success' },
        { state: 'done' },
      );
    }
  }
  await store.putSuppressionList(
    't1',
    { id: 'opposition', name: 'Opposition', scrubbedAt: new Date(NOW - DAY_MS).toISOString() },
    opposed,
  );
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The summary with this page size, and each lead's stored reason, from a clean cache. */
async function summaryWith(leadsPerPage: number) {
  const leads = await store.listLeads('t1', 'winter', { limit: 1000 });
  await store.setLeadBlocking(
    't1',
    leads.map((lead) => ({ id: lead.id })),
  );
  const view = await new BlockingCache(store, () => NOW, leadsPerPage).summary('t1', campaign);
  const stored = (await store.listLeads('t1', 'winter', { limit: 1000 })).map((lead) => [
    lead.id,
    lead.blockedBy,
    lead.dialableAtMs,
  ]);
  return { view, stored };
}

describe('BlockingCache', () => {
  it('[LIST8] gives the same answer and stores the same reasons whatever the page of leads', async () => {
    const whole = await summaryWith(1_000);
    // Every kind of lead is there, so the comparison means something.
    expect(Object.keys(whole.view.byReason).sort()).toEqual(
      expect.arrayContaining(['FR.hours', 'campaign.waiting', 'optout.listed']),
    );
    expect(Object.keys(whole.view.byReason).length).toBeGreaterThanOrEqual(5);
    expect(whole.view.dialable).toBeGreaterThan(0);
    expect(whole.view.done).toBeGreaterThan(0);
    expect(whole.view.total).toBe(41);
    for (const size of [1, 2, 7, 40, 41]) {
      expect(await summaryWith(size), `page of ${size}`).toEqual(whole);
    }
  });
});
