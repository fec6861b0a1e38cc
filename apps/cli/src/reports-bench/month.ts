// bench:reports (issue 6): a month of a 5,000-agent network simulated on the real engine, its
// events projected (the ingestion rate), the projection written to a fresh store as the server
// writes it (the rebuild), then a one-month 30-minute report of every queue read back.
// "All queues of a 5,000-agent site": the site is the whole contact center (the tenant:
// 5,000 agents in 40 buildings, 10 clients), so the report covers every queue of the tenant, 200
// at 5,000 agents; the result says how many queues and lines it holds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import type { EngineEvent } from '@relais/engine';
import { buildReport, Projection } from '@relais/reports';
import { readWith, writeFlush } from '@relais/server';
import { simulate } from '@relais/sim';
import { openPostgresStore, openSqliteStore, type Store } from '@relais/store';
import { dropSchema } from '../server-bench/pg-schema.ts';
import { nationalScenario } from '../workload/national-scenario.ts';

export interface MonthSettings {
  agents: number;
  days: number;
  contactsPerAgent: number;
  pg: string | undefined;
  runs: number;
}

export interface MonthResult {
  database: 'sqlite' | 'postgres';
  agents: number;
  days: number;
  events: number;
  ingestEventsPerSec: number;
  rebuildSeconds: number;
  rows: number;
  monthReportMs: number;
  reportLines: number;
  /** Queues in the report (entities with at least one line). */
  queues: number;
}

const DAY_MS = 86_400_000;

export async function runMonthBenchmark(
  settings: MonthSettings,
  progress: (phase: string, fraction: number) => void,
): Promise<MonthResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'relais-reports-'));
  const schema = `relais_reports_${Date.now().toString(36)}`;
  const store: Store =
    settings.pg === undefined
      ? openSqliteStore({ file: path.join(dir, 'relais.sqlite') })
      : openPostgresStore({ url: settings.pg, schema });
  try {
    await store.migrate();
    const tenant = await store.createTenant({ id: randomUUID(), name: `reports-${Date.now()}` });
    // 10 contacts a day per agent at a quarter occupancy: about 10 million events a month for
    // 5,000 agents, the size the issue names.
    const scenario = nationalScenario(settings.agents, 1, {
      contactsPerAgent: settings.contactsPerAgent,
      occupancy: 0.25,
    });
    let projection = new Projection();
    let events = 0;
    let projectMs = 0;
    let writeMs = 0;
    let previousSeq = 0;
    let rows = 0;
    const flush = async (): Promise<void> => {
      const started = performance.now();
      const written = await writeFlush(store, tenant.id, projection, previousSeq);
      rows += written.rows;
      previousSeq = written.lastSeq;
      writeMs += performance.now() - started;
    };
    // Day by day, each day a replication of its own shifted to its date: the projection is
    // written between days, as the server writes it every few seconds, so memory stays flat.
    let seqBase = 0;
    for (let day = 0; day < settings.days; day++) {
      let lastSeq = 0;
      const offset = day * DAY_MS;
      const dayEvents: EngineEvent[] = [];
      simulate(scenario, {
        seed: day + 1,
        replications: 1,
        days: 1,
        onProgress: (done) => progress('simulate', (day + done) / settings.days),
        onEvents: (batch) => {
          // Copies with the day's times, growing seqs and ids of their own (the simulator reuses
          // the same ones each replication, and reads its events after this callback, so they
          // cannot be changed in place). Each copy keeps its event type's shape, like the
          // engine's own events.
          for (const event of batch) {
            const copy = { ...event, atMs: event.atMs + offset, seq: event.seq + seqBase };
            if ('contactId' in copy) {
              (copy as { contactId: string }).contactId = `${day}:${copy.contactId}`;
            }
            dayEvents.push(copy);
          }
          lastSeq = batch.at(-1)?.seq ?? lastSeq;
        },
      });
      // The day's events projected after its simulation, as a catch-up or a rebuild reads pages
      // of the log: timed in between simulator batches, the projection was charged with the
      // simulator's garbage collection and cold caches.
      const started = performance.now();
      for (const event of dayEvents) projection.apply(event);
      projectMs += performance.now() - started;
      events += dayEvents.length;
      seqBase += lastSeq;
      await flush();
    }
    await flush();
    projection = new Projection();
    const fromMs = 0;
    const toMs = settings.days * DAY_MS;
    const timings: number[] = [];
    let reportLines = 0;
    let queues = 0;
    for (let run = 0; run < settings.runs; run++) {
      progress('report', run / settings.runs);
      const started = performance.now();
      const read = await readWith(store, tenant.id, projection, {
        dimension: 'queue',
        fromMs,
        toMs,
        nowMs: toMs,
      });
      const report = buildReport(
        { dimension: 'queue', fromMs, toMs, intervalMinutes: 30, zone: 'UTC' },
        read.rows,
        read.pauses,
        read.ruleOf,
      );
      timings.push(performance.now() - started);
      reportLines = report.lines.length;
      queues = report.totals.length;
    }
    progress('report', 1);
    timings.sort((a, b) => a - b);
    return {
      database: settings.pg === undefined ? 'sqlite' : 'postgres',
      agents: settings.agents,
      days: settings.days,
      events,
      ingestEventsPerSec: Math.round(events / (projectMs / 1000)),
      rebuildSeconds: Number(((projectMs + writeMs) / 1000).toFixed(2)),
      rows,
      monthReportMs: Math.round(timings[timings.length >> 1] ?? 0),
      reportLines,
      queues,
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
    if (settings.pg !== undefined) await dropSchema(settings.pg, schema);
  }
}
