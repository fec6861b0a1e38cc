// Flag readers shared by the WFM commands (erlang, staff, forecast, plan). Each throws a
// FlagError whose message names the flag, what is expected and an example, so the command
// exits with code 2 and says how to fix the line.
import type { ErlangATargets, ServiceLevelConvention, StaffingModel } from '@relais/wfm';
import { FlagError } from '../workload/flags.ts';

const CONVENTIONS: readonly ServiceLevelConvention[] = [
  'offered',
  'answered',
  'abandon-neutral',
  'abandon-positive',
];

/** A number flag that must be given. */
export function requiredNumber(
  name: string,
  raw: string | undefined,
  rule: 'positive' | 'non-negative',
  example: string,
): number {
  if (raw === undefined)
    throw new FlagError(`missing --${name}. For example: --${name} ${example}`);
  return checkedNumber(name, raw, rule, example);
}

/** A number flag that may be absent. */
export function optionalNumber(
  name: string,
  raw: string | undefined,
  rule: 'positive' | 'non-negative' | 'fraction' | 'fraction-or-one' | 'shrinkage',
  example: string,
): number | undefined {
  return raw === undefined ? undefined : checkedNumber(name, raw, rule, example);
}

const RULES = {
  positive: { test: (v: number) => v > 0, words: 'a number > 0' },
  'non-negative': { test: (v: number) => v >= 0, words: 'a number ≥ 0' },
  fraction: {
    test: (v: number) => v > 0 && v < 1,
    words: 'a fraction between 0 and 1 (exclusive)',
  },
  'fraction-or-one': { test: (v: number) => v > 0 && v <= 1, words: 'a fraction in (0, 1]' },
  shrinkage: { test: (v: number) => v >= 0 && v < 1, words: 'a fraction in [0, 1)' },
} as const;

function checkedNumber(
  name: string,
  raw: string,
  rule: keyof typeof RULES,
  example: string,
): number {
  const value = Number(raw.replaceAll('_', ''));
  if (raw.trim() === '' || !Number.isFinite(value) || !RULES[rule].test(value)) {
    throw new FlagError(
      `--${name}: expected ${RULES[rule].words}, got '${raw}'. For example: --${name} ${example}`,
    );
  }
  return value;
}

/** A whole number flag that must be given, within [min, max]. */
export function requiredWhole(
  name: string,
  raw: string | undefined,
  min: number,
  max: number,
  example: number,
): number {
  if (raw === undefined)
    throw new FlagError(`missing --${name}. For example: --${name} ${example}`);
  return wholeNumber(name, raw, min, max, example);
}

/** A whole number flag within [min, max]. */
export function wholeNumber(
  name: string,
  raw: string | undefined,
  min: number,
  max: number,
  fallback: number,
): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new FlagError(
      `--${name}: expected a whole number from ${min} to ${max}, got '${raw}'. For example: --${name} ${fallback}`,
    );
  }
  return value;
}

/** `--sl 80/20` → 80% within 20 seconds; the percentage may be written 0.8. */
export function serviceLevelFlag(raw: string | undefined): ErlangATargets['serviceLevel'] {
  if (raw === undefined) return undefined;
  const match = /^(\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/.exec(raw.trim());
  const percent = Number(match?.[1]);
  const fraction = percent > 1 ? percent / 100 : percent;
  if (match === null || !(fraction > 0 && fraction < 1)) {
    throw new FlagError(
      `--sl: expected PERCENT/SECONDS with a percentage strictly between 0 and 100, got '${raw}'. For example: --sl 80/20`,
    );
  }
  return { fraction, thresholdSeconds: Number(match[2]) };
}

/** `--model c|a` (or erlang-c / erlang-a). */
export function modelFlag(raw: string | undefined): StaffingModel {
  if (raw === undefined || raw === 'c' || raw === 'erlang-c') return 'erlang-c';
  if (raw === 'a' || raw === 'erlang-a') return 'erlang-a';
  throw new FlagError(
    `--model: expected c (Erlang C) or a (Erlang A), got '${raw}'. For example: --model a`,
  );
}

/** `--convention offered|answered|abandon-neutral|abandon-positive` (KPI.md ids). */
export function conventionFlag(raw: string | undefined): ServiceLevelConvention | undefined {
  if (raw === undefined) return undefined;
  if ((CONVENTIONS as readonly string[]).includes(raw)) return raw as ServiceLevelConvention;
  throw new FlagError(`--convention: expected one of ${CONVENTIONS.join(', ')}, got '${raw}'`);
}

/** One of a fixed list of words. */
export function choiceFlag<T extends string>(
  name: string,
  raw: string | undefined,
  choices: readonly T[],
  fallback: T,
): T {
  if (raw === undefined) return fallback;
  if ((choices as readonly string[]).includes(raw)) return raw as T;
  throw new FlagError(`--${name}: expected one of ${choices.join(', ')}, got '${raw}'`);
}

/** Rounds for JSON output: figures keep 6 significant decimals at most. */
export function rounded(value: number, decimals = 6): number {
  if (!Number.isFinite(value)) return value;
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
}
