import { parseArgs } from 'node:util';
import { staffQueue } from '@relais/wfm';
import { reportingInputErrors } from '../wfm/command-errors.ts';
import { LOAD_HELP, LOAD_OPTIONS, readLoadFlags } from '../wfm/load-flags.ts';
import { readStaffingFlags, STAFFING_HELP, STAFFING_OPTIONS } from '../wfm/staffing-flags.ts';
import { rounded } from '../wfm/wfm-flags.ts';
import { settingsOrExit } from '../workload/flags.ts';

export const name = 'staff';
export const summary =
  'Least agents and positions meeting service-level, abandon, ASA and occupancy targets';

const USAGE = `Usage: relais staff (--calls N [--period S] | --traffic E) --aht S TARGETS [options] [--json]

The least agents on the phones meeting every target given, by Erlang C (default) or Erlang A,
and the positions to schedule: ceil(agents / (1 − shrinkage)). The measures printed are those
at that agent count. Example: relais staff --calls 100 --period 1800 --aht 180 --sl 80/20
--shrinkage 0.3 → 14 agents, 20 positions.

Options:
${LOAD_HELP}
${STAFFING_HELP}
  --json                 one JSON object, the last line on stdout
  -h, --help             show this help`;

function readSettings(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      ...LOAD_OPTIONS,
      ...STAFFING_OPTIONS,
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) return 'help' as const;
  return {
    load: readLoadFlags(values),
    staffing: readStaffingFlags(values),
    json: values.json === true,
  };
}

export function run(argv: string[]): Promise<number> {
  return Promise.resolve(
    reportingInputErrors(name, () => {
      const settings = settingsOrExit(() => readSettings(argv), name, USAGE);
      if (typeof settings === 'number') return settings;
      const { load, staffing, json } = settings;
      const r = staffQueue({
        model: staffing.model,
        load: {
          ...load,
          ...(staffing.patienceSeconds === undefined
            ? {}
            : { patienceSeconds: staffing.patienceSeconds }),
        },
        targets: staffing.targets,
        shrinkage: staffing.shrinkage,
        fractional: staffing.fractional,
      });
      const result = {
        agents: r.agents,
        positions: r.positions,
        ...(r.fractionalAgents === undefined
          ? {}
          : {
              fractionalAgents: rounded(r.fractionalAgents, 4),
              fractionalPositions: rounded(r.fractionalPositions ?? 0, 4),
            }),
        model: staffing.model,
        trafficErlangs: rounded(r.trafficErlangs),
        serviceLevel: rounded(r.serviceLevel),
        pWait: rounded(r.pWait),
        pAbandon: rounded(r.pAbandon),
        asaSeconds: rounded(r.asaSeconds, 3),
        occupancy: rounded(r.occupancy),
      };
      console.log(
        json
          ? JSON.stringify(result)
          : Object.entries(result)
              .map(([key, value]) => `${key.padEnd(20)} ${value}`)
              .join('\n'),
      );
      return 0;
    }),
  );
}
