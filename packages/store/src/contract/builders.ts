// Test data builders for the contract suite. Ids are unique per call so tests can share one
// database (the PostgreSQL suite uses one schema per file) without seeing each other's rows.
import { randomUUID } from 'node:crypto';
import type {
  ApiKey,
  LoggedCommand,
  LoggedEvent,
  NewLead,
  NewLeadList,
  NewUser,
  Session,
  Store,
  Tenant,
} from '../port.ts';

let counter = 0;
const run = randomUUID().slice(0, 8);

/** A new id, unique in this test run and across runs: `prefix-<run>-<n>`. */
export const uniqueId = (prefix: string): string => `${prefix}-${run}-${++counter}`;

/** A clock the tests move by hand. */
export function makeClock(start = '2026-03-02T09:00:00.000Z') {
  let nowMs = Date.parse(start);
  return {
    now: () => new Date(nowMs),
    advance: (ms: number) => {
      nowMs += ms;
    },
  };
}
export type TestClock = ReturnType<typeof makeClock>;

export const makeTenant = (fields: Partial<Omit<Tenant, 'createdAt'>> = {}) => ({
  id: uniqueId('tenant'),
  name: 'Banque Exemple',
  ...fields,
});

export const makeUser = (tenantId: string, fields: Partial<NewUser> = {}): NewUser => ({
  id: uniqueId('user'),
  tenantId,
  username: uniqueId('login'),
  passwordHash: '$argon2id$v=19$stub',
  role: 'supervisor',
  scope: { siteIds: ['paris'] },
  ...fields,
});

export const makeSession = (
  user: { id: string; tenantId: string },
  fields: Partial<Omit<Session, 'createdAt'>> = {},
): Omit<Session, 'createdAt'> => ({
  tokenHash: uniqueId('token'),
  userId: user.id,
  tenantId: user.tenantId,
  csrfToken: uniqueId('csrf'),
  expiresAt: '2099-01-01T00:00:00.000Z',
  ...fields,
});

export const makeApiKey = (
  tenantId: string,
  fields: Partial<Omit<ApiKey, 'createdAt' | 'revokedAt'>> = {},
): Omit<ApiKey, 'createdAt' | 'revokedAt'> => ({
  id: uniqueId('key'),
  tenantId,
  name: 'wallboard',
  secretHash: 'sha256:stub',
  role: 'supervisor',
  scope: {},
  ...fields,
});

/** Commands `from`, `from + 1`, … with bodies whose key order is not alphabetical. */
export const makeCommands = (from: number, count: number): LoggedCommand[] =>
  Array.from({ length: count }, (_, index) => ({
    seq: from + index,
    atMs: 1_000 * (from + index),
    command: { type: 'offerContact', queueId: 'q-fr', contactId: `c${from + index}`, z: 1, a: 2 },
  }));

export const makeEvent = (seq: number, fields: Partial<LoggedEvent> = {}): LoggedEvent => ({
  seq,
  atMs: 1_000 * seq,
  type: 'contactQueued',
  body: { type: 'contactQueued', seq, note: 'é ✓' },
  refs: {},
  ...fields,
});

export const makeEvents = (from: number, count: number): LoggedEvent[] =>
  Array.from({ length: count }, (_, index) => makeEvent(from + index));

/** A small seeded generator (mulberry32) for the fuzz tests: the same seed, the same numbers. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Campaigns and leads (campaigns-contract.ts, dialer-values-contract.ts).
export const campaignSettings = (clientId: string) => ({
  name: 'Hiver',
  mode: 'progressive',
  clientId,
});

export const makeLead = (phone: string, fields: Partial<NewLead> = {}): NewLead => ({
  id: uniqueId('lead'),
  phoneE164: phone,
  country: 'FR',
  timeZone: 'Europe/Paris',
  holidayCountry: 'FR',
  holidaySubdivision: '57',
  ...fields,
});

export const makeList = (campaignId: string, fields: Partial<NewLeadList> = {}): NewLeadList => ({
  id: uniqueId('list'),
  campaignId,
  name: 'Prospects mars',
  origin: 'Salon de l’habitat, formulaire papier',
  legalBasis: 'consent',
  importedBy: 'user:u1',
  rows: 0,
  imported: 0,
  merged: 0,
  rejected: 0,
  ...fields,
});

/** A new stopped campaign of `clientId`, stored; its id. */
export async function campaignOf(
  store: Store,
  tenantId: string,
  clientId = 'acme',
): Promise<string> {
  const id = uniqueId('camp');
  await store.putCampaign(tenantId, { id, clientId, config: campaignSettings(clientId) });
  return id;
}
