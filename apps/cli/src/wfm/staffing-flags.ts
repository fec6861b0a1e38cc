// The load and targets flags of `relais staff` and `relais plan`.
import type { ErlangATargets, StaffingModel } from '@relais/wfm';
import { FlagError } from '../workload/flags.ts';
import { conventionFlag, modelFlag, optionalNumber, serviceLevelFlag } from './wfm-flags.ts';

export const STAFFING_OPTIONS = {
  sl: { type: 'string' },
  'max-abandon': { type: 'string' },
  'max-occupancy': { type: 'string' },
  'max-asa': { type: 'string' },
  shrinkage: { type: 'string' },
  model: { type: 'string' },
  patience: { type: 'string' },
  convention: { type: 'string' },
  fractional: { type: 'boolean' },
} as const;

export const STAFFING_HELP = `  --sl PERCENT/SECONDS   service-level target, e.g. 80/20 (80% answered within 20 s)
  --max-abandon F        largest P(abandon), a fraction, e.g. 0.05 (needs --model a)
  --max-occupancy F      largest occupancy, a fraction in (0, 1], e.g. 0.85
  --max-asa SECONDS      largest average speed of answer
  --shrinkage F          fraction of paid time off the phones, [0, 1) (default 0)
  --model c|a            Erlang C (no abandons, default) or Erlang A (needs --patience)
  --patience SECONDS     mean caller patience, for Erlang A
  --convention ID        Erlang A service level: offered (default), answered,
                         abandon-neutral or abandon-positive (KPI.md)
  --fractional           also report unrounded agents and positions`;

export interface StaffingFlags {
  model: StaffingModel;
  targets: ErlangATargets;
  shrinkage: number;
  patienceSeconds?: number;
  fractional: boolean;
}

type Values = Partial<Record<keyof typeof STAFFING_OPTIONS, string | boolean>>;

/** Reads the staffing flags; at least one target is required. */
export function readStaffingFlags(values: Values): StaffingFlags {
  const text = (key: keyof typeof STAFFING_OPTIONS): string | undefined => {
    const value = values[key];
    return typeof value === 'string' ? value : undefined;
  };
  const model = modelFlag(text('model'));
  const serviceLevel = serviceLevelFlag(text('sl'));
  const maxAbandonRate = optionalNumber('max-abandon', text('max-abandon'), 'fraction', '0.05');
  const maxOccupancy = optionalNumber(
    'max-occupancy',
    text('max-occupancy'),
    'fraction-or-one',
    '0.85',
  );
  const maxAsaSeconds = optionalNumber('max-asa', text('max-asa'), 'positive', '30');
  const shrinkage = optionalNumber('shrinkage', text('shrinkage'), 'shrinkage', '0.3') ?? 0;
  const patienceSeconds = optionalNumber('patience', text('patience'), 'positive', '180');
  const convention = conventionFlag(text('convention'));
  if (model === 'erlang-a' && patienceSeconds === undefined) {
    throw new FlagError(
      '--model a needs --patience SECONDS, the mean caller patience. For example: --patience 180',
    );
  }
  if (model === 'erlang-c' && (maxAbandonRate !== undefined || patienceSeconds !== undefined)) {
    throw new FlagError('--max-abandon and --patience need --model a: Erlang C has no abandons');
  }
  if (
    serviceLevel === undefined &&
    maxAbandonRate === undefined &&
    maxOccupancy === undefined &&
    maxAsaSeconds === undefined
  ) {
    throw new FlagError(
      'missing target: give --sl, --max-abandon, --max-occupancy or --max-asa. For example: --sl 80/20',
    );
  }
  const targets: ErlangATargets = {
    ...(serviceLevel === undefined ? {} : { serviceLevel }),
    ...(maxAbandonRate === undefined ? {} : { maxAbandonRate }),
    ...(maxOccupancy === undefined ? {} : { maxOccupancy }),
    ...(maxAsaSeconds === undefined ? {} : { maxAsaSeconds }),
    ...(convention === undefined ? {} : { convention }),
  };
  return {
    model,
    targets,
    shrinkage,
    ...(patienceSeconds === undefined ? {} : { patienceSeconds }),
    fractional: values.fractional === true,
  };
}
