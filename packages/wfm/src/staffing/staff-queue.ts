import { requireNonNegative } from '../erlang/arguments.ts';
import { BlockingTable } from '../erlang/erlang-b.ts';
import type { ErlangAMetrics, ServiceLevelConvention } from '../erlang/erlang-a.ts';
import type { ErlangCMetrics } from '../erlang/erlang-c.ts';
import { staffErlangA, staffErlangC, type ErlangATargets } from '../erlang/staffing.ts';
import { fractionalAgents } from './fractional.ts';
import { fractionalPositions, positionsFor, requireShrinkage } from './positions.ts';
import {
  queueMeasures,
  type ModelLoad,
  type QueueMeasures,
  type StaffingModel,
} from './queue-model.ts';

/** What to staff: one queue's load, the model, the targets, and the shrinkage to add. */
export interface StaffingRequest {
  readonly model: StaffingModel;
  readonly load: ModelLoad;
  /** Erlang C ignores `maxAbandonRate` and `convention`. */
  readonly targets: ErlangATargets;
  /** Fraction of paid time not available for contacts, in [0, 1); default 0. */
  readonly shrinkage?: number;
  /** Also report the unrounded agent and position counts. */
  readonly fractional?: boolean;
  /** A guess of the answer (e.g. the previous interval's) where the search starts. */
  readonly hint?: number;
}

export interface StaffingResult extends QueueMeasures {
  readonly trafficErlangs: number;
  /** ceil(agents / (1 − shrinkage)). */
  readonly positions: number;
  /** Present when `fractional` was asked: the unrounded agents and positions. */
  readonly fractionalAgents?: number;
  readonly fractionalPositions?: number;
}

/** Least whole agents meeting the targets, their measures, and the positions to schedule. */
export function staffQueue(request: StaffingRequest): StaffingResult {
  const { model, load, targets } = request;
  const shrinkage = request.shrinkage ?? 0;
  requireShrinkage(shrinkage);
  requireNonNegative(load.trafficErlangs, 'trafficErlangs');
  const table = new BlockingTable(load.trafficErlangs); // shared by the searches and the measures
  const solve = (t: ErlangATargets): QueueMeasures =>
    model === 'erlang-c'
      ? cMeasures(staffErlangC(load, withoutAbandonTarget(t), request.hint, table).metrics)
      : aMeasures(
          staffErlangA(
            { ...load, patienceSeconds: load.patienceSeconds ?? NaN },
            t,
            request.hint,
            table,
          ).metrics,
          t.convention ?? 'offered',
        );
  const atAnswer = solve(targets); // validates the load and targets
  if (load.trafficErlangs === 0) return nobodyNeeded(request.fractional === true);
  const result: StaffingResult = {
    ...atAnswer,
    trafficErlangs: load.trafficErlangs,
    positions: positionsFor(atAnswer.agents, shrinkage),
  };
  if (request.fractional !== true) return result;
  const measures = queueMeasures(
    model,
    load,
    targets.serviceLevel?.thresholdSeconds ?? 0,
    targets.convention,
    table,
  );
  const modelTargets = model === 'erlang-c' ? withoutAbandonTarget(targets) : targets;
  const agents = fractionalAgents(
    load.trafficErlangs,
    modelTargets,
    measures,
    (t) => solve(t).agents,
  );
  return {
    ...result,
    fractionalAgents: agents,
    fractionalPositions: fractionalPositions(agents, shrinkage),
  };
}

function cMeasures(m: ErlangCMetrics): QueueMeasures {
  return { ...m, pAbandon: 0 };
}

function aMeasures(m: ErlangAMetrics, convention: ServiceLevelConvention): QueueMeasures {
  return { ...m, serviceLevel: m.serviceLevel[convention] };
}

function withoutAbandonTarget(targets: ErlangATargets): ErlangATargets {
  const rest: ErlangATargets = { ...targets };
  delete (rest as { maxAbandonRate?: number }).maxAbandonRate;
  delete (rest as { convention?: unknown }).convention;
  return rest;
}

/** No traffic: no agent is needed, and every target is met. */
function nobodyNeeded(fractional: boolean): StaffingResult {
  const none = {
    agents: 0,
    trafficErlangs: 0,
    positions: 0,
    pWait: 0,
    pAbandon: 0,
    serviceLevel: 1,
    asaSeconds: 0,
    occupancy: 0,
  };
  return fractional ? { ...none, fractionalAgents: 0, fractionalPositions: 0 } : none;
}
