import type { Scenario } from '../scenario/scenario.ts';
import { summarize } from './confidence.ts';
import { runReplication } from './replication.ts';
import type { KpiFigures, SimulateOptions, SimulationResult } from './result.ts';

/**
 * Runs the scenario's replications on the real engine (issue 3) and returns the mean figures
 * per queue and in total with their 95% confidence half-widths. Same seed, same result.
 */
export function simulate(scenario: Scenario, options: SimulateOptions = {}): SimulationResult {
  const replications = options.replications ?? scenario.replications;
  const seed = options.seed ?? scenario.seed;
  const days = options.days ?? scenario.days;
  if (!Number.isInteger(replications) || replications < 1) {
    throw new RangeError(`replications: expected an integer ≥ 1, got ${replications}`);
  }
  if (!Number.isInteger(days) || days < 1) {
    throw new RangeError(`days: expected an integer ≥ 1, got ${days}`);
  }
  const startMs = options.clock?.();
  const totals: KpiFigures[] = [];
  const perQueue: KpiFigures[][] = scenario.queues.map(() => []);
  let contacts = 0;
  let events = 0;
  const samplerOptions =
    options.empiricalValues === undefined ? {} : { empiricalValues: options.empiricalValues };
  for (let r = 0; r < replications; r++) {
    const report = options.onProgress;
    const outcome = runReplication(
      scenario,
      seed,
      r,
      days,
      samplerOptions,
      report ? (fraction) => report(r + fraction, replications) : undefined,
      options.onEvents === undefined ? undefined : (batch) => options.onEvents?.(batch, r),
    );
    // Counts are per day: a replication of several days is divided by its days.
    totals.push(perDay(outcome.totals, days));
    outcome.queues.forEach((q, i) => perQueue[i]?.push(perDay(q, days)));
    contacts += outcome.contacts;
    events += outcome.events;
    options.onProgress?.(r + 1, replications);
  }
  const wallSeconds =
    startMs === undefined || options.clock === undefined ? 0 : (options.clock() - startMs) / 1000;
  const total = summarize(totals);
  const queues: Record<string, KpiFigures> = {};
  const queueHalfWidths: Record<string, KpiFigures> = {};
  scenario.queues.forEach((q, i) => {
    const s = summarize(perQueue[i] ?? []);
    queues[q.id] = s.mean;
    queueHalfWidths[q.id] = s.halfWidth;
  });
  return {
    scenario: scenario.name,
    seed,
    replications,
    days,
    totals: total.mean,
    queues,
    ci95: { totals: total.halfWidth, queues: queueHalfWidths },
    perf: {
      contacts,
      events,
      wallSeconds,
      contactsPerSec: wallSeconds > 0 ? contacts / wallSeconds : 0,
    },
  };
}

function perDay(figures: KpiFigures, days: number): KpiFigures {
  return {
    ...figures,
    offered: figures.offered / days,
    answered: figures.answered / days,
    abandoned: figures.abandoned / days,
    blocked: figures.blocked / days,
  };
}
