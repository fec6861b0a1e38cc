// The server benchmark (issue 4): agents connected on the stream answer the contacts that an
// IVR-like client creates over REST at a steady rate; we measure what a caller and an agent see.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { startServer, type ChildServer } from './child-server.ts';
import { dropSchema } from './pg-schema.ts';
import { adminClient, closeClients } from './http-client.ts';

export interface ServerBenchSettings {
  agents: number;
  ratePerSec: number;
  seconds: number;
  /** PostgreSQL URL; SQLite in a temporary directory when absent. */
  pg: string | undefined;
  talkMs: number;
  /** Seconds of load before the measured ones, at the same rate. */
  warmUpSeconds: number;
}

export interface ServerBenchResult {
  agents: number;
  contactsCreated: number;
  lost: number;
  createP99Ms: number;
  offerDeliveryP99Ms: number;
  eventsPerSec: number;
  rssMb: number;
  database: 'sqlite' | 'postgres';
  createP50Ms: number;
  offerDeliveryP50Ms: number;
  offersMeasured: number;
  createErrors: number;
  contactsCompleted: number;
  /** Seconds of load at the same rate before the measured ones (their contacts count as lost if missing). */
  warmUpSeconds: number;
  seconds: number;
  /** Group commits written during the whole run, and their mean duration. */
  commits: number;
  commitMeanMs: number;
  /** Event-loop lag (p99) of the server at the end, and of the load generator during the load. */
  serverLoopLagP99Ms: number;
  clientLoopLagP99Ms: number;
  /**
   * CPU time of the server process (all its threads) during the load, per contact created: its
   * cost, which unlike the latencies does not depend much on what else the machine runs.
   */
  serverCpuMsPerContact: number;
  /**
   * CPU time of the whole machine (every process: the load generator, the server, a local
   * database) during the load, per contact; Linux only (from /proc/stat), else null.
   */
  machineCpuMsPerContact: number | null;
}

const quantile = (values: number[], q: number): number => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
};
const round = (value: number): number => Number(value.toFixed(2));

/** Busy CPU time of the whole machine so far, in ms (Linux's /proc/stat), or undefined elsewhere. */
function machineCpuMs(): number | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    // user nice system idle iowait irq softirq steal …, in clock ticks (100 a second on Linux).
    const [user, nice, system, , , irq, softirq] = line.trim().split(/\s+/).slice(1).map(Number);
    return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0)) * 10;
  } catch {
    return undefined;
  }
}

/** The server process's CPU time so far (user + system, every thread), from its metrics. */
async function serverCpuSeconds(base: string): Promise<number> {
  const metrics = await (await fetch(`${base}/metrics`)).text();
  const value = /^relais_process_cpu_seconds_total (\S+)/m.exec(metrics)?.[1];
  if (value === undefined)
    throw new Error('the server metrics lack relais_process_cpu_seconds_total');
  return Number(value);
}

interface ServerMessage {
  type: string;
  event?: { type: string; contactId: string; agentId: string };
  ref?: string;
  ok?: boolean;
  error?: unknown;
}

/**
 * One agent: its own API key and socket; accepts every offer and ends the call after talkMs,
 * both as actions on its socket, as an agent desktop does (the REST twins take the same path
 * through the server, plus HTTP's own cost for each call).
 */
async function connectAgent(
  base: string,
  id: string,
  key: string,
  afterSeq: number,
  talkMs: number,
  onOffer: (contactId: string) => void,
  onDone: (contactId: string) => void,
): Promise<WebSocket> {
  const socket = new WebSocket(`${base.replace('http', 'ws')}/api/v1/stream`, {
    headers: { authorization: `Bearer ${key}` },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  let refs = 0;
  const results = new Map<string, (message: ServerMessage) => void>();
  const act = (action: string, contactId: string): Promise<void> => {
    const ref = String(++refs);
    socket.send(JSON.stringify({ type: 'action', ref, agentId: id, action, body: { contactId } }));
    return new Promise((resolve, reject) =>
      results.set(ref, (message) =>
        message.ok === true
          ? resolve()
          : reject(new Error(`${action} ${contactId}: ${JSON.stringify(message.error)}`)),
      ),
    );
  };
  const caughtUp = new Promise<void>((resolve) => {
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as ServerMessage;
      if (message.type === 'caughtUp') resolve();
      if (message.type === 'actionResult') {
        const done = results.get(message.ref ?? '');
        results.delete(message.ref ?? '');
        done?.(message);
        return;
      }
      const event = message.event;
      if (event?.type !== 'contactOffered' || event.agentId !== id) return;
      onOffer(event.contactId);
      void (async () => {
        await act('accept', event.contactId);
        await new Promise((resolve) => setTimeout(resolve, talkMs));
        await act('complete', event.contactId);
        onDone(event.contactId);
      })().catch(() => undefined);
    });
  });
  socket.send(JSON.stringify({ type: 'subscribe', afterSeq }));
  await caughtUp;
  return socket;
}

/** Runs `tasks` with at most `limit` in flight. */
async function pool<T>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < items.length) {
        const index = next++;
        await task(items[index] as T, index);
      }
    }),
  );
}

export async function runServerBenchmark(
  settings: ServerBenchSettings,
  progress: (phase: string, fraction: number) => void,
): Promise<ServerBenchResult> {
  const data = mkdtempSync(path.join(tmpdir(), 'relais-bench-'));
  // On PostgreSQL, a schema of its own: the benchmark needs an empty database and leaves it behind.
  const schema = `relais_bench_${Date.now().toString(36)}`;
  const args =
    settings.pg === undefined ? ['--data', data] : ['--pg', settings.pg, '--pg-schema', schema];
  let server: ChildServer | undefined;
  const sockets: WebSocket[] = [];
  try {
    server = await startServer(args);
    if (server.password === undefined)
      throw new Error(
        'the database was not empty: bench:server needs a fresh one (a new --pg database or schema)',
      );
    const api = await adminClient(server.base, server.password);

    // The network: one site per 250 agents, one client, one queue every agent serves.
    const sites = Math.max(1, Math.ceil(settings.agents / 250));
    for (let s = 0; s < sites; s++)
      await api.ok('POST', '/api/v1/sites', {
        id: `site${s}`,
        city: 'Casablanca',
        timeZone: 'Africa/Casablanca',
        positions: 250,
      });
    await api.ok('POST', '/api/v1/skills', { id: 'fr', kind: 'language' });
    await api.ok('POST', '/api/v1/clients', { id: 'bench', name: 'Benchmark' });
    await api.ok('POST', '/api/v1/queues', {
      id: 'inbound',
      clientId: 'bench',
      channel: 'voice',
      skills: { fr: 1 },
      wrapUp: { mode: 'timed', seconds: 0 },
    });
    const ids = Array.from({ length: settings.agents }, (_, i) => `agent${i}`);
    const keys = new Map<string, string>();
    await pool(ids, 16, async (id, i) => {
      await api.ok('POST', '/api/v1/agents', { id, siteId: `site${i % sites}`, skills: { fr: 5 } });
      const key = await api.ok('POST', '/api/v1/api-keys', {
        name: id,
        role: 'agent',
        scope: { agentId: id },
      });
      keys.set(id, String(key.key));
      if (i % 100 === 0) progress('set up', i / settings.agents);
    });
    const afterSeq = Number((await api.ok('GET', '/api/v1/engine/snapshot')).seq);

    // Agents connect, log in and become available.
    const sentAt = new Map<string, number>();
    const delivery: number[] = [];
    let completed = 0;
    await pool(ids, 32, async (id, i) => {
      const key = keys.get(id) ?? '';
      const onOffer = (contactId: string): void => {
        const at = sentAt.get(contactId);
        if (at !== undefined) delivery.push(performance.now() - at);
      };
      sockets.push(
        await connectAgent(api.base, id, key, afterSeq, settings.talkMs, onOffer, (contactId) => {
          if (sentAt.has(contactId)) completed++;
        }),
      );
      const agent = api.as({ authorization: `Bearer ${key}` }, 'agents');
      await agent.ok('POST', `/api/v1/agents/${id}/login`, {});
      await agent.ok('PUT', `/api/v1/agents/${id}/state`, { state: 'available' });
      if (i % 100 === 0) progress('connect', i / settings.agents);
    });

    // Load: contacts at a steady rate, each with an Idempotency-Key as an IVR would send.
    const created = new Set<string>();
    const warmCreated = new Set<string>();
    const createMs: number[] = [];
    let errors = 0;
    const inFlight: Promise<void>[] = [];
    /** Creates `count` contacts named prefix0, prefix1, … at the benchmark's rate. */
    const createAtRate = async (prefix: string, count: number, measured: boolean) => {
      const started = performance.now();
      for (let n = 0; n < count; n++) {
        const due = started + (n * 1000) / settings.ratePerSec;
        const wait = due - performance.now();
        if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
        const id = `${prefix}${n}`;
        const at = performance.now();
        if (measured) sentAt.set(id, at);
        inFlight.push(
          api
            .call('POST', '/api/v1/contacts', { id, queueId: 'inbound' }, { 'idempotency-key': id })
            .then(
              (reply) => {
                if (reply.status !== 201) errors++;
                else if (!measured) warmCreated.add(id);
                else {
                  created.add(id);
                  createMs.push(performance.now() - at);
                }
              },
              () => void errors++,
            ),
        );
        if (n % settings.ratePerSec === 0) progress(measured ? 'load' : 'warm-up', n / count);
      }
    };
    // A warm-up at the same rate, not measured: a server that just started has code still to
    // compile and memory still to size; the figures are those of a server in its stride.
    const eventsBeforeWarmUp = Number((await api.ok('GET', '/api/v1/engine/snapshot')).seq);
    await createAtRate('w', settings.ratePerSec * settings.warmUpSeconds, false);
    const eventsBefore = Number((await api.ok('GET', '/api/v1/engine/snapshot')).seq);
    const cpuBefore = await serverCpuSeconds(server.base);
    const machineBefore = machineCpuMs();
    const total = settings.ratePerSec * settings.seconds;
    // How late this process's own event loop runs: if it lags, the figures measure the client.
    const clientLag = monitorEventLoopDelay({ resolution: 10 });
    clientLag.enable();
    const started = performance.now();
    await createAtRate('c', total, true);
    await Promise.all(inFlight);
    const loadSeconds = (performance.now() - started) / 1000;
    const cpuDuringLoad = (await serverCpuSeconds(server.base)) - cpuBefore;
    const machineAfter = machineCpuMs();
    clientLag.disable();
    // Let the last calls finish, then count what the log holds.
    for (let i = 0; i < 100 && completed < created.size; i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const eventsAfter = Number((await api.ok('GET', '/api/v1/engine/snapshot')).seq);
    const logged = new Set<string>();
    for (let after = eventsBeforeWarmUp; ;) {
      const page = await api.ok(
        'GET',
        `/api/v1/events?type=contactArrived&limit=1000&afterSeq=${after}`,
      );
      for (const event of page.events as { contactId: string }[]) logged.add(event.contactId);
      const next = Number(page.nextAfterSeq);
      if (next === after) break;
      after = next;
    }
    const lost = [...created, ...warmCreated].filter((id) => !logged.has(id)).length;
    const metrics = await (await fetch(`${server.base}/metrics`)).text();
    const metric = (name: string): number =>
      Number(new RegExp(`^${name} (\\S+)`, 'm').exec(metrics)?.[1] ?? 0);
    const rss = metric('relais_process_resident_memory_bytes');
    const commits = metric('relais_log_batches_total');
    const commitSeconds = metric('relais_log_commit_duration_seconds_sum');
    return {
      agents: settings.agents,
      contactsCreated: created.size,
      lost,
      createP99Ms: round(quantile(createMs, 0.99)),
      offerDeliveryP99Ms: round(quantile(delivery, 0.99)),
      eventsPerSec: Math.round((eventsAfter - eventsBefore) / loadSeconds),
      rssMb: round(rss / 2 ** 20),
      database: settings.pg === undefined ? 'sqlite' : 'postgres',
      createP50Ms: round(quantile(createMs, 0.5)),
      offerDeliveryP50Ms: round(quantile(delivery, 0.5)),
      offersMeasured: delivery.length,
      createErrors: errors,
      contactsCompleted: completed,
      warmUpSeconds: settings.warmUpSeconds,
      seconds: round(loadSeconds),
      commits,
      commitMeanMs: round((1000 * commitSeconds) / Math.max(1, commits)),
      serverLoopLagP99Ms: round(1000 * metric('relais_nodejs_eventloop_lag_p99_seconds')),
      clientLoopLagP99Ms: round(clientLag.percentile(99) / 1e6),
      serverCpuMsPerContact: round((1000 * cpuDuringLoad) / Math.max(1, created.size)),
      machineCpuMsPerContact:
        machineBefore === undefined || machineAfter === undefined
          ? null
          : round((machineAfter - machineBefore) / Math.max(1, created.size)),
    };
  } finally {
    for (const socket of sockets) socket.terminate();
    await closeClients();
    await server?.stop();
    rmSync(data, { recursive: true, force: true });
    if (settings.pg !== undefined) await dropSchema(settings.pg, schema);
  }
}
