// `relais serve --training`: a server for training agents and planners on outbound campaigns.
// Its clock may start at a chosen instant (the French gate only dials on weekdays 10:00–13:00
// and 14:00–20:00 in Paris, so a class held in the evening needs a Tuesday morning) and its
// simulated called party may pick up as the trainer wants. A shifted clock on a real server
// would make the compliance gate check the wrong hours: it is refused without --training.
import type { CalledPartySpec } from '@relais/sim';
import { DEFAULT_CALLED_PARTY } from '@relais/server';
import { FlagError } from '../workload/flags.ts';

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The instant `--clock-start` names; it must carry its UTC offset (Z or ±hh:mm) and not be before
 * `realNowMs`: session cookies expire on the server's clock, and a browser drops one whose expiry
 * its own clock has passed, so nobody could stay signed in.
 */
export function clockStartFlag(
  raw: string | undefined,
  training: boolean,
  realNowMs: number,
): number | undefined {
  if (raw === undefined) return undefined;
  if (!training)
    throw new FlagError(
      '--clock-start needs --training: a shifted clock makes the compliance gate check the ' +
        'wrong hours, so only a training server may have one',
    );
  const ms = WITH_OFFSET.test(raw) ? Date.parse(raw) : Number.NaN;
  if (Number.isNaN(ms))
    throw new FlagError(
      `--clock-start: expected a date and time with its UTC offset, got '${raw}'. ` +
        'For example: --clock-start 2026-12-01T10:30:00+01:00 (a Tuesday, 10:30 in Paris)',
    );
  if (ms < realNowMs)
    throw new FlagError(
      `--clock-start: ${raw} is before this machine's time (${new Date(realNowMs).toISOString()}); ` +
        'session cookies would expire at once in the browser. Choose a later instant, such as ' +
        'the next weekday at 10:30 in Paris',
    );
  return ms;
}

/**
 * A clock that reads `startMs` now and then moves with the real one, second for second (the
 * server's sessions, engine and dialer all read it). `realNow` is the machine's clock.
 */
export function shiftedClock(startMs: number, realNow: () => number): () => number {
  const offset = startMs - realNow();
  return () => realNow() + offset;
}

const RATES = {
  answer: 'answerRate',
  machine: 'machineShare',
  busy: 'busyRate',
  wrong: 'wrongNumberRate',
  failed: 'failedRate',
} as const;
const DURATIONS = { ring: 'ringSeconds', talk: 'talkSeconds' } as const;
const KEYS = [...Object.keys(RATES), ...Object.keys(DURATIONS)];
const EXAMPLE =
  '--simulated-called-party answer=1,machine=0,busy=0,wrong=0,failed=0,ring=4,talk=600';

/**
 * `--simulated-called-party answer=0.4,machine=0.1,ring=6,talk=120`: the simulated callee's
 * figures. Rates are shares of all calls (machine: of the calls picked up), from 0 to 1; ring and
 * talk are fixed durations in seconds. Keys not given keep DEFAULT_CALLED_PARTY's figures.
 */
export function calledPartyFlag(raw: string | undefined): CalledPartySpec | undefined {
  if (raw === undefined) return undefined;
  const fail = (problem: string): FlagError =>
    new FlagError(`--simulated-called-party: ${problem}. For example: ${EXAMPLE}`);
  const spec: CalledPartySpec = { ...DEFAULT_CALLED_PARTY };
  const seen = new Set<string>();
  for (const part of raw.split(',')) {
    const [key = '', value, ...more] = part.split('=').map((piece) => piece.trim());
    if (value === undefined || more.length > 0 || key === '')
      throw fail(`expected KEY=VALUE pairs separated by commas, got '${part}'`);
    if (!KEYS.includes(key)) throw fail(`unknown key '${key}' (keys: ${KEYS.join(', ')})`);
    if (seen.has(key)) throw fail(`'${key}' is given twice`);
    seen.add(key);
    const number = value === '' ? Number.NaN : Number(value);
    if (key in RATES) {
      if (!(number >= 0 && number <= 1))
        throw fail(`${key}: expected a share from 0 to 1, got '${value}'`);
      spec[RATES[key as keyof typeof RATES]] = number;
    } else {
      if (!(number > 0 && number <= 3600))
        throw fail(`${key}: expected seconds above 0, at most 3600, got '${value}'`);
      spec[DURATIONS[key as keyof typeof DURATIONS]] = { dist: 'fixed', value: number };
    }
  }
  const sum = spec.answerRate + spec.busyRate + spec.wrongNumberRate + spec.failedRate;
  if (sum > 1 + 1e-9)
    throw fail(
      `answer ${spec.answerRate} + busy ${spec.busyRate} + wrong ${spec.wrongNumberRate} + ` +
        `failed ${spec.failedRate} is ${Number(sum.toFixed(4))}, above 1 (each is a share of ` +
        'all calls; give the others too, e.g. busy=0)',
    );
  return spec;
}
