// The offered load of one queue on the command line: --calls N --period SECONDS --aht SECONDS,
// or --traffic ERLANGS --aht SECONDS.
import { FlagError } from '../workload/flags.ts';
import { optionalNumber, requiredNumber } from './wfm-flags.ts';

export const LOAD_OPTIONS = {
  calls: { type: 'string' },
  period: { type: 'string' },
  aht: { type: 'string' },
  traffic: { type: 'string' },
} as const;

export const LOAD_HELP = `  --calls N              contacts offered in the period (a rate: N per --period)
  --period SECONDS       length of the period (default 1800, half an hour)
  --aht SECONDS          average handling time, > 0
  --traffic ERLANGS      instead of --calls and --period: arrival rate × AHT`;

export interface LoadFlags {
  trafficErlangs: number;
  ahtSeconds: number;
}

export function readLoadFlags(
  values: Partial<Record<keyof typeof LOAD_OPTIONS, string>>,
): LoadFlags {
  const ahtSeconds = requiredNumber('aht', values.aht, 'positive', '180');
  if (values.traffic !== undefined) {
    if (values.calls !== undefined || values.period !== undefined) {
      throw new FlagError('give either --traffic or --calls with --period, not both');
    }
    return {
      trafficErlangs: requiredNumber('traffic', values.traffic, 'non-negative', '10'),
      ahtSeconds,
    };
  }
  const calls = requiredNumber('calls', values.calls, 'non-negative', '100');
  const period = optionalNumber('period', values.period, 'positive', '1800') ?? 1800;
  return { trafficErlangs: (calls / period) * ahtSeconds, ahtSeconds };
}
