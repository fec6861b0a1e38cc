// The import on a real SQLite store, below the HTTP layer: lines, limits, and a write that fails
// half-way (another import took a number meanwhile) leaving the store as it was (LIST1–LIST5).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { openSqliteStore, type Store } from '@relais/store';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importLeadList, ListImportError, type ListImportInput } from './list-import.ts';

let dir: string;
let store: Store;

const input = (fields: Partial<ListImportInput> = {}): ListImportInput => ({
  tenantId: 't1',
  campaignId: 'winter',
  listId: 'mars',
  defaultRegion: 'FR',
  name: 'Mars',
  origin: 'formulaire web',
  legalBasis: 'consent',
  importedBy: 'user:u1',
  mapping: { phone: 'tel' },
  maxBytes: 1_000_000,
  ...fields,
});

const silent = { reading: () => undefined, writing: () => undefined };
const stream = (text: string, chunk = 7) =>
  Readable.from(
    Array.from({ length: Math.ceil(text.length / chunk) }, (_, i) =>
      Buffer.from(text.slice(i * chunk, (i + 1) * chunk)),
    ),
  );

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'relais-list-import-'));
  store = openSqliteStore({ file: path.join(dir, 'relais.sqlite') });
  await store.migrate();
  await store.createTenant({ id: 't1', name: 'T' });
  await store.putCampaign('t1', { id: 'winter', clientId: 'acme', config: {} });
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('importLeadList', () => {
  it('[LIST1][LIST5] counts lines across empty lines and quoted line breaks, in any chunking', async () => {
    const csv = 'tel,note\r\n0612000001,a\r\n\r\n"bad",x\r\n0612000002,"two\r\nlines"\r\n12,z\r\n';
    const outcome = await importLeadList(store, input(), stream(csv, 5), silent);
    expect(outcome).toMatchObject({ rows: 4, imported: 2, merged: 0 });
    expect(outcome.firstRejected.map((row) => row.line)).toEqual([4, 7]);
    const lead = await store.getLead('t1', 'mars-0000005');
    expect(lead).toMatchObject({ phoneE164: '+33612000002', attributes: { note: 'two\r\nlines' } });
  });

  it('[LIST1] refuses a file over the limit with 413, writing nothing', async () => {
    const csv = `tel\n${'0612000001\n'.repeat(50)}`;
    await expect(
      importLeadList(store, input({ maxBytes: 100 }), stream(csv), silent),
    ).rejects.toMatchObject({ status: 413 });
    await expect(
      importLeadList(
        store,
        input({ mapping: { phone: 'tel', postcode: 'cp' } }),
        stream(csv),
        silent,
      ),
    ).rejects.toBeInstanceOf(ListImportError);
    expect(await store.listLeadLists('t1', 'winter')).toEqual([]);
  });

  it('[LIST4] a write that fails half-way leaves the store as it was', async () => {
    await importLeadList(store, input({ listId: 'first' }), stream('tel\n0612000003\n'), silent);
    // Another import took 06 12 00 00 03 after this one read the campaign's numbers.
    const stale: Store = Object.assign(Object.create(store) as Store, {
      campaignNumbers: () => Promise.resolve([]),
    });
    const csv = 'tel\n0612000001\n0612000002\n0612000003\n0612000004\n';
    await expect(importLeadList(stale, input(), stream(csv), silent)).rejects.toMatchObject({
      code: 'Duplicate',
    });
    expect((await store.listLeadLists('t1', 'winter')).map((list) => list.id)).toEqual(['first']);
    expect(await store.campaignNumbers('t1', 'winter')).toEqual(['+33612000003']);
    expect(await store.getLead('t1', 'mars-0000002')).toBeUndefined();
  });
});
