import { WfmError } from '../errors.ts';
import {
  requireFractionUpToOne,
  requireNonNegative,
  requireOpenFraction,
  requirePositive,
} from './arguments.ts';
import {
  erlangAFromBlocking,
  type ErlangAMetrics,
  type ServiceLevelConvention,
} from './erlang-a.ts';
import { BlockingTable } from './erlang-b.ts';
import { metricsFromBlocking, type ErlangCMetrics } from './erlang-c.ts';
import {
  requirePatientLoad,
  requireTrafficLoad,
  type PatientLoad,
  type TrafficLoad,
} from './traffic.ts';

// Every measure improves as agents are added (P(wait), ASA and abandonment fall, service levels
// rise), so the least agent count meeting all targets is found by galloping from the traffic
// (A agents, in Erlangs) and bisecting: O(log) evaluations, B(n) computed once by BlockingTable.

/** At least `fraction` of contacts within `thresholdSeconds`, e.g. 80/20 = { 0.8, 20 }. */
export interface ServiceLevelTarget {
  readonly fraction: number;
  readonly thresholdSeconds: number;
}

/** Targets for Erlang C staffing; at least one must be given, all given must be met. */
export interface ErlangCTargets {
  readonly serviceLevel?: ServiceLevelTarget;
  /** Largest acceptable average speed of answer, in seconds. */
  readonly maxAsaSeconds?: number;
  /** Largest acceptable occupancy, a fraction in (0, 1]. */
  readonly maxOccupancy?: number;
}

/** Targets for Erlang A staffing; the service level uses `convention` (default KPI.md's `offered`). */
export interface ErlangATargets extends ErlangCTargets {
  readonly convention?: ServiceLevelConvention;
  /** Largest acceptable P(abandon), a fraction in (0, 1). */
  readonly maxAbandonRate?: number;
}

/**
 * Least agents meeting every given Erlang C target for `load`; `hint` (e.g. the previous
 * interval's answer) is where the search starts, which saves evaluations when it is close;
 * `table`, B(n) for this traffic, may be shared with the caller.
 */
export function leastAgentsErlangC(
  load: TrafficLoad,
  targets: ErlangCTargets,
  hint?: number,
  table?: BlockingTable,
): number {
  return staffErlangC(load, targets, hint, table).metrics.agents;
}

/** leastAgentsErlangC with the measures at the answer (taken from the search, not recomputed). */
export function staffErlangC(
  load: TrafficLoad,
  targets: ErlangCTargets,
  hint?: number,
  table?: BlockingTable,
): { metrics: ErlangCMetrics } {
  requireTrafficLoad(load);
  requireTargets(targets);
  const blocking = sharedTable(table, load.trafficErlangs);
  const thresholdSeconds = targets.serviceLevel?.thresholdSeconds ?? 0;
  const stable = Math.floor(load.trafficErlangs) + 1; // fewer agents never empty the queue
  let met: ErlangCMetrics | undefined; // the last count meeting the targets is the answer
  leastAgents(load, targets, stable, hint, (agents) => {
    const m = metricsFromBlocking({ ...load, agents }, thresholdSeconds, blocking.at(agents));
    const meets =
      (targets.serviceLevel === undefined || m.serviceLevel >= targets.serviceLevel.fraction) &&
      (targets.maxAsaSeconds === undefined || m.asaSeconds <= targets.maxAsaSeconds) &&
      (targets.maxOccupancy === undefined || m.occupancy <= targets.maxOccupancy);
    if (meets) met = m;
    return meets;
  });
  return { metrics: met as ErlangCMetrics };
}

/** Least agents meeting every given Erlang A target for `load`; `hint`, `table` as for Erlang C. */
export function leastAgentsErlangA(
  load: PatientLoad,
  targets: ErlangATargets,
  hint?: number,
  table?: BlockingTable,
): number {
  return staffErlangA(load, targets, hint, table).metrics.agents;
}

/** leastAgentsErlangA with the measures at the answer (taken from the search, not recomputed). */
export function staffErlangA(
  load: PatientLoad,
  targets: ErlangATargets,
  hint?: number,
  table?: BlockingTable,
): { metrics: ErlangAMetrics } {
  requirePatientLoad(load);
  requireTargets(targets);
  if (targets.maxAbandonRate !== undefined) {
    requireOpenFraction(targets.maxAbandonRate, 'maxAbandonRate');
  }
  const blocking = sharedTable(table, load.trafficErlangs);
  const thresholdSeconds = targets.serviceLevel?.thresholdSeconds ?? 0;
  const convention = targets.convention ?? 'offered';
  let met: ErlangAMetrics | undefined; // the last count meeting the targets is the answer
  leastAgents(load, targets, 1, hint, (agents) => {
    const m = erlangAFromBlocking({ ...load, agents }, thresholdSeconds, blocking.at(agents));
    const meets = meetsErlangA(m, targets, convention);
    if (meets) met = m;
    return meets;
  });
  return { metrics: met as ErlangAMetrics };
}

/** The caller's table of B(n) when it is for this traffic (the staffing of a plan shares one). */
function sharedTable(table: BlockingTable | undefined, trafficErlangs: number): BlockingTable {
  return table !== undefined && table.trafficErlangs === trafficErlangs
    ? table
    : new BlockingTable(trafficErlangs);
}

function meetsErlangA(
  m: ErlangAMetrics,
  targets: ErlangATargets,
  convention: ServiceLevelConvention,
): boolean {
  return (
    (targets.serviceLevel === undefined ||
      m.serviceLevel[convention] >= targets.serviceLevel.fraction) &&
    (targets.maxAsaSeconds === undefined || m.asaSeconds <= targets.maxAsaSeconds) &&
    (targets.maxOccupancy === undefined || m.occupancy <= targets.maxOccupancy) &&
    (targets.maxAbandonRate === undefined || m.pAbandon <= targets.maxAbandonRate)
  );
}

function requireTargets(targets: ErlangATargets): void {
  const { serviceLevel, maxAsaSeconds, maxOccupancy, maxAbandonRate } = targets;
  if (
    serviceLevel === undefined &&
    maxAsaSeconds === undefined &&
    maxOccupancy === undefined &&
    maxAbandonRate === undefined
  ) {
    throw new WfmError('InvalidArgument', 'targets: expected at least one target, got none', {
      argument: 'targets',
    });
  }
  if (serviceLevel !== undefined) {
    requireOpenFraction(serviceLevel.fraction, 'serviceLevel.fraction');
    requireNonNegative(serviceLevel.thresholdSeconds, 'serviceLevel.thresholdSeconds');
  }
  if (maxAsaSeconds !== undefined) requirePositive(maxAsaSeconds, 'maxAsaSeconds');
  if (maxOccupancy !== undefined) requireFractionUpToOne(maxOccupancy, 'maxOccupancy');
}

/**
 * The least n ≥ `floor` with `meets(n)`, for `meets` monotone in n: gallop from about A, then
 * bisect. Gives up past A + 60√A + 100 agents (or A / maxOccupancy beyond that), where every
 * reachable target is met: Erlang C's P(wait) is then below 1e-300.
 */
function leastAgents(
  load: TrafficLoad,
  targets: ErlangATargets,
  floor: number,
  hint: number | undefined,
  meets: (agents: number) => boolean,
): number {
  const traffic = load.trafficErlangs;
  const occupancyFloor =
    targets.maxOccupancy === undefined ? 0 : Math.ceil(traffic / targets.maxOccupancy);
  const cap = Math.ceil(Math.max(traffic, occupancyFloor) + 60 * Math.sqrt(traffic) + 100);
  let low = floor - 1; // does not meet (or below the floor)
  let high: number; // meets
  const guess =
    hint !== undefined && Number.isFinite(hint) ? Math.round(hint) : Math.round(traffic);
  const start = Math.min(cap, Math.max(floor, guess, occupancyFloor));
  if (meets(start)) {
    high = start;
    for (let step = 1; high - step >= floor; step *= 2) {
      if (!meets(high - step)) {
        low = high - step;
        break;
      }
      high -= step;
    }
  } else {
    low = start;
    for (let step = 1; ; step *= 2) {
      const next = Math.min(cap, low + step);
      if (meets(next)) {
        high = next;
        break;
      }
      if (next === cap) throw unreachable(load, targets, cap);
      low = next;
    }
  }
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (meets(middle)) high = middle;
    else low = middle;
  }
  return high;
}

function unreachable(load: TrafficLoad, targets: ErlangATargets, cap: number): WfmError {
  return new WfmError(
    'TargetUnreachable',
    `no staffing up to ${cap} agents meets the targets for ${load.trafficErlangs} Erlangs`,
    { trafficErlangs: load.trafficErlangs, targets, cap },
  );
}
