import { parseArgs } from 'node:util';
import type { AgentState } from '@relais/engine';
import { runDemoDay, type DemoDay } from '../workload/demo-day.ts';
import { WorkloadFailure } from '../workload/driver.ts';
import { numberFlag, settingsOrExit } from '../workload/flags.ts';

export const name = 'demo';
export const summary = 'Play a simulated day on a small demo network and print its KPIs';

const USAGE = `Usage: relais demo [--hours H] [--seed N] [--json]

Plays a simulated day on a demo network (3 sites in Casablanca, Rabat and Fès, 60 agents, four
French clients, queues by client and language) against the real routing engine, and prints
per-queue KPIs, agent occupancy, one routing decision and one "why is this contact waiting?".

Options:
  --hours H   hours of traffic, 0.1 to 24 (default 2)
  --seed N    seed of the network and the traffic, 0 to 4294967295 (default 1)
  --json      print the KPI rows as JSON instead of the report
  -h, --help  show this help`;

interface DemoSettings {
  hours: number;
  seed: number;
  json: boolean;
}

function readSettings(argv: string[]): DemoSettings | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      hours: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) return 'help';
  return {
    hours: numberFlag('hours', values.hours, { min: 0.1, max: 24, fallback: 2 }),
    seed: numberFlag('seed', values.seed, { min: 0, max: 2 ** 32 - 1, fallback: 1, integer: true }),
    json: values.json === true,
  };
}

const percent = (ratio: number | null): string =>
  ratio === null ? '—' : `${(ratio * 100).toFixed(1)}%`;
const seconds = (value: number | null): string => (value === null ? '—' : value.toFixed(1));

/** Engine time (ms since the start of the day) as hh:mm:ss. */
function clock(atMs: number): string {
  const s = Math.floor(atMs / 1000);
  return [Math.floor(s / 3600), Math.floor(s / 60) % 60, s % 60]
    .map((v) => String(v).padStart(2, '0'))
    .join(':');
}

function kpiTable(day: DemoDay): string[] {
  const header = ['queue', 'offered', 'answered', 'abandoned', 'SL 80/20', 'ASA s', 'AHT s'];
  const cells = day.rows.map((r) => [
    r.queueId,
    String(r.offered),
    String(r.answered),
    String(r.abandoned),
    percent(r.serviceLevel),
    seconds(r.asaSeconds),
    seconds(r.ahtSeconds),
  ]);
  const widths = header.map((h, i) =>
    Math.max(h.length, ...cells.map((row) => (row[i] as string).length)),
  );
  const line = (row: string[]): string =>
    row
      .map((cell, i) =>
        i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number),
      )
      .join('  ');
  const rule = '-'.repeat(widths.reduce((a, b) => a + b + 2, -2));
  return [
    line(header),
    rule,
    ...cells.slice(0, -1).map(line),
    rule,
    line(cells.at(-1) as string[]),
  ];
}

function decisionLines(day: DemoDay): string[] {
  const e = day.offer;
  if (!e) return ['Routing decision: none with several candidates today.'];
  const d = e.decision;
  return [
    `Routing decision (contact ${e.contactId} on ${e.queueId} at ${clock(e.atMs)}): offered to ${e.agentId}`,
    `  looked for by the ${d.trigger}; rule ${d.rule}; step ${d.step}; ${d.considered} considered; best first (lower score wins):`,
    ...d.candidates.map(
      (c) =>
        `    ${c.id.padEnd(10)} ${c.score.map((v, i) => `${d.scoreFields[i]}=${v}`).join('  ')}`,
    ),
  ];
}

function waitingLines(day: DemoDay): string[] {
  const w = day.waiting;
  if (!w) return ['Why waiting: no contact was still waiting at its first routing step today.'];
  const states = Object.entries(w.eligible.byState)
    .filter(([state, count]) => count > 0 && (state as AgentState) !== 'loggedOut')
    .map(([state, count]) => `${state} ${count}`)
    .join(', ');
  return [
    `Why waiting (contact ${w.contactId} on ${w.queueId}, after ${(w.waitedMs / 1000).toFixed(0)} s): ${w.reason}`,
    `  ${w.message}`,
    `  eligible agents: ${w.eligible.loggedIn} logged in, ${w.eligible.free} free${states ? ` (${states})` : ''}`,
  ];
}

function ewtLines(day: DemoDay): string[] {
  const e = day.ewt;
  return [
    'Estimated wait (EWT) given at arrival vs the wait of answered contacts:',
    `  ${e.contacts} contacts; mean wait ${e.meanWaitSeconds.toFixed(1)} s; mean absolute error ` +
      `${e.meanAbsoluteErrorSeconds.toFixed(1)} s; bias ${e.meanErrorSeconds.toFixed(1)} s (actual - estimate)`,
    '  EWT = time until an agent frees (half a handle time over the eligible agents) + contacts ahead x time between answers',
  ];
}

function report(day: DemoDay, seed: number): string {
  const sites = day.network.sites.map((s) => `${s.city} (${s.positions})`).join(', ');
  return [
    `Relais demo: ${day.hours} h of traffic on the demo network (seed ${seed})`,
    `  ${day.network.agents.length} agents in ${sites}; ${day.network.queues.length} queues`,
    `  clients: ${day.network.clients.map((c) => c.name).join(', ')}`,
    '',
    ...kpiTable(day),
    '',
    "SL: formula 'offered' = answered within 20 s / (answered + abandoned - abandoned within 5 s)",
    'ASA: queue wait of answered contacts; AHT: (talk + hold + wrap-up) / handled',
    `Agent occupancy: ${percent(day.occupancy)} (handling / (handling + available) over the day)`,
    '',
    ...decisionLines(day),
    '',
    ...waitingLines(day),
    '',
    ...ewtLines(day),
  ].join('\n');
}

export async function run(argv: string[]): Promise<number> {
  const settings = settingsOrExit(() => readSettings(argv), name, USAGE);
  if (typeof settings === 'number') return settings;
  try {
    const day = runDemoDay(settings.seed, settings.hours);
    console.log(settings.json ? JSON.stringify(day.rows, null, 2) : report(day, settings.seed));
    return Promise.resolve(0);
  } catch (error) {
    if (!(error instanceof WorkloadFailure)) throw error;
    console.error(`relais demo: the simulation failed: ${error.message}`);
    return 1;
  }
}
