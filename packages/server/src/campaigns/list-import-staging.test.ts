// The import's staged write on a real SQLite store (LIST3, LIST4): chunks committed one by one,
// invisible until the list is published; the event log's commits (on the writer thread's own
// connection) go in between; a failure at any point leaves nothing, duplicates merged across chunks.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { openSqliteStore, type StagedLeadList, type Store } from '@relais/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importLeadList, ListImportError, type ListImportInput } from './list-import.ts';

let dir: string;
let store: Store;

const input = (fields: Partial<ListImportInput> = {}): ListImportInput => ({
  tenantId: 't1',
  campaignId: 'winter',
  listId: 'avril',
  defaultRegion: 'FR',
  name: 'Avril',
  origin: 'salon',
  legalBasis: 'consent',
  importedBy: 'user:u1',
  mapping: { phone: 'tel' },
  maxBytes: 10_000_000,
  chunkRows: 100,
  ...fields,
});

const silent = { reading: () => undefined, writing: () => undefined };
/** Lines of numbers 06 12 34 xx xx, from `from`. */
const numbers = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => `0612${String(from + i).padStart(6, '0')}\n`).join('');

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'relais-list-staging-'));
  store = openSqliteStore({ file: path.join(dir, 'relais.sqlite'), logWriter: 'worker' });
  await store.migrate();
  await store.createTenant({ id: 't1', name: 'T' });
  await store.putCampaign('t1', { id: 'winter', clientId: 'acme', config: {} });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** What a reader of the campaign sees. */
async function visible() {
  return {
    lists: (await store.listLeadLists('t1', 'winter')).map((list) => list.id),
    numbers: (await store.campaignNumbers('t1', 'winter')).length,
    leads: (await store.listLeads('t1', 'winter')).length,
  };
}

describe('importLeadList, staged', () => {
  it('[LIST4] commits chunks as it reads, invisible, while event log commits go in between', async () => {
    let release!: () => void;
    const resume = new Promise<void>((resolve) => (release = resolve));
    let chunksStaged!: () => void;
    const staged = new Promise<void>((resolve) => (chunksStaged = resolve));
    const body = Readable.from(
      (async function* () {
        yield Buffer.from(`tel\n${numbers(0, 300)}`);
        await resume;
        yield Buffer.from(numbers(300, 200));
      })(),
    );
    const importing = importLeadList(store, input(), body, {
      ...silent,
      staged: (rows) => {
        if (rows >= 300) chunksStaged();
      },
    });
    await staged;
    // 300 leads are committed, staged: nobody sees them, and the log's writer commits.
    expect(await visible()).toEqual({ lists: [], numbers: 0, leads: 0 });
    expect(await store.getLead('t1', 'avril-0000002')).toBeUndefined();
    for (let seq = 1; seq <= 5; seq++) {
      await store.appendLog('t1', {
        commands: [{ seq, atMs: seq, command: { type: 'tick', seq } }],
        events: [{ seq, atMs: seq, type: 'ticked', body: { seq }, refs: {} }],
      });
    }
    expect((await store.readEvents('t1', {})).map((event) => event.seq)).toEqual([1, 2, 3, 4, 5]);
    // A second import of the same list id meanwhile is refused: the id is taken while staged.
    await expect(
      importLeadList(store, input(), Readable.from([Buffer.from('tel\n0699000001\n')]), silent),
    ).rejects.toMatchObject({ code: 'Duplicate' });
    release();
    expect(await importing).toMatchObject({ rows: 500, imported: 500, merged: 0, rejected: 0 });
    expect(await visible()).toEqual({ lists: ['avril'], numbers: 500, leads: 100 });
    expect(await store.getLead('t1', 'avril-0000002')).toMatchObject({ phoneE164: '+33612000000' });
  });

  it('[LIST3] merges a number repeated across chunks, or already in the campaign, once', async () => {
    await importLeadList(
      store,
      input({ listId: 'mars' }),
      Readable.from([Buffer.from('tel\n0612000009\n')]),
      silent,
    );
    // Chunks of 2 rows, the file read 12 bytes at a time: every repeat is in another chunk.
    const csv = 'tel\n0612000001\n0612000002\n0612000001\nxx\n0612000003\n0612000009\n0612000002\n';
    const pieces = Array.from({ length: Math.ceil(csv.length / 12) }, (_, i) =>
      Buffer.from(csv.slice(i * 12, (i + 1) * 12)),
    );
    const outcome = await importLeadList(
      store,
      input({ chunkRows: 2 }),
      Readable.from(pieces),
      silent,
    );
    expect(outcome).toMatchObject({ rows: 7, imported: 3, merged: 3, rejected: 1 });
    expect(outcome.firstRejected.map((row) => row.line)).toEqual([5]);
    expect((await store.campaignNumbers('t1', 'winter')).sort()).toEqual([
      '+33612000001',
      '+33612000002',
      '+33612000003',
      '+33612000009',
    ]);
    expect((await store.leadListRejections('t1', 'avril')).map((row) => row.line)).toEqual([5]);
    expect(await store.getLeadList('t1', 'avril')).toMatchObject({
      rows: 7,
      imported: 3,
      merged: 3,
      rejected: 1,
    });
  });

  it('[LIST4] a malformed file found after chunks were staged leaves nothing', async () => {
    const csv = `tel,note\n${numbers(0, 450).replaceAll('\n', ',x\n')}0612999999,"never closed\n`;
    let rowsStaged = 0;
    await expect(
      importLeadList(store, input(), Readable.from([Buffer.from(csv)]), {
        ...silent,
        staged: (rows) => (rowsStaged = rows),
      }),
    ).rejects.toBeInstanceOf(ListImportError);
    expect(rowsStaged).toBe(450);
    expect(await visible()).toEqual({ lists: [], numbers: 0, leads: 0 });
    // The list id and the numbers are free: the staged rows are gone.
    const again = await importLeadList(
      store,
      input(),
      Readable.from([Buffer.from(`tel\n${numbers(0, 450)}`)]),
      silent,
    );
    expect(again).toMatchObject({ imported: 450 });
  });

  it('[LIST4] an upload cut off half-way (the client went) leaves nothing', async () => {
    const body = Readable.from(
      (async function* () {
        yield Buffer.from(`tel\n${numbers(0, 250)}`);
        yield Buffer.from(numbers(250, 250));
        await Promise.resolve();
        throw new Error('aborted');
      })(),
    );
    let rowsStaged = 0;
    const report = { ...silent, staged: (rows: number) => (rowsStaged = rows) };
    await expect(importLeadList(store, input(), body, report)).rejects.toThrow('aborted');
    expect(rowsStaged).toBe(500);
    expect(await visible()).toEqual({ lists: [], numbers: 0, leads: 0 });
    expect(await store.leadListRejections('t1', 'avril')).toEqual([]);
  });

  it('[LIST4] leaves nothing when another import took a number of a later chunk meanwhile', async () => {
    let release!: () => void;
    const resume = new Promise<void>((resolve) => (release = resolve));
    const body = Readable.from(
      (async function* () {
        yield Buffer.from(`tel\n${numbers(0, 200)}`);
        await resume;
        yield Buffer.from(numbers(200, 200));
      })(),
    );
    const importing = importLeadList(store, input(), body, silent);
    await importLeadList(
      store,
      input({ listId: 'rival' }),
      Readable.from([Buffer.from('tel\n0612000300\n')]),
      silent,
    );
    release();
    await expect(importing).rejects.toMatchObject({ code: 'Duplicate' });
    expect(await visible()).toEqual({ lists: ['rival'], numbers: 1, leads: 1 });
  });

  it('[LIST4] says so when a failed import cannot delete its staged rows, and the next start does', async () => {
    const broken: Store = Object.assign(Object.create(store) as Store, {
      stageLeadList: async (...args: Parameters<Store['stageLeadList']>) => {
        const staged = await store.stageLeadList(...args);
        let adds = 0;
        const wrapped: StagedLeadList = {
          list: staged.list,
          add: (leads, rejections) =>
            ++adds === 2 ? Promise.reject(new Error('disk full')) : staged.add(leads, rejections),
          publish: (counts) => staged.publish(counts),
          discard: () => Promise.reject(new Error('database gone')),
        };
        return wrapped;
      },
    });
    const csv = `tel\n${numbers(0, 150)}`;
    const pieces = [csv.slice(0, 1100), csv.slice(1100)].map((text) => Buffer.from(text));
    const failure = importLeadList(broken, input({ chunkRows: 50 }), Readable.from(pieces), silent);
    await expect(failure).rejects.toBeInstanceOf(AggregateError);
    await expect(failure).rejects.toThrow(
      /list avril failed \(disk full\) and its staged rows were not deleted \(database gone\); the next start deletes them/,
    );
    expect(await visible()).toEqual({ lists: [], numbers: 0, leads: 0 });
    expect(await store.discardStagedLeadLists(new Date(Date.now() + 1_000).toISOString())).toBe(1);
    expect(
      await importLeadList(store, input(), Readable.from([Buffer.from(csv)]), silent),
    ).toMatchObject({ imported: 150 });
  });
});
