// `npm run bench:web`: the supervisor wallboard in headless Chromium against a real
// `relais serve` on a scratch SQLite database, with AGENTS agents in ten sites and QUEUES queues.
// A driver changes agents' states over REST (and keeps contacts waiting in one queue) every
// second, so the page receives the stream's wallboard feed at 1 Hz. Prints one JSON line:
//   initialJsKbGzip   the JavaScript index.html loads (entry and preloads), gzipped, in KB
//   wallboardAgents   agents the page holds once loaded
//   updateScriptMsP95 p95 of the page's time per update: message in → DOM committed (User Timing
//                     measure 'wallboard-update': JSON parse, apply, React render and commit)
//   firstRenderMs     navigation start → first snapshot on screen (mark 'wallboard-first-render')
// Progress goes to stderr. Options: --agents N --queues N --seconds N --changes N (per second)
// --profile FILE (a CPU profile of the page during the updates, for DevTools).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { AdminClient } from '../e2e/admin-client.ts';
import { launchChromium } from '../e2e/chromium.ts';
import { buildWebApp, scratchFolder, startRelais } from '../e2e/relais-server.ts';

export interface WebBenchSettings {
  agents: number;
  queues: number;
  /** Seconds of measured live updates. */
  seconds: number;
  /** Agent state changes sent per second. */
  changesPerSecond: number;
  /** Writes a CPU profile of the page during the live updates (Chrome DevTools format) here. */
  profile?: string;
}

export interface WebBenchResult {
  initialJsKbGzip: number;
  wallboardAgents: number;
  updateScriptMsP95: number;
  firstRenderMs: number;
  updatesMeasured: number;
  updateScriptMsMax: number;
  queues: number;
  changesPerSecond: number;
}

const CITIES = ['Casablanca', 'Rabat', 'Fès', 'Marrakech', 'Tanger', 'Agadir', 'Oujda', 'Meknès'];
const SITES = 10;
const LANGUAGES = ['fr', 'en', 'es', 'de'];
const SKILLS = Array.from({ length: 10 }, (_, i) => `skill-${i}`);
const SUPERVISOR = { username: 'bench.supervisor', password: 'bench-supervisor-password' };

/** Runs `work` over `items`, `width` at a time. */
async function pool<T>(items: T[], width: number, work: (item: T) => Promise<unknown>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

/** A small deterministic generator: the same network every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** The JavaScript index.html loads before anything else, gzipped (KB). */
export function initialJsKbGzip(webDir: string): number {
  const html = readFileSync(path.join(webDir, 'index.html'), 'utf8');
  const files = new Set<string>();
  for (const match of html.matchAll(/<script[^>]*\ssrc="([^"]+\.js)"/g)) files.add(match[1] ?? '');
  for (const match of html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+\.js)"/g))
    files.add(match[1] ?? '');
  let bytes = 0;
  for (const file of files) bytes += gzipSync(readFileSync(path.join(webDir, file))).length;
  return Math.round((bytes / 1024) * 10) / 10;
}

function p95(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.95) - 1)] ?? 0;
}

const round = (value: number): number => Math.round(value * 10) / 10;

export async function runWebBench(
  settings: WebBenchSettings,
  log: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<WebBenchResult> {
  const scratch = scratchFolder('bench-web');
  const web = path.join(scratch.dir, 'web');
  let stopServer: (() => Promise<void>) | undefined;
  let closeBrowser: (() => Promise<void>) | undefined;
  try {
    log('building the web app…');
    await buildWebApp(web);
    const relais = await startRelais(path.join(scratch.dir, 'data'), web);
    stopServer = () => relais.stop();
    const admin = new AdminClient(relais.url);
    await admin.signIn('admin', relais.adminPassword);

    log(`configuring ${settings.agents} agents in ${SITES} sites, ${settings.queues} queues…`);
    const pick = random(7);
    const sites = Array.from({ length: SITES }, (_, i) => ({
      id: `site-${String(i).padStart(2, '0')}`,
      city: CITIES[i % CITIES.length] as string,
      timeZone: 'Africa/Casablanca',
      positions: Math.ceil(settings.agents / SITES) + 50,
    }));
    const post = (kind: string) => (row: object) => admin.call('POST', `/api/v1/${kind}`, row);
    await pool(sites, 8, post('sites'));
    await pool(
      [
        ...LANGUAGES.map((id) => ({ id, kind: 'language' })),
        ...[...SKILLS, 'rare'].map((id) => ({ id, kind: 'skill' })),
      ],
      8,
      post('skills'),
    );
    const clients = ['orbitel', 'voltea', 'assuria', 'shopmax'];
    await pool(
      clients.map((id) => ({ id, name: id })),
      4,
      post('clients'),
    );
    await pool(
      [
        { id: 'lunch', label: 'Déjeuner' },
        { id: 'training', label: 'Formation' },
      ],
      2,
      post('pause-codes'),
    );
    const queues = Array.from({ length: settings.queues }, (_, i) => ({
      id: `q-${String(i).padStart(3, '0')}`,
      clientId: clients[i % clients.length] as string,
      channel: 'voice',
      // The last queue asks for a skill nobody has: its contacts wait, its figures move.
      skills:
        i === settings.queues - 1
          ? { rare: 1 }
          : {
              [LANGUAGES[i % LANGUAGES.length] as string]: 1,
              [SKILLS[i % SKILLS.length] as string]: 1,
            },
      homeSiteId: sites[i % SITES]?.id,
      serviceLevel: { thresholdSeconds: 20, target: 0.8 },
    }));
    await pool(queues, 16, post('queues'));
    const agents = Array.from({ length: settings.agents }, (_, i) => ({
      id: `agent-${String(i).padStart(5, '0')}`,
      name: `Agent ${i}`,
      siteId: sites[i % SITES]?.id as string,
      skills: {
        [LANGUAGES[Math.floor(pick() * LANGUAGES.length)] as string]: 5,
        fr: 6,
        [SKILLS[Math.floor(pick() * SKILLS.length)] as string]: 4,
        [SKILLS[Math.floor(pick() * SKILLS.length)] as string]: 7,
      },
    }));
    await pool(agents, 32, post('agents'));
    await admin.call('POST', '/api/v1/users', {
      ...SUPERVISOR,
      role: 'supervisor',
      scope: { siteIds: sites.map((s) => s.id) },
    });
    log('logging the agents in…');
    await pool(agents, 32, (a) => admin.call('POST', `/api/v1/agents/${a.id}/login`, {}));
    const paused = new Set<string>();
    await pool(
      agents.filter(() => pick() < 0.3),
      32,
      async (a) => {
        await admin.call('PUT', `/api/v1/agents/${a.id}/state`, {
          state: 'paused',
          reason: 'lunch',
        });
        paused.add(a.id);
      },
    );

    log('opening the wallboard in Chromium…');
    const browser = await launchChromium();
    closeBrowser = () => browser.close();
    const page = await browser.newPage({
      viewport: { width: 1600, height: 1000 },
      locale: 'fr-FR',
    });
    await page.goto(relais.url);
    await page.getByLabel('Identifiant').fill(SUPERVISOR.username);
    await page.getByLabel('Mot de passe').fill(SUPERVISOR.password);
    await page.keyboard.press('Enter');
    await page.waitForSelector(`[data-agents="${settings.agents}"]`, { timeout: 60_000 });
    // First render measured on a fresh load of the page, signed in.
    await page.reload();
    await page.waitForSelector(`[data-agents="${settings.agents}"]`, { timeout: 60_000 });
    const firstRenderMs = await page.evaluate(
      () => performance.getEntriesByName('wallboard-first-render')[0]?.startTime ?? -1,
    );
    const wallboardAgents = Number(
      await page.locator('[data-agents]').first().getAttribute('data-agents'),
    );
    await page.evaluate(() => performance.clearMeasures('wallboard-update'));

    const cdp =
      settings.profile === undefined ? undefined : await page.context().newCDPSession(page);
    if (cdp !== undefined) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    log(`driving ${settings.changesPerSecond} changes a second for ${settings.seconds} s…`);
    let contactSeq = 0;
    const waiting: { id: string; atMs: number }[] = [];
    const rare = queues.at(-1)?.id as string;
    for (let second = 0; second < settings.seconds; second++) {
      const started = Date.now();
      const batch = Array.from(
        { length: settings.changesPerSecond },
        () => agents[Math.floor(pick() * agents.length)]?.id as string,
      );
      const contacts = Array.from({ length: 3 }, () => `bench-${++contactSeq}`);
      await Promise.all([
        pool([...new Set(batch)], 32, async (id) => {
          const pause = !paused.has(id);
          await admin
            .call(
              'PUT',
              `/api/v1/agents/${id}/state`,
              pause ? { state: 'paused', reason: 'training' } : { state: 'available' },
            )
            .then(() => (pause ? paused.add(id) : paused.delete(id)))
            .catch(() => undefined); // an agent busy with a contact cannot pause: fine
        }),
        pool(contacts, 3, async (id) => {
          await admin.call('POST', '/api/v1/contacts', { id, queueId: rare });
          waiting.push({ id, atMs: Date.now() });
        }),
        pool(
          waiting.splice(
            0,
            Math.max(
              0,
              waiting.findIndex((c) => Date.now() - c.atMs < 20_000),
            ),
          ),
          3,
          (c) => admin.call('POST', `/api/v1/contacts/${c.id}/cancel`, {}).catch(() => undefined),
        ),
      ]);
      const left = 1000 - (Date.now() - started);
      if (left > 0) await new Promise((resolve) => setTimeout(resolve, left));
    }
    // The last period's message.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    if (cdp !== undefined && settings.profile !== undefined) {
      const { profile } = await cdp.send('Profiler.stop');
      writeFileSync(settings.profile, JSON.stringify(profile));
      log(`CPU profile written to ${settings.profile}`);
    }
    const durations = await page.evaluate(() =>
      performance.getEntriesByName('wallboard-update').map((entry) => entry.duration),
    );
    await closeBrowser();
    closeBrowser = undefined;
    return {
      initialJsKbGzip: initialJsKbGzip(web),
      wallboardAgents,
      updateScriptMsP95: round(p95(durations)),
      firstRenderMs: Math.round(firstRenderMs),
      updatesMeasured: durations.length,
      updateScriptMsMax: round(Math.max(0, ...durations)),
      queues: settings.queues,
      changesPerSecond: settings.changesPerSecond,
    };
  } finally {
    await closeBrowser?.().catch(() => undefined);
    await stopServer?.();
    scratch.remove();
  }
}

function readSettings(argv: string[]): WebBenchSettings {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      agents: { type: 'string' },
      queues: { type: 'string' },
      seconds: { type: 'string' },
      changes: { type: 'string' },
      profile: { type: 'string' },
    },
  });
  const int = (name: string, value: string | undefined, fallback: number, max: number): number => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || n > max)
      throw new Error(`--${name}: expected an integer from 1 to ${max}, got '${value}'`);
    return n;
  };
  return {
    agents: int('agents', values.agents, 5000, 20_000),
    queues: int('queues', values.queues, 200, 2000),
    seconds: int('seconds', values.seconds, 30, 3600),
    changesPerSecond: int('changes', values.changes, 250, 5000),
    ...(values.profile === undefined ? {} : { profile: values.profile }),
  };
}

// Run as a script (not when a test imports it).
const script = process.argv[1];
if (script !== undefined && import.meta.url === pathToFileURL(path.resolve(script)).href) {
  try {
    const result = await runWebBench(readSettings(process.argv.slice(2)));
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  }
}
