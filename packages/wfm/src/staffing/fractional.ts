import type { ErlangATargets } from '../erlang/staffing.ts';
import type { QueueMeasures } from './queue-model.ts';

// Fractional staffing: for each target, the point between n − 1 and n (n the least whole count
// meeting it) where the measure, interpolated linearly, crosses the target; the largest over the
// targets. ASA is interpolated as its inverse (answer speed), which is finite at n − 1 even where
// the queue is unstable. With 0 agents the service level is 0, P(abandon) 1, the speed 0. An
// occupancy cap gives A / cap exactly.

type Measure = (m: QueueMeasures | undefined) => number;

const serviceLevel: Measure = (m) => m?.serviceLevel ?? 0;
const abandonShortfall: Measure = (m) => -(m?.pAbandon ?? 1); // rises with agents
const answerSpeed: Measure = (m) =>
  m === undefined || !Number.isFinite(m.asaSeconds) ? 0 : 1 / Math.max(m.asaSeconds, 1e-300);

/**
 * The fractional agent count meeting `targets` for a load of `trafficErlangs`, given the measures
 * at whole counts and the least whole count `agents` meeting each target alone.
 */
export function fractionalAgents(
  trafficErlangs: number,
  targets: ErlangATargets,
  measures: (agents: number) => QueueMeasures,
  leastAgentsFor: (targets: ErlangATargets) => number,
): number {
  const points: number[] = [];
  const crossing = (single: ErlangATargets, measure: Measure, goal: number): void => {
    const n = leastAgentsFor(single);
    const above = measure(measures(n));
    const below = measure(n > 1 ? measures(n - 1) : undefined);
    const share = above > below ? (goal - below) / (above - below) : 1;
    points.push(n - 1 + Math.min(1, Math.max(0, share)));
  };
  if (targets.serviceLevel !== undefined) {
    const single = { serviceLevel: targets.serviceLevel, ...convention(targets) };
    crossing(single, serviceLevel, targets.serviceLevel.fraction);
  }
  if (targets.maxAbandonRate !== undefined) {
    crossing({ maxAbandonRate: targets.maxAbandonRate }, abandonShortfall, -targets.maxAbandonRate);
  }
  if (targets.maxAsaSeconds !== undefined) {
    crossing({ maxAsaSeconds: targets.maxAsaSeconds }, answerSpeed, 1 / targets.maxAsaSeconds);
  }
  if (targets.maxOccupancy !== undefined) points.push(trafficErlangs / targets.maxOccupancy);
  return Math.max(0, ...points);
}

function convention(targets: ErlangATargets): Pick<ErlangATargets, 'convention'> {
  return targets.convention === undefined ? {} : { convention: targets.convention };
}
