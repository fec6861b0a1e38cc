import { describe, expect, it } from 'vitest';
import type { ReportRowRecord } from '../port.ts';
import { REPORT_COUNTERS } from '../reports/report-columns.ts';
import { seededRandom, uniqueId } from './builders.ts';
import { expectStoreError, type ContractContext } from './store-contract.ts';

const NINE = Date.UTC(2026, 2, 2, 9);
const Q = 15 * 60_000;
const field = (name: (typeof REPORT_COUNTERS)[number]) => REPORT_COUNTERS.indexOf(name);

/** A row with the given counters set, the others 0. */
function row(
  entityId: string,
  bucketMs: number,
  set: Partial<Record<(typeof REPORT_COUNTERS)[number], number>>,
  dimension = 'queue',
): ReportRowRecord {
  const values = new Float64Array(REPORT_COUNTERS.length);
  for (const [name, value] of Object.entries(set)) values[field(name as 'offered')] = value;
  return { dimension, entityId, bucketMs, values };
}

const counters = (record: ReportRowRecord | undefined): Record<string, number> =>
  Object.fromEntries(
    REPORT_COUNTERS.map((name, i): [string, number] => [name, record?.values[i] ?? 0]).filter(
      ([, v]) => v !== 0,
    ),
  );

export function describeReportsContract(context: () => ContractContext): void {
  describe('report projection', () => {
    it('adds flushes to the rows, keeps the larger maximum wait, and moves the state along', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      expect(await store.reportState(tenantId)).toBeUndefined();
      await store.addReportFlush(tenantId, {
        previousSeq: 0,
        lastSeq: 10,
        state: { open: ['c1'] },
        rows: [
          row('q1', NINE, { offered: 2, answered: 1, maxWaitMs: 30_000 }),
          // The same key twice in one flush (a row an open contact kept): both count.
          row('q1', NINE, { offered: 1, maxWaitMs: 5_000 }),
          row('a1', NINE, { loggedInMs: 900_000 }, 'agent'),
        ],
        pauses: [{ agentId: 'a1', siteId: 'rabat', code: 'lunch', bucketMs: NINE, ms: 60_000 }],
      });
      await store.addReportFlush(tenantId, {
        previousSeq: 10,
        lastSeq: 25,
        state: { open: [] },
        rows: [
          row('q1', NINE, { answered: 2, maxWaitMs: 20_000, talkMs: 1.5 }),
          row('q1', NINE + Q, { offered: 4 }),
        ],
        pauses: [{ agentId: 'a1', siteId: 'rabat', code: 'lunch', bucketMs: NINE, ms: 30_000 }],
      });
      expect(await store.reportState(tenantId)).toEqual({ lastSeq: 25, state: { open: [] } });
      const rows = await store.readReportRows(tenantId, {
        dimension: 'queue',
        fromMs: NINE,
        toMs: NINE + 4 * Q,
      });
      const byBucket = new Map(rows.map((r) => [r.bucketMs, r]));
      expect(rows.every((r) => r.dimension === 'queue' && r.entityId === 'q1')).toBe(true);
      expect(counters(byBucket.get(NINE))).toEqual({
        offered: 3,
        answered: 3,
        maxWaitMs: 30_000,
        talkMs: 1.5,
      });
      expect(counters(byBucket.get(NINE + Q))).toEqual({ offered: 4 });
      expect(await store.readReportPauses(tenantId, { fromMs: NINE, toMs: NINE + Q })).toEqual([
        { agentId: 'a1', siteId: 'rabat', code: 'lunch', bucketMs: NINE, ms: 90_000 },
      ]);
    });

    it('adds a flush of hundreds of entity-days (written in slices on PostgreSQL) like a small one', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      const DAY = 86_400_000;
      // 300 agents over two days: 600 stored days, several slices of the flush's work.
      const flush = (previousSeq: number, offered: number) => ({
        previousSeq,
        lastSeq: previousSeq + 1,
        state: {},
        rows: Array.from({ length: 300 }, (_, i) => [
          row(`a${i}`, NINE, { offered, talkMs: i }, 'agent'),
          row(`a${i}`, NINE + DAY + Q, { offered: 1 }, 'agent'),
        ]).flat(),
        pauses: [],
      });
      await store.addReportFlush(tenantId, flush(0, 2));
      await store.addReportFlush(tenantId, flush(1, 3));
      const rows = await store.readReportRows(tenantId, {
        dimension: 'agent',
        fromMs: NINE,
        toMs: NINE + 2 * DAY,
      });
      expect(rows).toHaveLength(600);
      const byKey = new Map(rows.map((r) => [`${r.entityId}@${r.bucketMs}`, r]));
      expect(counters(byKey.get(`a299@${NINE}`))).toEqual({ offered: 5, talkMs: 598 });
      expect(counters(byKey.get(`a0@${NINE + DAY + Q}`))).toEqual({ offered: 2 });
      expect(await store.reportState(tenantId)).toEqual({ lastSeq: 2, state: {} });
    });

    it('of two flushes raced from the same state, one is written and the other refused, whole', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      const flush = (offered: number) => ({
        previousSeq: 0,
        lastSeq: offered,
        state: { offered },
        // Enough days that both flushes are still merging when the first one writes.
        rows: Array.from({ length: 250 }, (_, i) => row(`q${i}`, NINE, { offered })),
        pauses: [],
      });
      const results = await Promise.allSettled([
        store.addReportFlush(tenantId, flush(1)),
        store.addReportFlush(tenantId, flush(2)),
      ]);
      const written = results.findIndex((r) => r.status === 'fulfilled');
      expect(results.filter((r) => r.status === 'rejected')).toHaveLength(1);
      const refused = results[1 - written] as PromiseRejectedResult;
      expect((refused.reason as { code?: string }).code).toBe('VersionConflict');
      const offered = written + 1;
      expect(await store.reportState(tenantId)).toEqual({ lastSeq: offered, state: { offered } });
      const rows = await store.readReportRows(tenantId, {
        dimension: 'queue',
        fromMs: NINE,
        toMs: NINE + Q,
      });
      expect(rows).toHaveLength(250);
      expect(rows.every((r) => counters(r).offered === offered)).toBe(true);
    });

    it('reads a time range, by entity, short and long entity lists alike', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      const many = Array.from({ length: 600 }, (_, i) => `q${i}`);
      await store.addReportFlush(tenantId, {
        previousSeq: 0,
        lastSeq: 1,
        state: {},
        rows: [
          row('q1', NINE - Q, { offered: 1 }),
          row('q1', NINE, { offered: 2 }),
          row('q2', NINE, { offered: 3 }),
          row('q2', NINE + 2 * Q, { offered: 4 }),
        ],
        pauses: [],
      });
      const read = async (entityIds?: string[]) =>
        (
          await store.readReportRows(tenantId, {
            dimension: 'queue',
            fromMs: NINE,
            toMs: NINE + 2 * Q,
            ...(entityIds === undefined ? {} : { entityIds }),
          })
        )
          .map((r) => `${r.entityId}@${(r.bucketMs - NINE) / Q}`)
          .sort();
      expect(await read()).toEqual(['q1@0', 'q2@0']);
      expect(await read(['q2'])).toEqual(['q2@0']);
      expect(await read(many.filter((id) => id !== 'q1'))).toEqual(['q2@0']);
      expect(await read([])).toEqual([]);
      expect(
        await store.readReportRows(tenantId, { dimension: 'agent', fromMs: 0, toMs: 2 * NINE }),
      ).toEqual([]);
    });

    it('refuses a flush that does not continue the stored state, writing nothing', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      const flush = (previousSeq: number, lastSeq: number) => ({
        previousSeq,
        lastSeq,
        state: { lastSeq },
        rows: [row('q1', NINE, { offered: 1 })],
        pauses: [],
      });
      await store.addReportFlush(tenantId, flush(0, 5));
      await expectStoreError(store.addReportFlush(tenantId, flush(3, 9)), 'VersionConflict');
      await expectStoreError(store.addReportFlush(tenantId, flush(0, 9)), 'VersionConflict');
      expect(await store.reportState(tenantId)).toEqual({ lastSeq: 5, state: { lastSeq: 5 } });
      const [stored] = await store.readReportRows(tenantId, {
        dimension: 'queue',
        fromMs: NINE,
        toMs: NINE + Q,
      });
      expect(counters(stored)).toEqual({ offered: 1 });
      await expect(
        store.addReportFlush(tenantId, {
          ...flush(5, 6),
          rows: [{ ...row('q1', NINE, {}), values: [1, 2] }],
        }),
      ).rejects.toThrow(/2 values for 28 counters/);
      await expectStoreError(store.addReportFlush(uniqueId('ghost'), flush(0, 1)), 'UnknownTenant');
    });

    it('clears a tenant’s projection for a rebuild, and only that tenant’s', async () => {
      const { store, tenant } = context();
      const [a, b] = [await tenant(), await tenant()];
      for (const tenantId of [a, b]) {
        await store.addReportFlush(tenantId, {
          previousSeq: 0,
          lastSeq: 3,
          state: {},
          rows: [row('q1', NINE, { offered: 1 })],
          pauses: [{ agentId: 'a1', code: 'lunch', bucketMs: NINE, ms: 1 }],
        });
      }
      // Tenant B sees none of A's rows; clearing A leaves B alone.
      await store.clearReports(a);
      expect(await store.reportState(a)).toBeUndefined();
      expect(
        await store.readReportRows(a, { dimension: 'queue', fromMs: 0, toMs: 2 * NINE }),
      ).toEqual([]);
      expect(await store.readReportPauses(a, { fromMs: 0, toMs: 2 * NINE })).toEqual([]);
      expect(await store.reportState(b)).toEqual({ lastSeq: 3, state: {} });
      expect(
        await store.readReportRows(b, { dimension: 'queue', fromMs: 0, toMs: 2 * NINE }),
      ).toHaveLength(1);
      await store.addReportFlush(a, {
        previousSeq: 0,
        lastSeq: 1,
        state: {},
        rows: [],
        pauses: [],
      });
    });

    it('keeps imported history apart from the projection: read with it, replaced by a new import, kept by a rebuild', async () => {
      const { store, tenant } = context();
      const tenantId = await tenant();
      const history = (offered: number) => ({
        entityIds: ['PS', 'TT'],
        fromMs: NINE,
        toMs: NINE + 4 * Q,
        rows: [row('PS', NINE, { offered }), row('TT', NINE + Q, { offered: 1 })],
      });
      await store.replaceReportHistory(tenantId, history(5));
      await store.addReportFlush(tenantId, {
        previousSeq: 0,
        lastSeq: 1,
        state: {},
        rows: [row('PS', NINE, { offered: 2 })],
        pauses: [],
      });
      const read = async () =>
        (
          await store.readReportRows(tenantId, {
            dimension: 'queue',
            fromMs: NINE,
            toMs: NINE + 4 * Q,
          })
        )
          .map((r) => `${r.entityId}@${(r.bucketMs - NINE) / Q}:${r.values[0]}`)
          .sort();
      expect(await read()).toEqual(['PS@0:2', 'PS@0:5', 'TT@1:1']);
      // Imported again: replaced, not added.
      await store.replaceReportHistory(tenantId, history(7));
      expect(await read()).toEqual(['PS@0:2', 'PS@0:7', 'TT@1:1']);
      await store.clearReports(tenantId);
      expect(await read()).toEqual(['PS@0:7', 'TT@1:1']);
      // A row outside what the import says it replaces: refused, nothing changed.
      await expect(
        store.replaceReportHistory(tenantId, {
          ...history(9),
          rows: [row('XX', NINE, { offered: 1 })],
        }),
      ).rejects.toThrow(/outside what the import replaces/);
      expect(await read()).toEqual(['PS@0:7', 'TT@1:1']);
      await expectStoreError(
        store.replaceReportHistory(uniqueId('ghost'), history(1)),
        'UnknownTenant',
      );
    });

    it.each([1, 2, 3])(
      'seed %i: random flushes read back as the plain sums of their rows, over any range and filter',
      async (seed) => {
        const { store, tenant } = context();
        const tenantId = await tenant();
        const next = seededRandom(seed);
        const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
        const DAY = 86_400_000;
        const start = Date.UTC(2026, 2, 1);
        const maxIndex = field('maxWaitMs');
        // What the old one-row-per-bucket table gave: a sum per key, the larger maximum wait.
        const expected = new Map<string, ReportRowRecord>();
        let seq = 0;
        for (let flush = 0; flush < 6; flush++) {
          const rows: ReportRowRecord[] = [];
          for (let n = 0; n < 40; n++) {
            const values = new Float64Array(REPORT_COUNTERS.length);
            for (let i = 0; i < values.length; i++) {
              if (next() < 0.3) values[i] = pick([1, 2, 7, 90_000, 1.5, -250, 2 ** 50]);
            }
            const row: ReportRowRecord = {
              dimension: pick(['queue', 'agent']),
              entityId: pick(['q1', 'q2', 'é-site', 'a1']),
              // Three days, so that rows share days and cross midnight.
              bucketMs: start + Math.floor(next() * 3 * 96) * Q,
              values,
            };
            rows.push(row);
            const key = `${row.dimension}/${row.entityId}/${row.bucketMs}`;
            const into = expected.get(key);
            if (into === undefined) {
              expected.set(key, { ...row, values: Float64Array.from(values) });
              continue;
            }
            const sums = into.values as Float64Array;
            for (let i = 0; i < sums.length; i++) {
              const v = values[i] as number;
              sums[i] = i === maxIndex ? Math.max(sums[i] as number, v) : (sums[i] as number) + v;
            }
          }
          await store.addReportFlush(tenantId, {
            previousSeq: seq,
            lastSeq: seq + 1,
            state: {},
            rows,
            pauses: [],
          });
          seq++;
        }
        const show = (rows: readonly ReportRowRecord[]) =>
          rows
            .filter((r) => r.values.length > 0 && Array.from(r.values).some((v) => v !== 0))
            .map(
              (r) => `${r.dimension}/${r.entityId}/${r.bucketMs}:${Array.from(r.values).join(',')}`,
            )
            .sort();
        for (let query = 0; query < 8; query++) {
          const fromMs = start + Math.floor(next() * 2 * 96) * Q + (query % 2) * 60_000;
          const toMs = fromMs + Math.floor(next() * 2 * DAY);
          const dimension = pick(['queue', 'agent']);
          const entityIds = query % 3 === 0 ? ['q2', 'a1'] : undefined;
          const read = await store.readReportRows(tenantId, {
            dimension,
            fromMs,
            toMs,
            ...(entityIds === undefined ? {} : { entityIds }),
          });
          const wanted = [...expected.values()].filter(
            (r) =>
              r.dimension === dimension &&
              r.bucketMs >= fromMs &&
              r.bucketMs < toMs &&
              (entityIds === undefined || entityIds.includes(r.entityId)),
          );
          // A bucket whose counters all add up to zero is not kept: as if never written.
          expect(show(read)).toEqual(show(wanted));
          expect(read.every((r) => Array.from(r.values).some((v) => v !== 0))).toBe(true);
        }
      },
    );
  });
}
