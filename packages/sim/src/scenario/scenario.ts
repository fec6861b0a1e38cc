/** A simulation scenario as validated from its file (issue 3); times are "HH:MM" of one day. */
import type { AgentSelection, ServiceLevelFormula, SiteConfig } from '@relais/engine';
import type { DistributionSpec } from '../distributions/distribution-spec.ts';
import type { ScenarioCampaign } from '../outbound/campaign-scenario.ts';
import type { ClockTime } from './clock-time.ts';

export interface Scenario {
  name: string;
  /** Same seed, same results; streams per replication and purpose derive from it. */
  seed: number;
  /** Independent runs; results give the mean and a 95% confidence half-width. */
  replications: number;
  /** Consecutive days per replication (default 1). */
  days: number;
  /** Arrivals happen in this window; the day runs until the last contact ends. */
  day: DayWindow;
  /** Maximum contacts in the system (waiting + served); arrivals beyond are blocked. */
  lines?: number;
  /** The default agent selection; queues may override it. */
  routing: { strategy: AgentSelection };
  queues: ScenarioQueue[];
  agents: AgentGroup[];
  /** Empty when the file lists none. */
  sites: SiteConfig[];
  /** Outbound campaign days, each on its own engine with its own agents (issue 8). */
  campaigns?: ScenarioCampaign[];
}

export interface DayWindow {
  start: ClockTime;
  end: ClockTime;
}

/** Poisson arrivals at a constant rate from `from` (inclusive) to `to` (exclusive). */
export interface ArrivalWindow {
  from: ClockTime;
  to: ClockTime;
  perHour: number;
}

/**
 * Arrivals replayed or fitted from a history file (the format of data/ at the project root). Only the
 * path is checked here; the options are checked by whoever reads the history.
 */
export interface HistoryArrivals {
  history: string;
  [option: string]: unknown;
}

/** A piecewise-constant Poisson rate, or a history to take the rates from. */
export type Arrivals = ArrivalWindow[] | HistoryArrivals;

/** Callers who abandoned call again with this probability, after this delay. */
export interface Retrial {
  probability: number;
  delaySeconds: DistributionSpec;
}

export interface QueueServiceLevel {
  thresholdSeconds: number;
  /** 0..1, e.g. 0.8 for 80/20. */
  target: number;
  /** KPI.md formula id (default `offered`). */
  formula: ServiceLevelFormula;
}

export interface ScenarioQueue {
  id: string;
  /** skill → minimum proficiency 1..10 */
  skills: Record<string, number>;
  /** Higher is served first (default 0). */
  priority: number;
  /** Overrides `routing.strategy` for this queue. */
  strategy?: AgentSelection;
  arrivals: Arrivals;
  handleSeconds: DistributionSpec;
  /** Omitted: customers never abandon. */
  patienceSeconds?: DistributionSpec;
  wrapUpSeconds?: DistributionSpec;
  retrial?: Retrial;
  /** Default 80/20, formula `offered`. */
  serviceLevel: QueueServiceLevel;
}

/** `count` identical agents. */
export interface AgentGroup {
  name: string;
  count: number;
  /** A site id from `sites`. */
  site?: string;
  /** skill → proficiency 1..10 */
  skills: Record<string, number>;
  /** Omitted: present all day. */
  shifts?: Shift[];
}

export interface Shift {
  start: ClockTime;
  end: ClockTime;
}
