// The live dialer's history writes with values the schema would not keep alike on SQLite and
// PostgreSQL (LIVE13 in packages/dialer/SPEC.md): refused the same way by both, for good.
import { describe, expect, it } from 'vitest';
import type { DialerWrite } from '../port.ts';
import { refusedForGood } from '../refusals.ts';
import { campaignOf, makeLead, makeList } from './builders.ts';
import type { ContractContext } from './store-contract.ts';

/** A value the types rule out, as a caller without them (or a bug) could pass it. */
const untyped = <T>(value: unknown): T => value as T;

type BadWrite = (leadId: string, callId: string) => DialerWrite;

/** A second attempt on the lead (another call) with `fields` over a good one. */
const attempt =
  (fields: Partial<Extract<DialerWrite, { kind: 'attempt' }>>): BadWrite =>
  (leadId, callId) => ({
    kind: 'attempt',
    callId: `${callId}:2`,
    leadId,
    atMs: 2_000,
    outcome: 'busy',
    ...fields,
  });

/** The disposition of the batch's first call with `fields` over a good one. */
const disposition =
  (fields: Partial<Extract<DialerWrite, { kind: 'disposition' }>>): BadWrite =>
  (leadId, callId) => ({
    kind: 'disposition',
    callId,
    leadId,
    dispositionId: 'sale',
    flag: 'success',
    ...fields,
  });

/** [what is wrong, the field named, the write]; each write is the last of its batch. */
const BAD_WRITES: [string, string, BadWrite][] = [
  // SQLite stored these before the check (NaN bound as NULL, NUL kept, no enum on flag…); of
  // them PostgreSQL refused the NaN times and the NUL and stored the rest.
  [
    'a NaN next time',
    'nextAtMs',
    (leadId) => ({ kind: 'leadState', leadId, state: 'scheduled', nextAtMs: NaN }),
  ],
  [
    'a NaN dialable time',
    'dialableAtMs',
    (leadId) => ({ kind: 'blocking', leadId, blockedBy: 'FR.hours', dialableAtMs: NaN }),
  ],
  ['a NUL character in a note', 'note', attempt({ note: 'rappeler\u0000' })],
  ['a NaN ring time', 'ringSeconds', attempt({ ringSeconds: NaN })],
  ['an infinite ring time', 'ringSeconds', attempt({ ringSeconds: Infinity })],
  ['a negative ring time', 'ringSeconds', attempt({ ringSeconds: -1 })],
  ['a NaN talk time', 'talkSeconds', disposition({ talkSeconds: NaN })],
  ['an unknown flag', 'flag', disposition({ flag: untyped('bogus') })],
  ['an empty disposition id', 'dispositionId', disposition({ dispositionId: '' })],
  ['an empty call id', 'callId', attempt({ callId: '' })],
  ['a number for a call id', 'callId', attempt({ callId: untyped(7) })],
  [
    'an empty author',
    'createdBy',
    (leadId) => ({ kind: 'callback', leadId, atMs: 50_000, createdBy: '' }),
  ],
  // (PostgreSQL stored this one too, then refused to read it back.)
  ['a time beyond 2^53', 'atMs', attempt({ atMs: 2 ** 53 + 2 })],
  ['a time as a string', 'atMs', attempt({ atMs: untyped('2000') })],
  ['an unknown kind', 'kind', (leadId) => untyped({ kind: 'note', leadId })],
  // A TypeError on SQLite (taken as passing), 22P02 on PostgreSQL.
  ['a boolean time', 'atMs', attempt({ atMs: untyped(true) })],
  // Refused by both before, by the schema's types or checks; now by the same check first.
  ['a fractional time', 'atMs', attempt({ atMs: 1.5 })],
  [
    'a fractional callback time',
    'atMs',
    (leadId) => ({ kind: 'callback', leadId, atMs: 50_000.5, createdBy: 'dialer' }),
  ],
  ['an unknown outcome', 'outcome', attempt({ outcome: untyped('bogus') })],
  [
    'an unknown state',
    'state',
    (leadId) => ({ kind: 'leadState', leadId, state: untyped('gone') }),
  ],
];

export function describeDialerValuesContract(context: () => ContractContext): void {
  describe('dialer writes with bad values', () => {
    it.each(BAD_WRITES)(
      '[LIVE13] %s: refused for good before any SQL, naming the write and field; nothing of its batch is stored',
      async (_what, field, bad) => {
        const { store, tenant } = context();
        const tenantId = await tenant();
        const campaignId = await campaignOf(store, tenantId);
        const lead = makeLead('+33612000500');
        await store.importLeadList(tenantId, makeList(campaignId), [lead], []);
        const callId = `c:${lead.id}`;
        const write = bad(lead.id, callId);
        // Good writes first, so a refusal that came after some SQL would show.
        const batch: DialerWrite[] = [
          { kind: 'attempt', callId, leadId: lead.id, atMs: 1_000, outcome: 'answered' },
          { kind: 'leadState', leadId: lead.id, state: 'connected' },
          { kind: 'callback', leadId: lead.id, atMs: 40_000, createdBy: 'dialer' },
          write,
        ];
        const error = await store.writeDialerBatch(tenantId, batch).then(
          () => undefined,
          (thrown: unknown) => thrown,
        );
        expect(error).toMatchObject({
          name: 'StoreError',
          code: 'InvalidValue',
          details: { kind: write.kind, leadId: lead.id, field },
        });
        expect((error as Error).message).toContain(`${write.kind} write for lead "${lead.id}"`);
        expect((error as Error).message).toMatch(new RegExp(`: ${field} .*expected `));
        expect(refusedForGood(error)).toBe(true);
        expect(await store.getLead(tenantId, lead.id)).toMatchObject({ state: 'new', attempts: 0 });
        expect(await store.getLead(tenantId, lead.id)).not.toHaveProperty('lastOutcome');
        expect(await store.attemptOfCall(tenantId, callId)).toBeUndefined();
        expect(await store.listCallbacks(tenantId, campaignId)).toEqual([]);
        // Without the bad write the batch lands whole.
        await store.writeDialerBatch(tenantId, batch.slice(0, -1));
        expect(await store.getLead(tenantId, lead.id)).toMatchObject({
          state: 'connected',
          attempts: 1,
          lastOutcome: 'answered',
        });
      },
    );

    it('[LIVE13] what the check lets through is stored alike: absent optionals, a null dialable time, a far-off safe time', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      const campaignId = await campaignOf(store, tenantId);
      const lead = makeLead('+33612000501');
      await store.importLeadList(tenantId, makeList(campaignId), [lead], []);
      const farMs = Number.MAX_SAFE_INTEGER;
      await store.writeDialerBatch(tenantId, [
        {
          kind: 'attempt',
          callId: 'c:far',
          leadId: lead.id,
          atMs: farMs,
          outcome: 'noAnswer',
          ringSeconds: 0,
        },
        { kind: 'blocking', leadId: lead.id, blockedBy: 'FR.hours', dialableAtMs: null },
        // Without a reason the time is not written: a NaN there is no value of the store's.
        { kind: 'blocking', leadId: lead.id, dialableAtMs: NaN },
        { kind: 'leadState', leadId: lead.id, state: 'scheduled', nextAtMs: farMs },
      ]);
      expect(await store.attemptOfCall(tenantId, 'c:far')).toMatchObject({
        atMs: farMs,
        ringSeconds: 0,
      });
      const stored = await store.getLead(tenantId, lead.id);
      expect(stored).toMatchObject({ state: 'scheduled', nextAtMs: farMs, attempts: 1 });
      expect(stored).not.toHaveProperty('blockedBy');
    });
  });
}
