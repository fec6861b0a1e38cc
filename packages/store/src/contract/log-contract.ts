import { describe, expect, it } from 'vitest';
import type { LogBatch, Store } from '../port.ts';
import { makeCommands, makeEvent, makeEvents, uniqueId } from './builders.ts';
import { expectStoreError, type ContractContext } from './store-contract.ts';

const answer = (key: string) => ({ key, requestHash: 'sha256:body', status: 202, body: { ok: 1 } });

/** The whole log of a tenant, to check that a refused batch wrote nothing. */
async function wholeLog(store: Store, tenantId: string) {
  return {
    commands: await store.readCommands(tenantId, 0, 10_000),
    events: await store.readEvents(tenantId, { limit: 10_000 }),
    last: await store.lastSeqs(tenantId),
  };
}

export function describeLogContract(context: () => ContractContext): void {
  describe('log: group commit', () => {
    it('appends batches and reads them back in order', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      expect(await store.lastSeqs(tenantId)).toEqual({ command: 0, event: 0 });
      await store.appendLog(tenantId, { commands: makeCommands(1, 2), events: makeEvents(1, 3) });
      await store.appendLog(tenantId, { commands: makeCommands(3, 1), events: makeEvents(4, 2) });
      expect(await store.lastSeqs(tenantId)).toEqual({ command: 3, event: 5 });
      expect(await store.readCommands(tenantId, 0, 100)).toEqual(makeCommands(1, 3));
      expect(await store.readEvents(tenantId, {})).toEqual(makeEvents(1, 5));
    });

    it('keeps the command JSON text exactly, key order included', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      const command = { zulu: 1, alpha: { y: [3, 1], b: 'é' }, mike: null };
      await store.appendLog(tenantId, { commands: [{ seq: 1, atMs: 7, command }], events: [] });
      const [stored] = await store.readCommands(tenantId, 0, 1);
      expect(JSON.stringify(stored?.command)).toBe(JSON.stringify(command));
    });

    it('keeps text with quotes, backslashes, braces, commas, NULL words and emoji exactly', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      const awkward = 'a "quoted" \\ back\\slash, {brace} NULL null \u00e9 \ud83d\udcde \n line';
      const command = { type: 'note', text: awkward };
      const event = makeEvent(1, {
        type: 'contactArrived',
        body: { type: 'contactArrived', note: awkward },
        refs: { contactId: awkward, agentId: 'NULL', queueId: '{}' },
      });
      await store.appendLog(tenantId, {
        commands: [{ seq: 1, atMs: 7, command }],
        events: [event],
        idempotency: [{ key: awkward, requestHash: 'h', status: 201, body: { text: awkward } }],
      });
      const [storedCommand] = await store.readCommands(tenantId, 0, 1);
      expect(storedCommand?.command).toEqual(command);
      const [storedEvent] = await store.readEvents(tenantId, { afterSeq: 0, limit: 1 });
      expect(storedEvent).toEqual(event);
      expect((await store.getIdempotent(tenantId, awkward))?.body).toEqual({ text: awkward });
    });

    it('pages commands after a seq', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      await store.appendLog(tenantId, { commands: makeCommands(1, 10), events: [] });
      const page = await store.readCommands(tenantId, 4, 3);
      expect(page.map((entry) => entry.seq)).toEqual([5, 6, 7]);
    });

    it('stores a batch larger than one multi-row insert', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      await store.appendLog(tenantId, {
        commands: makeCommands(1, 1500),
        events: makeEvents(1, 2500),
      });
      expect(await store.lastSeqs(tenantId)).toEqual({ command: 1500, event: 2500 });
      const events = await store.readEvents(tenantId, { afterSeq: 2490, limit: 100 });
      expect(events).toEqual(makeEvents(2491, 10));
    });

    it('caps a page at 10,000 entries', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      await store.appendLog(tenantId, {
        commands: makeCommands(1, 10_005),
        events: makeEvents(1, 10_005),
      });
      expect(await store.readCommands(tenantId, 0, 20_000)).toHaveLength(10_000);
      expect(await store.readEvents(tenantId, { limit: 20_000 })).toHaveLength(10_000);
      expect(await store.readEvents(tenantId, { afterSeq: 10_000, limit: 20_000 })).toHaveLength(5);
      expect(await store.readEvents(tenantId, {})).toHaveLength(1_000);
    });

    it('writes configuration rows with the batch (created, replaced, removed), all or nothing', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      const agent = { id: 'a1', siteId: 'rabat', skills: { fr: 5 } };
      await store.appendLog(tenantId, {
        commands: makeCommands(1, 1),
        events: [],
        config: [{ kind: 'agent', id: 'a1', data: agent }],
      });
      expect(await store.getConfig(tenantId, 'agent', 'a1')).toMatchObject({
        version: 1,
        data: agent,
      });
      // A refused batch (a gap) writes no configuration either.
      await expectStoreError(
        store.appendLog(tenantId, {
          commands: makeCommands(5, 1),
          events: [],
          config: [{ kind: 'agent', id: 'a2', data: agent }],
        }),
        'LogGap',
      );
      expect(await store.getConfig(tenantId, 'agent', 'a2')).toBeUndefined();
      await store.appendLog(tenantId, {
        commands: makeCommands(2, 1),
        events: [],
        config: [{ kind: 'agent', id: 'a1', data: { ...agent, name: 'Amina' } }],
      });
      expect(await store.getConfig(tenantId, 'agent', 'a1')).toMatchObject({ version: 2 });
      await store.appendLog(tenantId, {
        commands: makeCommands(3, 1),
        events: [],
        config: [{ kind: 'agent', id: 'a1', data: null }],
      });
      expect(await store.getConfig(tenantId, 'agent', 'a1')).toBeUndefined();
    });

    it('does nothing for an empty batch', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      await store.appendLog(tenantId, { commands: [], events: [], idempotency: [] });
      expect(await store.lastSeqs(tenantId)).toEqual({ command: 0, event: 0 });
    });

    it('stores idempotent answers with the batch', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      await store.appendLog(tenantId, {
        commands: makeCommands(1, 1),
        events: [],
        idempotency: [answer('key-1')],
      });
      expect(await store.getIdempotent(tenantId, 'key-1')).toEqual(answer('key-1'));
      expect(await store.getIdempotent(tenantId, 'key-2')).toBeUndefined();
    });

    it('lists a tenant’s idempotency keys page by page, each once, and only that tenant’s', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      const other = await tenant();
      const keys = ['b', 'a', 'c-1', 'c-10', 'c-2', 'Zé', '0'];
      await store.appendLog(tenantId, {
        commands: makeCommands(1, keys.length),
        events: [],
        idempotency: keys.map((key) => answer(key)),
      });
      await store.appendLog(other, {
        commands: makeCommands(1, 1),
        events: [],
        idempotency: [answer('elsewhere')],
      });
      const pages: string[][] = [];
      for (let after = ''; ;) {
        const page = await store.listIdempotencyKeys(tenantId, after, 3);
        if (page.length === 0) break;
        pages.push(page);
        after = page.at(-1) as string;
      }
      expect(pages.map((page) => page.length)).toEqual([3, 3, 1]);
      expect(pages.flat().sort()).toEqual([...keys].sort());
      await expect(store.listIdempotencyKeys(tenantId, '', 0)).rejects.toThrow(/positive integer/);
    });
  });

  describe('log: a refused batch writes nothing', () => {
    const refusals: [string, (last: number) => LogBatch, 'LogGap' | 'Duplicate'][] = [
      [
        'a command gap',
        () => ({ commands: makeCommands(4, 1), events: makeEvents(3, 1) }),
        'LogGap',
      ],
      [
        'an event gap',
        () => ({ commands: makeCommands(3, 1), events: makeEvents(4, 1) }),
        'LogGap',
      ],
      ['a repeated command seq', () => ({ commands: makeCommands(2, 2), events: [] }), 'LogGap'],
      ['a repeated event seq', () => ({ commands: [], events: makeEvents(2, 1) }), 'LogGap'],
      [
        'seqs out of order inside the batch',
        () => ({ commands: [], events: [makeEvent(3), makeEvent(5), makeEvent(4)] }),
        'LogGap',
      ],
      [
        'an idempotency key already stored',
        () => ({
          commands: makeCommands(3, 1),
          events: makeEvents(3, 1),
          idempotency: [answer('k')],
        }),
        'Duplicate',
      ],
      [
        'an idempotency key twice in the batch',
        () => ({
          commands: makeCommands(3, 1),
          events: makeEvents(3, 1),
          idempotency: [answer('k2'), answer('k2')],
        }),
        'Duplicate',
      ],
    ];
    it.each(refusals)('refuses %s', async (_name, batch, code) => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      await store.appendLog(tenantId, {
        commands: makeCommands(1, 2),
        events: makeEvents(1, 2),
        idempotency: [answer('k')],
      });
      const before = await wholeLog(store, tenantId);
      await expectStoreError(store.appendLog(tenantId, batch(2)), code);
      expect(await wholeLog(store, tenantId)).toEqual(before);
      expect(await store.getIdempotent(tenantId, 'k2')).toBeUndefined();
    });

    it('says which log broke, which seq was due and which came', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      await store.appendLog(tenantId, { commands: makeCommands(1, 2), events: makeEvents(1, 2) });
      await expect(
        store.appendLog(tenantId, { commands: makeCommands(3, 1), events: makeEvents(5, 1) }),
      ).rejects.toMatchObject({
        code: 'LogGap',
        message: 'event seq 5 where 3 was due',
        details: { log: 'event', expected: 3, found: 5 },
      });
      await expect(
        store.appendLog(tenantId, { commands: makeCommands(2, 1), events: makeEvents(3, 1) }),
      ).rejects.toMatchObject({ details: { log: 'command', expected: 3, found: 2 } });
    });

    it('refuses a batch for an unknown tenant', async () => {
      const { store } = context();
      const batch = { commands: makeCommands(1, 1), events: makeEvents(1, 1) };
      await expectStoreError(store.appendLog(uniqueId('ghost'), batch), 'UnknownTenant');
    });

    it('lets one of two concurrent batches with the same seqs in, and refuses the other', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      const batch = () => ({ commands: makeCommands(1, 3), events: makeEvents(1, 3) });
      const outcomes = await Promise.allSettled([
        store.appendLog(tenantId, batch()),
        store.appendLog(tenantId, batch()),
      ]);
      expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(outcomes.find((outcome) => outcome.status === 'rejected')?.reason).toMatchObject({
        code: 'LogGap',
      });
      expect(await wholeLog(store, tenantId)).toMatchObject({ last: { command: 3, event: 3 } });
    });
  });

  describe('log: event filters', () => {
    const refs = [
      { contactId: 'c1', agentId: 'a1', queueId: 'q1', siteId: 'paris', clientId: 'acme' },
      { contactId: 'c2', queueId: 'q2', siteId: 'lyon', clientId: 'acme' },
      { agentId: 'a1', siteId: 'paris' },
      { contactId: 'c1', agentId: 'a2', queueId: 'q1', siteId: 'lyon', clientId: 'globex' },
      {},
    ];
    const types = ['contactQueued', 'contactQueued', 'agentPaused', 'contactOffered', 'tick'];
    const seqsFor = async (query: Parameters<Store['readEvents']>[1]) => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      const events = refs.map((ref, index) =>
        makeEvent(index + 1, { refs: ref, type: types[index] ?? 'tick' }),
      );
      await store.appendLog(tenantId, { commands: [], events });
      return (await store.readEvents(tenantId, query)).map((event) => event.seq);
    };

    it('keeps refs, omitting the absent ones', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      const events = [
        makeEvent(1, { refs: refs[0] ?? {} }),
        makeEvent(2, { refs: { agentId: 'a' } }),
      ];
      await store.appendLog(tenantId, { commands: [], events });
      expect(await store.readEvents(tenantId, {})).toEqual(events);
    });

    it.each([
      ['types', { types: ['contactQueued', 'tick'] }, [1, 2, 5]],
      ['contactId', { contactId: 'c1' }, [1, 4]],
      ['agentId', { agentId: 'a1' }, [1, 3]],
      ['queueId', { queueId: 'q1' }, [1, 4]],
      ['siteIds', { siteIds: ['lyon', 'nice'] }, [2, 4]],
      ['clientId', { clientId: 'acme' }, [1, 2]],
      [
        'several filters at once',
        { siteIds: ['paris'], agentId: 'a1', types: ['agentPaused'] },
        [3],
      ],
      ['afterSeq and limit', { afterSeq: 1, limit: 2 }, [2, 3]],
      ['a filter and paging', { contactId: 'c1', afterSeq: 1 }, [4]],
      ['an empty siteIds list (sees nothing)', { siteIds: [] }, []],
      ['an empty types list (matches nothing)', { types: [] }, []],
      ['a limit of 0', { limit: 0 }, []],
    ] as const)('filters by %s', async (_name, query, expected) => {
      expect(await seqsFor({ ...query } as Parameters<Store['readEvents']>[1])).toEqual(expected);
    });
  });
}
