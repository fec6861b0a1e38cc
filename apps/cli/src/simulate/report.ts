/** The readable summary of a SimulationResult: a table per queue and in total, with formulas. */
import type { KpiFigures, Scenario, SimulationResult } from '@relais/sim';

/** KPI.md: abandons within this many seconds are "short" (the simulator's threshold). */
const SHORT_ABANDON_SECONDS = 5;

const n = (value: number, digits = 0): string =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

interface Column {
  title: string;
  cell(value: KpiFigures, halfWidth: KpiFigures): string;
}

const count =
  (key: 'offered' | 'answered' | 'abandoned' | 'blocked') =>
  (v: KpiFigures, h: KpiFigures): string =>
    `${n(v[key], 1)} ±${n(h[key], 1)}`;
const rate =
  (key: 'serviceLevel' | 'abandonRate' | 'occupancy') =>
  (v: KpiFigures, h: KpiFigures): string =>
    `${n(v[key] * 100, 1)}% ±${n(h[key] * 100, 1)}`;
const seconds =
  (key: 'asaSeconds' | 'ahtSeconds') =>
  (v: KpiFigures, h: KpiFigures): string =>
    `${n(v[key], 1)} ±${n(h[key], 1)}`;

const COLUMNS: readonly Column[] = [
  { title: 'offered', cell: count('offered') },
  { title: 'answered', cell: count('answered') },
  { title: 'abandoned', cell: count('abandoned') },
  { title: 'blocked', cell: count('blocked') },
  { title: 'SL', cell: rate('serviceLevel') },
  { title: 'ASA s', cell: seconds('asaSeconds') },
  { title: 'abandon', cell: rate('abandonRate') },
  { title: 'occupancy', cell: rate('occupancy') },
  { title: 'AHT s', cell: seconds('ahtSeconds') },
];

/** The rows of the table: one per queue, a rule, then the total. */
function table(result: SimulationResult): string[] {
  const row = (name: string, v: KpiFigures, h: KpiFigures): string[] => [
    name,
    ...COLUMNS.map((c) => c.cell(v, h)),
  ];
  const queues = Object.entries(result.queues).map(([id, figures]) =>
    row(id, figures, result.ci95.queues[id] ?? figures),
  );
  const total = row('total', result.totals, result.ci95.totals);
  const header = ['queue', ...COLUMNS.map((c) => c.title)];
  const all = [header, ...queues, total];
  const widths = header.map((_, i) => Math.max(...all.map((cells) => (cells[i] as string).length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) =>
        i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number),
      )
      .join('  ')
      .trimEnd();
  const rule = '-'.repeat(widths.reduce((a, b) => a + b + 2, -2));
  return [line(header), rule, ...queues.map(line), rule, line(total)];
}

/** The service-level formula of KPI.md in words, for threshold `t` seconds. */
export function formulaText(formula: string, t: number): string {
  switch (formula) {
    case 'answered':
      return `answered within ${t} s / answered`;
    case 'offered':
      return `answered within ${t} s / (answered + abandoned - abandoned within ${SHORT_ABANDON_SECONDS} s)`;
    case 'abandon-neutral':
      return `answered within ${t} s / (answered + abandoned - abandoned within ${t} s)`;
    case 'abandon-positive':
      return `(answered within ${t} s + abandoned within ${t} s) / (answered + abandoned)`;
    default:
      return formula;
  }
}

/** One line per distinct service-level rule, naming the queues that use it. */
function formulaLines(scenario: Scenario): string[] {
  const byRule = new Map<string, string[]>();
  for (const queue of scenario.queues) {
    const { thresholdSeconds, target, formula } = queue.serviceLevel;
    const rule = `${n(target * 100)}/${n(thresholdSeconds)}, formula '${formula}' = ${formulaText(formula, thresholdSeconds)}`;
    byRule.set(rule, [...(byRule.get(rule) ?? []), queue.id]);
  }
  return [...byRule].map(([rule, queues]) => `  ${queues.join(', ')}: ${rule}`);
}

const plural = (value: number, word: string): string =>
  `${n(value)} ${word}${value === 1 ? '' : 's'}`;

/** The summary printed by `relais simulate` without --json. */
export function report(result: SimulationResult, scenario: Scenario): string {
  const { perf } = result;
  return [
    `relais simulate: ${result.scenario}: ${plural(result.replications, 'replication')} of ${plural(result.days, 'day')} (seed ${result.seed})`,
    '',
    ...table(result),
    '',
    'Counts are means per day; ± is the half-width of the 95% confidence interval across replications.',
    'Service level (SL) per queue, target/threshold and KPI.md formula:',
    ...formulaLines(scenario),
    '  total: the queues’ SL weighted by their answered contacts',
    `ASA: queue wait of answered contacts. Abandon: (abandoned - abandoned within ${SHORT_ABANDON_SECONDS} s) / (offered - abandoned within ${SHORT_ABANDON_SECONDS} s).`,
    'Occupancy: handling / (handling + available) of the agents able to serve the queue. AHT: (talk + wrap-up) / handled.',
    '',
    `${n(perf.contacts)} contacts, ${n(perf.events)} events in ${n(perf.wallSeconds, 2)} s (${n(perf.contactsPerSec)} contacts/s)`,
  ].join('\n');
}
