import { parseArgs } from 'node:util';
import { FlagError, numberFlag, settingsOrExit } from '../workload/flags.ts';
import type { CacheProfile } from '../cache-profile/summary.ts';
import {
  profileCacheMisses,
  ProfileFailed,
  ValgrindMissing,
  type CacheSettings,
} from '../cache-profile/valgrind.ts';

export const name = 'bench-cache';
export const summary = "Count the routing engine's cache misses per command under valgrind";

const USAGE = `Usage: relais bench-cache [--agents N] [--window N] [--ll-mb M] [--seed N] [--top K]

Records a run of \`relais bench\`'s national network, replays it into a fresh engine under
valgrind's callgrind with a simulated cache, and counts the instructions and last-level cache
misses of the engine's thread over the last entries of the replay only (after the warm-up).
Figures are per command; engine figures are the JIT code of packages/engine. Needs valgrind
(apt-get install -y valgrind); takes 1 to 3 minutes at 100,000 agents. A summary goes to
stderr; the last line on stdout is one JSON object.

Options:
  --agents N   agents in the network, 1000 to 200000 (default 100000), as in relais bench
  --window N   recorded entries measured, 1000 to 1000000 (default 40000)
  --ll-mb M    simulated last-level cache in MB (16-way, 64-byte lines), a power of two
               from 1 to 256 (default 8, the effective last level of this VM)
  --seed N     seed of the network and the workload, 0 to 4294967295 (default 1)
  --top K      functions listed, by last-level read misses, 1 to 200 (default 15)
  -h, --help   show this help`;

function readSettings(argv: string[]): CacheSettings | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      agents: { type: 'string' },
      window: { type: 'string' },
      'll-mb': { type: 'string' },
      seed: { type: 'string' },
      top: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) return 'help';
  const llMb = numberFlag('ll-mb', values['ll-mb'], {
    min: 1,
    max: 256,
    fallback: 8,
    integer: true,
  });
  // Callgrind needs a power-of-two number of sets: size / (16 ways × 64 bytes).
  if ((llMb & (llMb - 1)) !== 0) {
    throw new FlagError(
      `--ll-mb: expected a power of two (1, 2, 4, … 256), got '${values['ll-mb']}'. For example: --ll-mb 8`,
    );
  }
  return {
    agents: numberFlag('agents', values.agents, {
      min: 1000,
      max: 200_000,
      fallback: 100_000,
      integer: true,
    }),
    window: numberFlag('window', values.window, {
      min: 1000,
      max: 1_000_000,
      fallback: 40_000,
      integer: true,
    }),
    llMb,
    seed: numberFlag('seed', values.seed, { min: 0, max: 2 ** 32 - 1, fallback: 1, integer: true }),
    top: numberFlag('top', values.top, { min: 1, max: 200, fallback: 15, integer: true }),
  };
}

const n = (value: number): string => value.toLocaleString('en-US');

function describe(p: CacheProfile): string {
  const lines = [
    `relais bench-cache: ${n(p.agents)} agents, ${n(p.commands)} commands measured (seed ${p.seed}), ${p.llMb} MB last level`,
    `  per command: ${n(p.irPerCommand)} instructions, ${p.llReadMissesPerCommand} last-level read misses, ${p.llWriteMissesPerCommand} write misses`,
    `  engine code: ${n(p.engineIrPerCommand)} instructions, ${p.engineLlReadMissesPerCommand} read misses, ${p.engineLlWriteMissesPerCommand} write misses`,
    '  read misses  write misses  instructions  function',
  ];
  for (const f of p.top) {
    lines.push(
      `  ${f.llReadMisses.toFixed(2).padStart(11)}  ${f.llWriteMisses.toFixed(2).padStart(12)}  ${n(f.ir).padStart(12)}  ${f.fn}${f.file === '' ? '' : ` (${f.file})`}`,
    );
  }
  return lines.join('\n');
}

export async function run(argv: string[]): Promise<number> {
  const settings = settingsOrExit(() => readSettings(argv), name, USAGE);
  if (typeof settings === 'number') return settings;
  const started = Date.now();
  const onPhase = (phase: string): void => {
    const seconds = Math.round((Date.now() - started) / 1000);
    console.error(`relais bench-cache: ${phase} (under valgrind, ${seconds} s)`);
  };
  try {
    const profile = await profileCacheMisses(settings, onPhase);
    console.error(describe(profile));
    console.log(JSON.stringify(profile));
    return 0;
  } catch (error) {
    if (!(error instanceof ValgrindMissing) && !(error instanceof ProfileFailed)) throw error;
    console.error(`relais bench-cache: ${error.message}`);
    return 1;
  }
}
