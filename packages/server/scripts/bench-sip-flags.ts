// The flags of `npm run bench:sip-server`, checked before anything starts: a bad one is refused
// with what was wrong and how to fix it (exit code 2).
import { parseArgs } from 'node:util';

export interface BenchSipFlags {
  readonly rate: number;
  readonly seconds: number;
  readonly holdMs: number;
  readonly media: boolean;
  /** Agents logged in with a registered phone; default: enough for rate × hold, plus a margin. */
  readonly agents: number;
  readonly musicSeconds: number;
}

export class BenchFlagError extends Error {
  override readonly name = 'BenchFlagError';
}

export const BENCH_SIP_USAGE =
  'usage: npm run bench:sip-server -- [--rate 200] [--seconds 60] [--hold-ms 10000] [--media] ' +
  '[--agents N] [--music-seconds 2]';

export function readBenchSipFlags(argv: readonly string[]): BenchSipFlags {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        rate: { type: 'string', default: '200' },
        seconds: { type: 'string', default: '60' },
        'hold-ms': { type: 'string', default: '10000' },
        media: { type: 'boolean', default: false },
        agents: { type: 'string' },
        'music-seconds': { type: 'string', default: '2' },
      },
    }));
  } catch (error) {
    throw new BenchFlagError(`${(error as Error).message}\n${BENCH_SIP_USAGE}`);
  }
  const rate = positive('rate', values.rate);
  const seconds = positive('seconds', values.seconds);
  const holdMs = positive('hold-ms', values['hold-ms']);
  // Every call alive at once holds an agent; the margin covers calls still being set up.
  const needed = Math.ceil(rate * (holdMs / 1000 + 2)) + 50;
  const agents = values.agents === undefined ? needed : whole('agents', values.agents);
  return {
    rate,
    seconds,
    holdMs,
    media: values.media,
    agents,
    musicSeconds: positive('music-seconds', values['music-seconds']),
  };
}

function positive(name: string, text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !Number.isFinite(value) || value <= 0)
    throw new BenchFlagError(`--${name} must be a positive number, got "${text}"`);
  return value;
}

function whole(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1 || value > 50_000)
    throw new BenchFlagError(`--${name} must be a whole number from 1 to 50000, got "${text}"`);
  return value;
}
