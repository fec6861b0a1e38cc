import { parseArgs } from 'node:util';
import { recordBenchmarkRun } from '../memory/floor-recording.ts';
import { timeFloor, type FloorTiming } from '../memory/floor.ts';
import { rewriteEstimate, type RewriteEstimate } from '../memory/rewrite-estimate.ts';
import {
  DEFAULT_SIZES_MB,
  measureLatencies,
  scatteredSizes,
  type LatencyTable,
} from '../memory/latency.ts';
import { WorkloadFailure } from '../workload/driver.ts';
import { FlagError, numberFlag, settingsOrExit } from '../workload/flags.ts';

export const name = 'bench-memory';
export const summary =
  "Measure this machine's memory latency and the engine benchmark's memory floor";

const USAGE = `Usage: relais bench-memory [--agents N,N…] [--ops N] [--seed N] [--sizes MB,MB…]
                           [--rounds N] [--skip-latency] [--skip-floor]

Two measurements behind the engine benchmark's 100,000/1,000-agent ratio.
Latency: a dependent pointer chase through one node per 64-byte line in a seeded random cycle,
in nanoseconds per load, for each size in MB of lines: dense (lines packed) and scattered (one
line per 4 KB page, so every load also needs a page translation; only sizes whose region stays
under 1 GB).
Floor: records a live run of \`relais bench\` (same network, workload and warm-up) and replays
its commands into a minimal engine that only finds each command's contact by id and touches
one 64-byte row of the contact and one of its agent, and of each offered contact and agent
(no routing, events, timers, queues or pools), in µs per recorded entry. In the same rounds,
taking turns with it, the rows model: the memory work of an engine whose state is 64-byte rows
in typed arrays (contact, agent, queue; pools' idle lists linked through the agents' rows; a
timer heap of contact rows; events allocated per command), routing left out; and the objects
model: the same work with contacts, agents, pools and queues as objects reached through
references, as the engine keeps them, so that the two differ by the layout alone. And the
real engine, replaying the same recording as \`relais bench\` replays it.
With two sizes or more, \`estimate\` compares the smallest and the largest: the engine's ratio
(its speed at the largest size over the smallest's), the ratio if a rewrite into rows took off
the engine's extra the share the rows model saves on the objects model's (rewriteRatio), and
the ratio if the engine's whole extra were the rows model's (rowsBoundRatio).
Progress goes to stderr; the last line on stdout is one JSON object.

Options:
  --agents N,N…   floor sizes, agents 1000 to 200000 each (default 1000,100000);
                  floorExtraUs (rowsExtraUs, objectsExtraUs) is the largest size's µs per
                  entry minus the smallest's, for the floor (the rows model, the objects model)
  --ops N         commands recorded after the warm-up, 1000 to 100000000 (default 1000000)
  --seed N        seed of the network, the workload and the chase, 0 to 4294967295 (default 1)
  --sizes MB,MB…  chase sizes in MB of lines, 1 to 1024 each (default ${DEFAULT_SIZES_MB.join(',')})
  --rounds N      replays per size of each of the four, from scratch; the medians are
                  kept, 1 to 20 (default 3)
  --skip-latency  measure the floor only
  --skip-floor    measure the latency only
  -h, --help      show this help`;

/** Dependent loads timed per chase size: about a second at 160 ns, the slowest size. */
const CHASE_STEPS = 5_000_000;

interface MemorySettings {
  agents: number[];
  ops: number;
  seed: number;
  sizesMb: number[];
  rounds: number;
  latency: boolean;
  floor: boolean;
}

/** A comma-separated list of integers within [min, max], sorted, without repeats. */
function listFlag(
  flag: string,
  raw: string | undefined,
  range: { min: number; max: number; fallback: readonly number[] },
): number[] {
  if (raw === undefined) return [...range.fallback];
  const values = raw.split(',').map((part) => Number(part.trim().replaceAll('_', '')));
  const bad = (value: number): boolean =>
    !Number.isInteger(value) || value < range.min || value > range.max;
  if (raw.trim() === '' || raw.split(',').some((part) => part.trim() === '') || values.some(bad)) {
    throw new FlagError(
      `--${flag}: expected integers from ${range.min} to ${range.max} separated by commas, ` +
        `got '${raw}'. For example: --${flag} ${range.fallback.join(',')}`,
    );
  }
  return [...new Set(values)].sort((a, b) => a - b);
}

function readSettings(argv: string[]): MemorySettings | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      agents: { type: 'string' },
      ops: { type: 'string' },
      seed: { type: 'string' },
      sizes: { type: 'string' },
      rounds: { type: 'string' },
      'skip-latency': { type: 'boolean' },
      'skip-floor': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) return 'help';
  const latency = values['skip-latency'] !== true;
  const floor = values['skip-floor'] !== true;
  if (!latency && !floor) {
    throw new FlagError('--skip-latency and --skip-floor together leave nothing to measure');
  }
  return {
    agents: listFlag('agents', values.agents, {
      min: 1000,
      max: 200_000,
      fallback: [1000, 100_000],
    }),
    ops: numberFlag('ops', values.ops, {
      min: 1000,
      max: 100_000_000,
      fallback: 1_000_000,
      integer: true,
    }),
    seed: numberFlag('seed', values.seed, { min: 0, max: 2 ** 32 - 1, fallback: 1, integer: true }),
    sizesMb: listFlag('sizes', values.sizes, { min: 1, max: 1024, fallback: DEFAULT_SIZES_MB }),
    rounds: numberFlag('rounds', values.rounds, { min: 1, max: 20, fallback: 3, integer: true }),
    latency,
    floor,
  };
}

const n = (value: number): string => value.toLocaleString('en-US');
const say = (line: string): void => console.error(`relais bench-memory: ${line}`);

function measureLatency(s: MemorySettings): LatencyTable {
  const scattered = scatteredSizes(s.sizesMb);
  say(
    `latency, ${n(CHASE_STEPS)} dependent loads per size: dense ${s.sizesMb.join(', ')} MB, ` +
      `scattered ${scattered.length === 0 ? 'none' : scattered.join(', ')} MB of lines`,
  );
  return measureLatencies(s.sizesMb, { steps: CHASE_STEPS, seed: s.seed }, (pattern, mb, ns) =>
    say(`  ${pattern.padEnd(9)} ${String(mb).padStart(4)} MB of lines: ${ns.toFixed(1)} ns a load`),
  );
}

function measureFloor(s: MemorySettings): FloorTiming[] {
  const timings: FloorTiming[] = [];
  for (const agents of s.agents) {
    say(`floor at ${n(agents)} agents: recording ${n(s.ops)} commands after the warm-up`);
    const recording = recordBenchmarkRun({ agents, ops: s.ops, seed: s.seed });
    say(`  replaying ${n(recording.commands.length)} entries, ${s.rounds} times`);
    const timing = timeFloor(recording, s.rounds);
    say(`  floor ${timing.usPerEntry} µs per entry, ${timing.usPerOp} µs per command (median)`);
    say(`  rows model ${timing.rowsUsPerEntry} µs per entry, ${timing.rowsUsPerOp} per command`);
    say(
      `  objects model ${timing.objectsUsPerEntry} µs per entry, ` +
        `${timing.objectsUsPerOp} per command`,
    );
    say(`  engine ${timing.engineUsPerEntry} µs per entry, ${timing.engineUsPerOp} per command`);
    timings.push(timing);
  }
  return timings;
}

/** The largest size's time per entry minus the smallest's, when there are two sizes or more. */
function extraUs(
  floor: readonly FloorTiming[] | null,
  field: 'usPerEntry' | 'rowsUsPerEntry' | 'objectsUsPerEntry',
): number | null {
  if (floor === null || floor.length < 2) return null;
  const smallest = floor[0] as FloorTiming;
  const largest = floor[floor.length - 1] as FloorTiming;
  return Number((largest[field] - smallest[field]).toFixed(4));
}

/** The rewrite estimate of the smallest and the largest size, said on stderr too. */
function estimateOf(floor: readonly FloorTiming[]): RewriteEstimate | null {
  const estimate = rewriteEstimate(floor[0] as FloorTiming, floor[floor.length - 1] as FloorTiming);
  if (estimate === null) {
    say('no estimate: the objects model is not slower at the largest size (sizes too close?)');
    return null;
  }
  say(
    `the engine's extra: ${estimate.engineExtraUs} µs per entry, ratio ${estimate.engineRatio}; ` +
      `rows save ${Math.round(estimate.rowsShare * 100)}% of the objects model's extra, so a ` +
      `rewrite into rows would give about ${estimate.rewriteRatio} ` +
      `(${estimate.rowsBoundRatio} if routing reached no cold memory)`,
  );
  return estimate;
}

export async function run(argv: string[]): Promise<number> {
  const settings = settingsOrExit(() => readSettings(argv), name, USAGE);
  if (typeof settings === 'number') return settings;
  try {
    const latencyNs = settings.latency ? measureLatency(settings) : null;
    const floor = settings.floor ? measureFloor(settings) : null;
    const floorExtraUs = extraUs(floor, 'usPerEntry');
    const rowsExtraUs = extraUs(floor, 'rowsUsPerEntry');
    if (floorExtraUs !== null)
      say(`the floor's extra, largest size against smallest: ${floorExtraUs} µs per entry`);
    const objectsExtraUs = extraUs(floor, 'objectsUsPerEntry');
    if (rowsExtraUs !== null) say(`the rows model's extra: ${rowsExtraUs} µs per entry`);
    if (objectsExtraUs !== null) say(`the objects model's extra: ${objectsExtraUs} µs per entry`);
    const estimate = floor !== null && floor.length >= 2 ? estimateOf(floor) : null;
    console.log(
      JSON.stringify({
        latencyNs,
        floor,
        floorExtraUs,
        rowsExtraUs,
        objectsExtraUs,
        estimate,
        ops: settings.ops,
        seed: settings.seed,
      }),
    );
    return Promise.resolve(0);
  } catch (error) {
    if (!(error instanceof WorkloadFailure)) throw error;
    say(`recording the benchmark failed: ${error.message}`);
    return Promise.resolve(1);
  }
}
