// Lead lists written in short transactions (LIST4): staged lists are invisible to every read,
// published at once, discarded without a trace, swept after a crash.
import { describe, expect, it } from 'vitest';
import type { NewLead, NewStagedLeadList, Store } from '../port.ts';
import { uniqueId } from './builders.ts';
import { expectStoreError, type ContractContext } from './store-contract.ts';

const makeLead = (phone: string, fields: Partial<NewLead> = {}): NewLead => ({
  id: uniqueId('lead'),
  phoneE164: phone,
  country: 'FR',
  timeZone: 'Europe/Paris',
  holidayCountry: 'FR',
  ...fields,
});

const makeStaged = (campaignId: string): NewStagedLeadList => ({
  id: uniqueId('list'),
  campaignId,
  name: 'Prospects avril',
  origin: 'Partenaire',
  legalBasis: 'consent',
  importedBy: 'user:u1',
});

async function campaignOf(store: Store, tenantId: string): Promise<string> {
  const id = uniqueId('camp');
  await store.putCampaign(tenantId, { id, clientId: 'acme', config: {} });
  return id;
}

/** Everything a reader sees of a campaign (lists, leads, numbers, counts). */
async function seen(store: Store, tenantId: string, campaignId: string, leadId: string) {
  return {
    lists: (await store.listLeadLists(tenantId, campaignId)).map((list) => list.id),
    leads: (await store.listLeads(tenantId, campaignId)).map((lead) => lead.id),
    open: (await store.openLeads(tenantId, campaignId)).map((lead) => lead.id),
    numbers: (await store.campaignNumbers(tenantId, campaignId)).sort(),
    byState: (await store.campaignCounts(tenantId, campaignId, 0)).leadsByState,
    lead: (await store.getLead(tenantId, leadId))?.id,
  };
}

export function describeLeadStagingContract(context: () => ContractContext): void {
  describe('staged lead lists', () => {
    it('[LIST4] are invisible while staged, chunk after chunk, then published at once', async () => {
      const { store, clock, tenant } = context();
      const tenantId = await tenant();
      const campaignId = await campaignOf(store, tenantId);
      const before = makeLead('+33612000600');
      await store.importLeadList(
        tenantId,
        { ...makeStaged(campaignId), rows: 1, imported: 1, merged: 0, rejected: 0 },
        [before],
        [],
      );
      const empty = await seen(store, tenantId, campaignId, 'none');
      const staged = await store.stageLeadList(tenantId, makeStaged(campaignId));
      const first = makeLead('+33612000601', { attributes: { contrat: 'C-1' } });
      const second = makeLead('+33612000602');
      const errors = [{ field: 'phone', code: 'invalid', message: 'x' }];
      await staged.add([first], [{ line: 3, errors }]);
      await staged.add([second], []);
      expect(await seen(store, tenantId, campaignId, first.id)).toEqual(empty);
      expect(await store.getLeadList(tenantId, staged.list.id)).toBeUndefined();
      expect(await store.leadListRejections(tenantId, staged.list.id)).toEqual([]);
      expect(
        await store.recordLeadAttempt(
          tenantId,
          { leadId: first.id, atMs: 1, outcome: 'busy' },
          { state: 'scheduled' },
        ),
      ).toBeUndefined();
      expect(
        await store.scheduleCallback(tenantId, { leadId: first.id, atMs: 1, createdBy: 'x' }),
      ).toBeUndefined();
      clock.advance(1_000);
      const published = await staged.publish({ rows: 4, imported: 2, merged: 1, rejected: 1 });
      expect(published).toEqual({
        ...staged.list,
        rows: 4,
        imported: 2,
        merged: 1,
        rejected: 1,
        importedAt: clock.now().toISOString(),
      });
      expect(await store.getLeadList(tenantId, staged.list.id)).toEqual(published);
      expect(await store.leadListRejections(tenantId, staged.list.id)).toEqual([
        { line: 3, errors },
      ]);
      expect((await seen(store, tenantId, campaignId, first.id)).numbers).toEqual([
        '+33612000600',
        '+33612000601',
        '+33612000602',
      ]);
      expect(await store.getLead(tenantId, first.id)).toMatchObject({
        listId: staged.list.id,
        attributes: { contrat: 'C-1' },
        state: 'new',
      });
      await expect(staged.add([makeLead('+33612000609')], [])).rejects.toThrow(/published/);
    });

    it('[LIST4] refuse a number another staged import holds; a discard leaves nothing', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      const campaignId = await campaignOf(store, tenantId);
      const mine = await store.stageLeadList(tenantId, makeStaged(campaignId));
      const theirs = await store.stageLeadList(tenantId, makeStaged(campaignId));
      await mine.add(
        [makeLead('+33612000700'), makeLead('+33612000701')],
        [{ line: 2, errors: [] }],
      );
      await expectStoreError(theirs.add([makeLead('+33612000701')], []), 'Duplicate');
      await expectStoreError(store.stageLeadList(tenantId, mine.list), 'Duplicate');
      await expectStoreError(
        store.stageLeadList(tenantId, makeStaged(uniqueId('no-campaign'))),
        'UnknownTenant',
      );
      await mine.discard();
      await theirs.discard();
      await expect(mine.publish({ rows: 0, imported: 0, merged: 0, rejected: 0 })).rejects.toThrow(
        /discarded/,
      );
      expect(await store.leadListRejections(tenantId, mine.list.id)).toEqual([]);
      // Both numbers are free again, and so is the list id.
      const again = await store.stageLeadList(tenantId, mine.list);
      await again.add([makeLead('+33612000700'), makeLead('+33612000701')], []);
      await again.publish({ rows: 2, imported: 2, merged: 0, rejected: 0 });
      expect((await store.campaignNumbers(tenantId, campaignId)).sort()).toEqual([
        '+33612000700',
        '+33612000701',
      ]);
      expect(await store.leadListRejections(tenantId, mine.list.id)).toEqual([]);
    });

    it('are swept when their last write is older than the cutoff (a crashed import)', async () => {
      const { store, clock, tenant } = context();
      const tenantId = await tenant();
      const campaignId = await campaignOf(store, tenantId);
      const crashed = await store.stageLeadList(tenantId, makeStaged(campaignId));
      await crashed.add([makeLead('+33612000800')], [{ line: 5, errors: [] }]);
      clock.advance(60_000);
      const cutoff = clock.now().toISOString();
      clock.advance(1_000);
      const live = await store.stageLeadList(tenantId, makeStaged(campaignId));
      await live.add([makeLead('+33612000801')], []);
      expect(await store.discardStagedLeadLists(cutoff)).toBeGreaterThanOrEqual(1);
      await expectStoreError(crashed.add([makeLead('+33612000802')], []), 'UnknownTenant');
      // The live import goes on and publishes; the crashed one's number is free.
      await live.add([makeLead('+33612000800')], []);
      await live.publish({ rows: 2, imported: 2, merged: 0, rejected: 0 });
      expect((await store.campaignNumbers(tenantId, campaignId)).sort()).toEqual([
        '+33612000800',
        '+33612000801',
      ]);
      expect(await store.discardStagedLeadLists(cutoff)).toBe(0);
    });

    it('page open leads by id, leaving out done ones', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      const campaignId = await campaignOf(store, tenantId);
      const leads = Array.from({ length: 5 }, (_, i) =>
        makeLead(`+3361200090${i}`, { id: `P-${i}` }),
      );
      await store.importLeadList(
        tenantId,
        { ...makeStaged(campaignId), rows: 5, imported: 5, merged: 0, rejected: 0 },
        leads,
        [],
      );
      await store.recordLeadAttempt(
        tenantId,
        { leadId: 'P-1', atMs: 1, outcome: 'answered' },
        { state: 'done' },
      );
      const ids = async (page: { after?: string; limit?: number }) =>
        (await store.openLeads(tenantId, campaignId, page)).map((lead) => lead.id);
      expect(await ids({ limit: 2 })).toEqual(['P-0', 'P-2']);
      expect(await ids({ after: 'P-2', limit: 2 })).toEqual(['P-3', 'P-4']);
      expect(await ids({ after: 'P-4', limit: 2 })).toEqual([]);
    });
  });
}
