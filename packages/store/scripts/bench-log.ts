// Sanity check of the log's speed, not a test: appends N events in batches (group commits) and
// reads them all back as recovery would. Run: npm run bench:store -- [--events 1000000]
// [--batch 500] [--only sqlite|postgres] [--synchronous full|normal]. PostgreSQL runs when
// RELAIS_PG_URL is set, in a scratch schema dropped afterwards.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { LoggedEvent, Store } from '../src/index.ts';
import { openPostgresStore, openSqliteStore } from '../src/index.ts';
import { LOG_PAGE_CAP } from '../src/log/read-log.ts';

const { values } = parseArgs({
  options: {
    events: { type: 'string', default: '1000000' },
    batch: { type: 'string', default: '500' },
    only: { type: 'string' },
    synchronous: { type: 'string', default: 'full' },
  },
});
const total = Number(values.events);
const batchSize = Number(values.batch);
const TENANT = 'bench';

/** An engine-like event: a contact moving through a queue, handled by an agent of a site. */
function makeEvent(seq: number): LoggedEvent {
  const refs = {
    contactId: `c${Math.floor(seq / 6)}`,
    agentId: `a${seq % 300}`,
    queueId: `q${seq % 12}`,
    siteId: `s${seq % 3}`,
  };
  const type = ['contactQueued', 'contactOffered', 'contactAnswered', 'agentWrapUp'][seq % 4] ?? '';
  return { seq, atMs: 1_750_000_000_000 + seq * 50, type, refs, body: { type, seq, ...refs } };
}

/** Appends and reads back the events; prints the times, then the size `sizeOf` reports. */
async function measure(name: string, store: Store, sizeOf: () => Promise<string>): Promise<void> {
  await store.migrate();
  await store.createTenant({ id: TENANT, name: 'bench' });
  let started = performance.now();
  for (let from = 1; from <= total; from += batchSize) {
    const count = Math.min(batchSize, total - from + 1);
    const events = Array.from({ length: count }, (_, index) => makeEvent(from + index));
    await store.appendLog(TENANT, { commands: [], events });
  }
  const appendSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  let read = 0;
  let afterSeq = 0;
  for (;;) {
    const page = await store.readEvents(TENANT, { afterSeq, limit: LOG_PAGE_CAP });
    if (page.length === 0) break;
    read += page.length;
    afterSeq = page[page.length - 1]?.seq ?? afterSeq;
  }
  const readSeconds = (performance.now() - started) / 1000;
  if (read !== total) throw new Error(`read ${read} events, appended ${total}`);
  const rate = (seconds: number) => Math.round(total / seconds).toLocaleString('en');
  console.log(
    `${name}: append ${total.toLocaleString('en')} events in batches of ${batchSize}: ` +
      `${appendSeconds.toFixed(1)} s (${rate(appendSeconds)}/s); read back: ` +
      `${readSeconds.toFixed(1)} s (${rate(readSeconds)}/s); ${await sizeOf()}`,
  );
  await store.close();
}

if (values.only !== 'postgres') {
  const folder = mkdtempSync(path.join(tmpdir(), 'relais-bench-'));
  const file = path.join(folder, 'relais.sqlite');
  const synchronous = values.synchronous === 'normal' ? 'normal' : 'full';
  try {
    const sizeOf = (name: string) => statSync(name, { throwIfNoEntry: false })?.size ?? 0;
    await measure(
      `SQLite (synchronous=${synchronous})`,
      openSqliteStore({ file, synchronous }),
      () =>
        Promise.resolve(
          `file + WAL: ${((sizeOf(file) + sizeOf(`${file}-wal`)) / 2 ** 20).toFixed(0)} MiB`,
        ),
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const url = process.env['RELAIS_PG_URL'];
if (values.only !== 'sqlite' && url !== undefined) {
  const schema = `relais_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await measure('PostgreSQL', openPostgresStore({ url, schema }), async () => {
      const { rows } = await admin.query<{ size: string }>(
        `SELECT pg_size_pretty(SUM(pg_total_relation_size(c.oid))) AS size FROM pg_class c
         JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind = 'r'`,
        [schema],
      );
      return `tables with indexes: ${rows[0]?.size ?? '?'}`;
    });
  } finally {
    await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin.end();
  }
}
