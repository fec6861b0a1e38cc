// npm run bench:import [-- rows]: a lead list of a million rows (default) imported into a
// campaign on SQLite, from a CSV stream to the published list (staged in chunks, each its own
// transaction). Numbers as lists carry them: mostly clean French numbers written several ways,
// some overseas, 1% unreadable, 2% repeated. Also timed: every staged chunk's transaction (the
// longest is how long other writers may wait) and the publishing commit. Last line: one JSON object.
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { openSqliteStore, type StagedLeadList, type Store } from '@relais/store';
import { importLeadList } from '../src/campaigns/list-import.ts';

const rows = Number(process.argv[2] ?? 1_000_000);
if (!Number.isSafeInteger(rows) || rows < 1) {
  console.error(`rows: "${process.argv[2]}" is not a whole number ≥ 1`);
  process.exit(2);
}

/** A small seeded generator (mulberry32): the same file every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST_NAMES = ['Léa', 'Hugo', 'Inès', 'Karim', 'Manon', 'Yanis', 'Chloé', 'Nadia'];
const POSTCODES = ['75011', '69003', '13005', '57000', '67000', '33000', '97110', '59000'];

function* csvLines(): Generator<string> {
  const random = seeded(2026);
  const digits = (n: number) => {
    let text = '';
    for (let i = 0; i < n; i++) text += String(Math.floor(random() * 10));
    return text;
  };
  let previous = '0612345678';
  yield 'tel;prenom;nom;cp;client\n';
  for (let i = 0; i < rows; i++) {
    const roll = random();
    let phone: string;
    if (roll < 0.01) phone = digits(4);
    else if (roll < 0.03) phone = previous;
    else if (roll < 0.05) phone = `0690${digits(6)}`;
    else {
      const national = `${random() < 0.7 ? '6' : String(1 + Math.floor(random() * 5))}${digits(8)}`;
      const style = random();
      phone =
        style < 0.6
          ? `0${national}`
          : style < 0.85
            ? `0${national}`.replace(/(\d{2})(?=\d)/g, '$1 ')
            : `+33${national}`;
    }
    previous = phone;
    const first = FIRST_NAMES[Math.floor(random() * FIRST_NAMES.length)] ?? '';
    const postcode = POSTCODES[Math.floor(random() * POSTCODES.length)] ?? '';
    yield `${phone};${first};Martin;${postcode};C-${i}\n`;
  }
}

/** The file in 64 KiB chunks, made before the clock starts (an upload arrives made). */
function makeFile(): Buffer[] {
  const chunks: Buffer[] = [];
  let buffer = '';
  for (const line of csvLines()) {
    buffer += line;
    if (buffer.length >= 65_536) {
      chunks.push(Buffer.from(buffer));
      buffer = '';
    }
  }
  if (buffer !== '') chunks.push(Buffer.from(buffer));
  return chunks;
}

const dir = mkdtempSync(path.join(tmpdir(), 'relais-bench-import-'));
const store = openSqliteStore({ file: path.join(dir, 'relais.sqlite') });
try {
  await store.migrate();
  await store.createTenant({ id: 'bench', name: 'Bench' });
  await store.putCampaign('bench', { id: 'winter', clientId: 'acme', config: {} });
  const file = makeFile();
  // The store, with each staged chunk's write and the publish timed.
  const writesMs: number[] = [];
  let publishMs = 0;
  const timed = async <T>(work: () => Promise<T>, record: (ms: number) => void): Promise<T> => {
    const start = performance.now();
    const result = await work();
    record(performance.now() - start);
    return result;
  };
  const timedStore: Store = Object.assign(Object.create(store) as Store, {
    stageLeadList: async (...args: Parameters<Store['stageLeadList']>) => {
      const staged = await store.stageLeadList(...args);
      const wrapped: StagedLeadList = {
        list: staged.list,
        add: (leads, rejections) =>
          timed(
            () => staged.add(leads, rejections),
            (ms) => writesMs.push(ms),
          ),
        publish: (counts) =>
          timed(
            () => staged.publish(counts),
            (ms) => (publishMs = ms),
          ),
        discard: () => staged.discard(),
      };
      return wrapped;
    },
  });
  let readingDoneMs = 0;
  let readingCpu = process.cpuUsage();
  const startedCpu = process.cpuUsage();
  const started = performance.now();
  const outcome = await importLeadList(
    timedStore,
    {
      tenantId: 'bench',
      campaignId: 'winter',
      listId: 'bench-list',
      defaultRegion: 'FR',
      name: 'Bench',
      origin: 'generated',
      legalBasis: 'consent',
      importedBy: 'bench',
      mapping: { phone: 'tel', firstName: 'prenom', lastName: 'nom', postcode: 'cp' },
      maxBytes: Number.MAX_SAFE_INTEGER,
    },
    Readable.from(file),
    {
      reading: () => undefined,
      writing: () => {
        readingDoneMs = performance.now();
        readingCpu = process.cpuUsage(startedCpu);
      },
    },
  );
  const finished = performance.now();
  const cpu = process.cpuUsage(startedCpu);
  const seconds = (finished - started) / 1000;
  const cpuSeconds = (usage: NodeJS.CpuUsage) =>
    Number(((usage.user + usage.system) / 1e6).toFixed(2));
  console.log(
    JSON.stringify({
      rows: outcome.rows,
      megabytes: Number((file.reduce((sum, chunk) => sum + chunk.length, 0) / 1e6).toFixed(1)),
      imported: outcome.imported,
      merged: outcome.merged,
      rejected: outcome.rejected,
      seconds: Number(seconds.toFixed(2)),
      readSeconds: Number(((readingDoneMs - started) / 1000).toFixed(2)),
      lastWriteSeconds: Number(((finished - readingDoneMs) / 1000).toFixed(2)),
      writeSeconds: Number((writesMs.reduce((sum, ms) => sum + ms, 0) / 1000).toFixed(2)),
      chunks: writesMs.length,
      longestChunkMs: Math.round(Math.max(0, ...writesMs)),
      publishMs: Math.round(publishMs),
      rowsPerSecond: Math.round(outcome.rows / seconds),
      // CPU time of this process: on a shared machine the wall time also counts the others' work.
      cpuSeconds: cpuSeconds(cpu),
      readCpuSeconds: cpuSeconds(readingCpu),
      loadAverage: Number(loadavg()[0]?.toFixed(1)),
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      target: { rows: 1_000_000, seconds: 30 },
    }),
  );
} finally {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
