import type { EngineEvent } from '@relais/engine';
import { Projection } from '@relais/reports';
import { openSqliteStore, type LoggedEvent } from '@relais/store';
import { describe, expect, it } from 'vitest';
import { loadProjection } from './report-projector.ts';

const DAY = 86_400_000;
const START = Date.UTC(2026, 2, 2, 9);

/** A queue, then one contact offered a day for `days` days, as logged events. */
function log(days: number): LoggedEvent[] {
  const bodies: Omit<EngineEvent, 'seq'>[] = [
    {
      type: 'queueConfigured',
      atMs: START - 60_000,
      queue: { id: 'q1', channel: 'voice', skills: {} },
    } as Omit<EngineEvent, 'seq'>,
  ];
  for (let day = 0; day < days; day++) {
    const atMs = START + day * DAY;
    bodies.push(
      { type: 'contactArrived', atMs, contactId: `c${day}`, channel: 'voice' } as Omit<
        EngineEvent,
        'seq'
      >,
      { type: 'contactQueued', atMs, contactId: `c${day}`, queueId: 'q1' } as Omit<
        EngineEvent,
        'seq'
      >,
    );
  }
  return bodies.map((body, i) => ({
    seq: i + 1,
    atMs: body.atMs,
    type: body.type,
    body: { ...body, seq: i + 1 },
    refs: {},
  }));
}

describe('loadProjection', () => {
  it('catching up a long log, writes what it gathered every so many rows, and reads the same', async () => {
    const store = openSqliteStore({ file: ':memory:' });
    await store.migrate();
    const { id: tenantId } = await store.createTenant({ id: 't1', name: 'T1' });
    const events = log(6);
    await store.appendLog(tenantId, { commands: [], events });
    // Read only: nothing written, everything in memory.
    const readOnly = await loadProjection(store, tenantId);
    expect(readOnly.storedSeq).toBe(0);
    expect(await store.reportState(tenantId)).toBeUndefined();
    // Writing every 2 rows (a queue, its client and site: one row a day here).
    const writing = await loadProjection(store, tenantId, { writeEveryRows: 2 });
    expect(writing.storedSeq).toBe(events.length);
    expect((await store.reportState(tenantId))?.lastSeq).toBe(events.length);
    expect(writing.projection.pendingRows).toBe(0);
    const stored = await store.readReportRows(tenantId, {
      dimension: 'queue',
      fromMs: START - DAY,
      toMs: START + 7 * DAY,
    });
    const offered = (rows: readonly { bucket: number; values: Float64Array }[]) =>
      rows.map((r) => [r.bucket, r.values[0]]).sort((a, b) => (a[0] as number) - (b[0] as number));
    const inMemory = readOnly.projection.rows().filter((r) => r.dimension === 'queue');
    expect(
      offered(stored.map((r) => ({ bucket: r.bucketMs, values: r.values as Float64Array }))),
    ).toEqual(offered(inMemory));
    expect(stored).toHaveLength(6);
    // A restart from what was written finds nothing left to do.
    const again = await loadProjection(store, tenantId, { writeEveryRows: 2 });
    expect(again.storedSeq).toBe(events.length);
    expect(again.projection).toBeInstanceOf(Projection);
    expect(again.projection.pendingRows).toBe(0);
    await store.close();
  });
});
