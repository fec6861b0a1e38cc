// Campaigns, lead lists, leads, attempts, callbacks and suppression lists (issue 8).
import { describe, expect, it } from 'vitest';
import type { Store } from '../port.ts';
import { refusedForGood } from '../refusals.ts';
import {
  campaignOf,
  makeLead,
  makeList,
  seededRandom,
  campaignSettings,
  uniqueId,
} from './builders.ts';
import { expectStoreError, type ContractContext } from './store-contract.ts';

export function describeCampaignsContract(context: () => ContractContext): void {
  describe('campaigns', () => {
    it('are created stopped at version 1, replaced with version + 1, listed per client', async () => {
      const { store, clock, tenant } = context();
      const tenantId = await tenant();
      const created = await store.putCampaign(tenantId, {
        id: 'winter',
        clientId: 'acme',
        config: campaignSettings('acme'),
      });
      expect(created).toEqual({
        id: 'winter',
        clientId: 'acme',
        config: campaignSettings('acme'),
        state: 'stopped',
        version: 1,
        createdAt: clock.now().toISOString(),
        updatedAt: clock.now().toISOString(),
      });
      clock.advance(1_000);
      const replaced = await store.putCampaign(
        tenantId,
        {
          id: 'winter',
          clientId: 'acme',
          config: { ...campaignSettings('acme'), name: 'Hiver 2' },
        },
        { expectedVersion: 1 },
      );
      expect(replaced).toMatchObject({ version: 2, createdAt: created.createdAt });
      expect(replaced.updatedAt).toBe(clock.now().toISOString());
      await expectStoreError(
        store.putCampaign(
          tenantId,
          { id: 'winter', clientId: 'acme', config: {} },
          { expectedVersion: 1 },
        ),
        'VersionConflict',
      );
      await store.putCampaign(tenantId, {
        id: 'spring',
        clientId: 'volta',
        config: campaignSettings('volta'),
      });
      expect((await store.listCampaigns(tenantId)).map((c) => c.id)).toEqual(['spring', 'winter']);
      expect((await store.listCampaigns(tenantId, 'volta')).map((c) => c.id)).toEqual(['spring']);
      expect(await store.getCampaign(tenantId, 'nope')).toBeUndefined();
      await expectStoreError(
        store.putCampaign(uniqueId('ghost'), { id: 'x', clientId: 'a', config: {} }),
        'UnknownTenant',
      );
    });

    it('change state, and are deleted with their lists and leads while their attempts stay', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      const campaignId = await campaignOf(store, tenantId);
      expect(await store.setCampaignState(tenantId, campaignId, 'running')).toMatchObject({
        state: 'running',
      });
      expect(await store.setCampaignState(tenantId, 'nope', 'running')).toBeUndefined();
      const lead = makeLead('+33612000001');
      const list = makeList(campaignId, { rows: 1, imported: 1 });
      await store.importLeadList(tenantId, list, [lead], []);
      await store.recordLeadAttempt(
        tenantId,
        { leadId: lead.id, atMs: 1_000, outcome: 'busy' },
        { state: 'scheduled' },
      );
      await store.scheduleCallback(tenantId, {
        leadId: lead.id,
        atMs: 5_000,
        createdBy: 'user:u1',
      });
      expect(await store.deleteCampaign(tenantId, campaignId)).toBe(true);
      expect(await store.deleteCampaign(tenantId, campaignId)).toBe(false);
      expect(await store.getLead(tenantId, lead.id)).toBeUndefined();
      expect(await store.getLeadList(tenantId, list.id)).toBeUndefined();
      expect(await store.leadAttempts(tenantId, lead.id)).toHaveLength(1);
    });
  });

  describe('lead lists', () => {
    it('are written with their leads and rejected rows, and read back as given', async () => {
      const { store, clock, tenant } = context();
      const tenantId = await tenant();
      const campaignId = await campaignOf(store, tenantId);
      const full = makeLead('+33612000002', {
        consentGivenAtMs: 1_700_000_000_000,
        consentProof: 'rec-77',
        consentCoversHours: true,
        contractRelation: false,
        firstName: 'Léa',
        lastName: 'Martin',
        attributes: { contrat: 'C-12', ville: 'Metz' },
      });
      const bare = makeLead('+590690001234', {
        country: 'GP',
        timeZone: 'America/Guadeloupe',
        holidayCountry: 'FR',
        holidaySubdivision: 'GP',
      });
      const list = makeList(campaignId, { rows: 4, imported: 2, merged: 1, rejected: 1 });
      const errors = [{ field: 'phone', code: 'invalid', message: '"12" is not a valid number' }];
      const saved = await store.importLeadList(tenantId, list, [full, bare], [{ line: 4, errors }]);
      expect(saved).toEqual({ ...list, importedAt: clock.now().toISOString() });
      expect(await store.listLeadLists(tenantId, campaignId)).toEqual([saved]);
      expect(await store.getLeadList(tenantId, list.id)).toEqual(saved);
      expect(await store.leadListRejections(tenantId, list.id)).toEqual([{ line: 4, errors }]);
      expect(await store.getLead(tenantId, full.id)).toEqual({
        ...full,
        campaignId,
        listId: list.id,
        state: 'new',
        attempts: 0,
      });
      expect(await store.getLead(tenantId, bare.id)).toEqual({
        ...bare,
        campaignId,
        listId: list.id,
        attributes: {},
        state: 'new',
        attempts: 0,
      });
      expect((await store.campaignNumbers(tenantId, campaignId)).sort()).toEqual([
        '+33612000002',
        '+590690001234',
      ]);
    });

    it('write nothing when one number is already in the campaign: the store is as before', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      const campaignId = await campaignOf(store, tenantId);
      const first = makeList(campaignId);
      await store.importLeadList(tenantId, first, [makeLead('+33612000003')], []);
      const second = makeList(campaignId);
      const fresh = makeLead('+33612000004');
      await expectStoreError(
        store.importLeadList(
          tenantId,
          second,
          [fresh, makeLead('+33612000003')],
          [{ line: 9, errors: [] }],
        ),
        'Duplicate',
      );
      expect(await store.getLeadList(tenantId, second.id)).toBeUndefined();
      expect(await store.getLead(tenantId, fresh.id)).toBeUndefined();
      expect(await store.leadListRejections(tenantId, second.id)).toEqual([]);
      expect(await store.campaignNumbers(tenantId, campaignId)).toEqual(['+33612000003']);
      // Another campaign may have the same number.
      const other = await campaignOf(store, tenantId);
      await store.importLeadList(tenantId, makeList(other), [makeLead('+33612000003')], []);
      await expectStoreError(
        store.importLeadList(tenantId, makeList('no-campaign'), [makeLead('+33612000005')], []),
        'UnknownTenant',
      );
    });

    it('page leads by id with state and blocking filters, and cache the gate answer', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      const campaignId = await campaignOf(store, tenantId);
      const leads = Array.from({ length: 5 }, (_, i) =>
        makeLead(`+3361200010${i}`, { id: `L-${i}` }),
      );
      await store.importLeadList(tenantId, makeList(campaignId), leads, []);
      const page = await store.listLeads(tenantId, campaignId, { limit: 2 });
      expect(page.map((lead) => lead.id)).toEqual(['L-0', 'L-1']);
      const next = await store.listLeads(tenantId, campaignId, { after: 'L-1', limit: 10 });
      expect(next.map((lead) => lead.id)).toEqual(['L-2', 'L-3', 'L-4']);
      await store.setLeadBlocking(tenantId, [
        { id: 'L-1', blockedBy: 'FR.hours', dialableAtMs: 9_000 },
        { id: 'L-2', blockedBy: 'optout.listed', dialableAtMs: null },
        { id: 'L-3' },
      ]);
      expect(await store.getLead(tenantId, 'L-1')).toMatchObject({
        blockedBy: 'FR.hours',
        dialableAtMs: 9_000,
      });
      expect(await store.getLead(tenantId, 'L-2')).toMatchObject({
        blockedBy: 'optout.listed',
        dialableAtMs: null,
      });
      expect(await store.getLead(tenantId, 'L-3')).not.toHaveProperty('blockedBy');
      const blocked = await store.listLeads(tenantId, campaignId, { blockedBy: 'FR.hours' });
      expect(blocked.map((lead) => lead.id)).toEqual(['L-1']);
      await store.recordLeadAttempt(
        tenantId,
        { leadId: 'L-4', atMs: 1, outcome: 'answered', flag: 'success' },
        { state: 'done' },
      );
      expect(
        (await store.listLeads(tenantId, campaignId, { state: 'done' })).map((l) => l.id),
      ).toEqual(['L-4']);
      expect((await store.openLeads(tenantId, campaignId)).map((l) => l.id)).toEqual([
        'L-0',
        'L-1',
        'L-2',
        'L-3',
      ]);
    });
  });

  describe('attempts, callbacks and figures', () => {
    it("record a lead's history and find a number's attempts across the tenant's campaigns", async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      const mine = await campaignOf(store, tenantId, 'acme');
      const theirs = await campaignOf(store, tenantId, 'volta');
      const a = makeLead('+33612000200');
      const b = makeLead('+33612000200');
      const other = makeLead('+33612000201');
      await store.importLeadList(tenantId, makeList(mine), [a, other], []);
      await store.importLeadList(tenantId, makeList(theirs), [b], []);
      const recorded = await store.recordLeadAttempt(
        tenantId,
        {
          leadId: a.id,
          atMs: 10_000,
          outcome: 'answered',
          dispositionId: 'no',
          flag: 'refusal',
          agentId: 'a1',
          ringSeconds: 7.5,
          talkSeconds: 42,
        },
        { state: 'done' },
      );
      expect(recorded).toMatchObject({
        leadId: a.id,
        campaignId: mine,
        clientId: 'acme',
        phoneE164: '+33612000200',
        flag: 'refusal',
        ringSeconds: 7.5,
      });
      await store.recordLeadAttempt(
        tenantId,
        { leadId: b.id, atMs: 20_000, outcome: 'noAnswer' },
        { state: 'scheduled', nextAtMs: 80_000 },
      );
      await store.recordLeadAttempt(
        tenantId,
        { leadId: other.id, atMs: 5_000, outcome: 'busy' },
        { state: 'scheduled' },
      );
      expect(
        await store.recordLeadAttempt(
          tenantId,
          { leadId: 'nope', atMs: 1, outcome: 'busy' },
          { state: 'done' },
        ),
      ).toBeUndefined();
      expect(await store.getLead(tenantId, b.id)).toMatchObject({
        attempts: 1,
        lastOutcome: 'noAnswer',
        state: 'scheduled',
        nextAtMs: 80_000,
      });
      expect(await store.getLead(tenantId, a.id)).toMatchObject({
        attempts: 1,
        lastOutcome: 'refusal',
        state: 'done',
      });
      const history = await store.numberAttempts(tenantId, mine, 0);
      expect(history.map((h) => [h.phoneE164, h.clientId, h.atMs])).toEqual([
        ['+33612000201', 'acme', 5_000],
        ['+33612000200', 'acme', 10_000],
        ['+33612000200', 'volta', 20_000],
      ]);
      expect(await store.numberAttempts(tenantId, mine, 6_000)).toHaveLength(2);
      expect((await store.leadAttempts(tenantId, a.id)).map((h) => h.agentId)).toEqual(['a1']);
      const counts = await store.campaignCounts(tenantId, mine, 0);
      expect(counts).toEqual({
        attemptsByOutcome: { answered: 1, busy: 1 },
        attemptsByFlag: { refusal: 1 },
        leadsByState: { done: 1, scheduled: 1 },
        blockedByReason: {},
      });
      expect((await store.campaignCounts(tenantId, mine, 6_000)).attemptsByOutcome).toEqual({
        answered: 1,
      });
    });

    it("write the live dialer's batches in order: attempts by call, dispositions on them, states, blocks, callbacks", async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      const campaignId = await campaignOf(store, tenantId);
      const lead = makeLead('+33612000400');
      const other = makeLead('+33612000401');
      await store.importLeadList(tenantId, makeList(campaignId), [lead, other], []);
      await store.writeDialerBatch(tenantId, [
        { kind: 'blocking', leadId: other.id, blockedBy: 'FR.hours', dialableAtMs: 9_000 },
        { kind: 'leadState', leadId: lead.id, state: 'dialing' },
      ]);
      expect(await store.getLead(tenantId, lead.id)).toMatchObject({ state: 'dialing' });
      await store.writeDialerBatch(tenantId, [
        { kind: 'leadState', leadId: lead.id, state: 'connected' },
        {
          kind: 'attempt',
          callId: 'c:1',
          leadId: lead.id,
          atMs: 1_000,
          outcome: 'answered',
          agentId: 'a1',
          ringSeconds: 4,
        },
      ]);
      await store.writeDialerBatch(tenantId, [
        {
          kind: 'disposition',
          callId: 'c:1',
          leadId: lead.id,
          dispositionId: 'later',
          flag: 'callback',
          talkSeconds: 61,
        },
        { kind: 'leadState', leadId: lead.id, state: 'callback', nextAtMs: 50_000 },
        { kind: 'callback', leadId: lead.id, atMs: 50_000, agentId: 'a1', createdBy: 'dialer' },
        // A lead that is gone (its campaign deleted) is skipped, the rest written.
        { kind: 'attempt', callId: 'c:9', leadId: 'gone', atMs: 2_000, outcome: 'busy' },
      ]);
      expect(await store.getLead(tenantId, lead.id)).toMatchObject({
        state: 'callback',
        attempts: 1,
        lastOutcome: 'callback',
        nextAtMs: 50_000,
      });
      expect(await store.getLead(tenantId, other.id)).toMatchObject({
        blockedBy: 'FR.hours',
        dialableAtMs: 9_000,
      });
      expect(await store.attemptOfCall(tenantId, 'c:1')).toMatchObject({
        callId: 'c:1',
        outcome: 'answered',
        dispositionId: 'later',
        flag: 'callback',
        agentId: 'a1',
        ringSeconds: 4,
        talkSeconds: 61,
      });
      expect(await store.attemptOfCall(tenantId, 'c:9')).toBeUndefined();
      expect(await store.listCallbacks(tenantId, campaignId)).toMatchObject([
        { leadId: lead.id, atMs: 50_000, agentId: 'a1', createdBy: 'dialer' },
      ]);
      // One transaction: a failing write leaves nothing of its batch.
      await expect(
        store.writeDialerBatch(tenantId, [
          { kind: 'leadState', leadId: other.id, state: 'dialing' },
          {
            kind: 'attempt',
            callId: 'c:2',
            leadId: other.id,
            atMs: 3_000,
            outcome: 'bogus' as 'busy',
          },
        ]),
      ).rejects.toThrow();
      expect(await store.getLead(tenantId, other.id)).toMatchObject({ state: 'new', attempts: 0 });
    });

    it('refuse a dialer write its values break for good, named so by refusedForGood', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      const campaignId = await campaignOf(store, tenantId);
      const lead = makeLead('+33612000410');
      await store.importLeadList(tenantId, makeList(campaignId), [lead], []);
      const refusal = async (write: Parameters<Store['writeDialerBatch']>[1][number]) => {
        const error = await store.writeDialerBatch(tenantId, [write]).then(
          () => undefined,
          (thrown: unknown) => thrown,
        );
        expect(error).toBeInstanceOf(Error);
        return error;
      };
      const outcome = await refusal({
        kind: 'attempt',
        callId: 'c:bad',
        leadId: lead.id,
        atMs: 1_000,
        outcome: 'bogus' as 'busy',
      });
      expect(refusedForGood(outcome)).toBe(true);
      const state = await refusal({ kind: 'leadState', leadId: lead.id, state: 'gone' as 'done' });
      expect(refusedForGood(state)).toBe(true);
      // Nothing of it was written, and the lead takes the next good write.
      await store.writeDialerBatch(tenantId, [
        { kind: 'leadState', leadId: lead.id, state: 'done' },
      ]);
      expect(await store.getLead(tenantId, lead.id)).toMatchObject({ state: 'done', attempts: 0 });
    });

    it('schedule a callback owned by an agent or the campaign, putting the lead in state callback', async () => {
      const { store, clock, tenant } = context();
      const tenantId = await tenant();
      const campaignId = await campaignOf(store, tenantId);
      const lead = makeLead('+33612000300');
      await store.importLeadList(tenantId, makeList(campaignId), [lead], []);
      const owned = await store.scheduleCallback(tenantId, {
        leadId: lead.id,
        atMs: 90_000,
        agentId: 'a1',
        createdBy: 'user:u1',
      });
      expect(owned).toEqual({
        id: expect.any(Number) as number,
        leadId: lead.id,
        campaignId,
        atMs: 90_000,
        agentId: 'a1',
        createdBy: 'user:u1',
        createdAt: clock.now().toISOString(),
      });
      await store.scheduleCallback(tenantId, {
        leadId: lead.id,
        atMs: 60_000,
        createdBy: 'user:u1',
      });
      expect(
        (await store.listCallbacks(tenantId, campaignId)).map((c) => [c.atMs, c.agentId]),
      ).toEqual([
        [60_000, undefined],
        [90_000, 'a1'],
      ]);
      expect(await store.getLead(tenantId, lead.id)).toMatchObject({
        state: 'callback',
        nextAtMs: 60_000,
      });
      expect(
        await store.scheduleCallback(tenantId, { leadId: 'nope', atMs: 1, createdBy: 'x' }),
      ).toBeUndefined();
    });
  });

  describe('suppression lists', () => {
    it('are replaced whole with their scrub date, numbers once each, per tenant', async () => {
      const { store, tenant } = context();
      const [mine, theirs] = [await tenant(), await tenant()];
      const first = await store.putSuppressionList(
        mine,
        { id: 'opposition', name: 'Opposition', scrubbedAt: '2026-03-01T08:00:00+01:00' },
        ['+33612000001', '+33612000002', '+33612000001'],
      );
      expect(first).toMatchObject({
        id: 'opposition',
        numbers: 2,
        scrubbedAt: '2026-03-01T07:00:00.000Z',
      });
      await store.putSuppressionList(
        mine,
        { id: 'opposition', name: 'Opposition v2', scrubbedAt: '2026-03-02T00:00:00Z' },
        ['+33612000009'],
      );
      expect(await store.suppressionNumbers(mine, 'opposition')).toEqual(['+33612000009']);
      expect(await store.listSuppressionLists(mine)).toMatchObject([
        { name: 'Opposition v2', numbers: 1 },
      ]);
      expect(await store.listSuppressionLists(theirs)).toEqual([]);
      expect(await store.suppressionNumbers(theirs, 'opposition')).toEqual([]);
      await expectStoreError(
        store.putSuppressionList(
          uniqueId('ghost'),
          { id: 'x', name: 'x', scrubbedAt: '2026-03-02T00:00:00Z' },
          [],
        ),
        'UnknownTenant',
      );
    });
  });

  describe('tenant isolation', () => {
    it("never shows one tenant's campaigns, lists, leads or attempts to another", async () => {
      const { store, tenant } = context();
      const [mine, theirs] = [await tenant(), await tenant()];
      const campaignId = await campaignOf(store, mine);
      const lead = makeLead('+33612000400');
      const list = makeList(campaignId);
      await store.importLeadList(mine, list, [lead], []);
      await store.recordLeadAttempt(
        mine,
        { leadId: lead.id, atMs: 1, outcome: 'busy' },
        { state: 'scheduled' },
      );
      expect(await store.getCampaign(theirs, campaignId)).toBeUndefined();
      expect(await store.listCampaigns(theirs)).toEqual([]);
      expect(await store.getLead(theirs, lead.id)).toBeUndefined();
      expect(await store.getLeadList(theirs, list.id)).toBeUndefined();
      expect(await store.leadAttempts(theirs, lead.id)).toEqual([]);
      expect(await store.listLeads(theirs, campaignId)).toEqual([]);
      expect(
        await store.recordLeadAttempt(
          theirs,
          { leadId: lead.id, atMs: 2, outcome: 'busy' },
          { state: 'done' },
        ),
      ).toBeUndefined();
      expect(await store.deleteCampaign(theirs, campaignId)).toBe(false);
    });
  });

  describe('seeded imports', () => {
    it('keep one lead per number per campaign whatever the order of lists, failed ones changing nothing', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      const campaignId = await campaignOf(store, tenantId);
      const random = seededRandom(2026);
      const model = new Set<string>();
      for (let round = 0; round < 12; round++) {
        const numbers = Array.from(
          { length: 1 + Math.floor(random() * 30) },
          () => `+336120005${String(Math.floor(random() * 60)).padStart(2, '0')}`,
        );
        const unique = [...new Set(numbers)];
        const clashes = unique.some((number) => model.has(number));
        const attempt = store.importLeadList(
          tenantId,
          makeList(campaignId),
          unique.map((n) => makeLead(n)),
          [],
        );
        if (clashes) await expectStoreError(attempt, 'Duplicate');
        else {
          await attempt;
          for (const number of unique) model.add(number);
        }
        expect((await store.campaignNumbers(tenantId, campaignId)).sort()).toEqual(
          [...model].sort(),
        );
      }
    });
  });
}
