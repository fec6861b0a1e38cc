import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeTenant } from '../contract/builders.ts';
import { openSqliteStore } from '../sqlite/sqlite-store.ts';
import { CorruptReportData } from './day-counters.ts';
import { REPORT_COUNTERS } from './report-columns.ts';

const folder = mkdtempSync(path.join(tmpdir(), 'relais-report-days-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const NINE = Date.UTC(2026, 2, 2, 9);
const DAY = Date.UTC(2026, 2, 2);
const offered = (n: number) => {
  const values = new Float64Array(REPORT_COUNTERS.length);
  values[REPORT_COUNTERS.indexOf('offered')] = n;
  return values;
};

describe('report days on SQLite', () => {
  it('stores one row per entity and day, and names the row when its stored counters are unreadable', async () => {
    const file = path.join(folder, 'corrupt.sqlite');
    const store = openSqliteStore({ file });
    await store.migrate();
    const { id: tenantId } = await store.createTenant(makeTenant());
    const flush = (previousSeq: number) => ({
      previousSeq,
      lastSeq: previousSeq + 1,
      state: {},
      rows: [
        { dimension: 'queue', entityId: 'q1', bucketMs: NINE, values: offered(2) },
        { dimension: 'queue', entityId: 'q1', bucketMs: NINE + 15 * 60_000, values: offered(1) },
      ],
      pauses: [],
    });
    await store.addReportFlush(tenantId, flush(0));
    const raw = new Database(file);
    expect(raw.prepare('SELECT dimension, entity_id, day_ms FROM report_days').all()).toEqual([
      { dimension: 'queue', entity_id: 'q1', day_ms: DAY },
    ]);
    // A day of another format version: reads and flushes refuse it, naming it.
    raw.prepare('UPDATE report_days SET counters = ?').run(Buffer.from([9, 0]).toString('base64'));
    raw.close();
    const read = store.readReportRows(tenantId, {
      dimension: 'queue',
      fromMs: DAY,
      toMs: DAY + 86_400_000,
    });
    await expect(read).rejects.toThrow(CorruptReportData);
    await expect(read).rejects.toThrow(
      /queue q1 on 2026-03-02 \(UTC\) are unreadable at byte 1: format version 9, expected 1; rebuild/,
    );
    await expect(store.addReportFlush(tenantId, flush(1))).rejects.toThrow(CorruptReportData);
    // The failed flush wrote nothing: the state stays where the first one left it.
    expect((await store.reportState(tenantId))?.lastSeq).toBe(1);
    // A rebuild starts again from nothing.
    await store.clearReports(tenantId);
    await store.addReportFlush(tenantId, flush(0));
    const rows = await store.readReportRows(tenantId, {
      dimension: 'queue',
      fromMs: DAY,
      toMs: DAY + 86_400_000,
    });
    expect(rows.map((r) => [r.bucketMs, r.values[0]])).toEqual([
      [NINE, 2],
      [NINE + 15 * 60_000, 1],
    ]);
    await store.close();
  });

  it('refuses a row whose bucket does not start on a quarter hour', async () => {
    const store = openSqliteStore({ file: ':memory:' });
    await store.migrate();
    const { id: tenantId } = await store.createTenant(makeTenant());
    await expect(
      store.addReportFlush(tenantId, {
        previousSeq: 0,
        lastSeq: 1,
        state: {},
        rows: [{ dimension: 'queue', entityId: 'q1', bucketMs: NINE + 1, values: offered(1) }],
        pauses: [],
      }),
    ).rejects.toThrow(/starts on a quarter hour/);
    await store.close();
  });
});
