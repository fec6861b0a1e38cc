import { parseArgs } from 'node:util';
import {
  erlangA,
  erlangB,
  erlangCMetrics,
  trafficForBlocking,
  trunksForBlocking,
  type ServiceLevelConvention,
} from '@relais/wfm';
import { reportingInputErrors } from '../wfm/command-errors.ts';
import { LOAD_HELP, LOAD_OPTIONS, readLoadFlags } from '../wfm/load-flags.ts';
import {
  conventionFlag,
  optionalNumber,
  requiredNumber,
  requiredWhole,
  rounded,
  wholeNumber,
} from '../wfm/wfm-flags.ts';
import { FlagError, settingsOrExit } from '../workload/flags.ts';

export const name = 'erlang';
export const summary = 'Erlang B, C and A: blocking, waiting, service level, abandonment';

const USAGE = `Usage: relais erlang b --traffic ERLANGS (--trunks N | --blocking F) [--json]
       relais erlang b --trunks N --blocking F [--json]
       relais erlang c (--calls N [--period S] | --traffic E) --aht S --agents N [--threshold S] [--json]
       relais erlang a (--calls N [--period S] | --traffic E) --aht S --agents N --patience S
                       [--threshold S] [--convention ID] [--json]

b: the blocking of N trunks offered a traffic; with --blocking instead, the least trunks meeting
   it, or (with --trunks) the traffic they carry at that blocking.
c: M/M/N, callers wait forever: P(wait), service level within --threshold, ASA, occupancy.
a: M/M/N+M, exponential patience: adds P(abandon); the service level is answered within the
   threshold over all offered (KPI.md 'offered', default; --convention picks another).

Options:
${LOAD_HELP}
  --agents N             agents (whole number ≥ 1)
  --threshold SECONDS    service-level threshold (default 20)
  --patience SECONDS     mean patience (Erlang A)
  --convention ID        offered, answered, abandon-neutral or abandon-positive
  --trunks N             trunks (Erlang B)
  --blocking F           a blocking target, a fraction (Erlang B)
  --json                 one JSON object, the last line on stdout
  -h, --help             show this help`;

type Result = Record<string, number | string>;

function readAndCompute(argv: string[]): { json: boolean; result: Result } | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      ...LOAD_OPTIONS,
      agents: { type: 'string' },
      threshold: { type: 'string' },
      patience: { type: 'string' },
      convention: { type: 'string' },
      trunks: { type: 'string' },
      blocking: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) return 'help';
  const [model, ...extra] = positionals;
  if (model === undefined || !['b', 'c', 'a'].includes(model) || extra.length > 0) {
    throw new FlagError(
      `expected one model, b, c or a, got '${positionals.join(' ')}'. For example: relais erlang c --calls 100 --aht 180 --agents 14`,
    );
  }
  const json = values.json === true;
  if (model === 'b') return { json, result: erlangBResult(values) };
  const load = readLoadFlags(values);
  const agents = requiredWhole('agents', values.agents, 1, 1_000_000, 14);
  const threshold = optionalNumber('threshold', values.threshold, 'non-negative', '20') ?? 20;
  if (model === 'c') {
    const m = erlangCMetrics({ ...load, agents }, threshold);
    if (load.trafficErlangs >= agents) {
      // JSON has no Infinity: the ASA is written null, and the reason said here.
      console.error(
        `relais erlang: ${agents} agents for ${rounded(load.trafficErlangs)} Erlangs: the queue grows without bound (Erlang C needs more agents than the traffic)`,
      );
    }
    return {
      json,
      result: {
        agents,
        trafficErlangs: rounded(load.trafficErlangs),
        pWait: rounded(m.pWait),
        serviceLevel: rounded(m.serviceLevel),
        asaSeconds: rounded(m.asaSeconds, 3),
        occupancy: rounded(m.occupancy),
      },
    };
  }
  const patienceSeconds = requiredNumber('patience', values.patience, 'positive', '180');
  const convention: ServiceLevelConvention = conventionFlag(values.convention) ?? 'offered';
  const m = erlangA({ ...load, agents, patienceSeconds }, threshold);
  return {
    json,
    result: {
      agents,
      trafficErlangs: rounded(load.trafficErlangs),
      pWait: rounded(m.pWait),
      pAbandon: rounded(m.pAbandon),
      serviceLevel: rounded(m.serviceLevel[convention]),
      convention,
      asaSeconds: rounded(m.asaSeconds, 3),
      occupancy: rounded(m.occupancy),
    },
  };
}

function erlangBResult(values: { traffic?: string; trunks?: string; blocking?: string }): Result {
  const blocking = optionalNumber('blocking', values.blocking, 'fraction', '0.01');
  if (values.traffic === undefined) {
    if (blocking === undefined || values.trunks === undefined) {
      throw new FlagError(
        'erlang b needs --traffic with --trunks or --blocking, or --trunks with --blocking',
      );
    }
    const trunks = wholeNumber('trunks', values.trunks, 1, 1_000_000, 15);
    return { trunks, blocking, trafficErlangs: rounded(trafficForBlocking(trunks, blocking)) };
  }
  const traffic = requiredNumber('traffic', values.traffic, 'non-negative', '10');
  if (values.trunks !== undefined) {
    if (blocking !== undefined)
      throw new FlagError('with --traffic give --trunks or --blocking, not both');
    const trunks = wholeNumber('trunks', values.trunks, 1, 1_000_000, 17);
    return { trunks, trafficErlangs: traffic, blocking: rounded(erlangB(trunks, traffic), 8) };
  }
  if (blocking === undefined) throw new FlagError('with --traffic give --trunks N or --blocking F');
  return { trafficErlangs: traffic, blocking, trunks: trunksForBlocking(traffic, blocking) };
}

export function run(argv: string[]): Promise<number> {
  return Promise.resolve(
    reportingInputErrors(name, () => {
      const settings = settingsOrExit(() => readAndCompute(argv), name, USAGE);
      if (typeof settings === 'number') return settings;
      const { json, result } = settings;
      console.log(
        json
          ? JSON.stringify(result)
          : Object.entries(result)
              .map(([key, value]) => `${key.padEnd(15)} ${value}`)
              .join('\n'),
      );
      return 0;
    }),
  );
}
