import { WfmError } from '../errors.ts';
import { erlangAFromBlocking, type ServiceLevelConvention } from '../erlang/erlang-a.ts';
import { BlockingTable } from '../erlang/erlang-b.ts';
import { metricsFromBlocking } from '../erlang/erlang-c.ts';
import type { TrafficLoad } from '../erlang/traffic.ts';

/** `erlang-c`: callers never abandon; `erlang-a`: exponential patience (M/M/N+M). */
export type StaffingModel = 'erlang-c' | 'erlang-a';

/** The measures a plan reports for one queue and agent count, whichever the model. */
export interface QueueMeasures {
  readonly agents: number;
  readonly pWait: number;
  /** 0 under Erlang C. */
  readonly pAbandon: number;
  /** Under Erlang A, the target's convention (default `offered`). */
  readonly serviceLevel: number;
  readonly asaSeconds: number;
  readonly occupancy: number;
}

/** A load for either model; `patienceSeconds` is required by Erlang A. */
export interface ModelLoad extends TrafficLoad {
  readonly patienceSeconds?: number;
}

/**
 * The measures of `load` with n agents under `model`, sharing one Erlang B table across calls
 * (the staffing and fractional searches evaluate many n for one load).
 */
export function queueMeasures(
  model: StaffingModel,
  load: ModelLoad,
  thresholdSeconds: number,
  convention: ServiceLevelConvention = 'offered',
  table: BlockingTable = new BlockingTable(load.trafficErlangs),
): (agents: number) => QueueMeasures {
  if (model === 'erlang-c') {
    return (agents) => {
      const m = metricsFromBlocking({ ...load, agents }, thresholdSeconds, table.at(agents));
      return { ...m, pAbandon: 0 };
    };
  }
  const patienceSeconds = load.patienceSeconds;
  if (patienceSeconds === undefined) {
    throw new WfmError('InvalidArgument', 'patienceSeconds: Erlang A needs the mean patience', {
      argument: 'patienceSeconds',
    });
  }
  return (agents) => {
    const m = erlangAFromBlocking(
      { ...load, patienceSeconds, agents },
      thresholdSeconds,
      table.at(agents),
    );
    return { ...m, serviceLevel: m.serviceLevel[convention] };
  };
}
