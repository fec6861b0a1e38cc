import type { EngineEvent } from '@relais/engine';

/** What a simulation returns: figures per queue and in total, their 95% half-widths, speed. */

/** Counts are means per replication-day; rates are fractions in [0, 1] (KPI.md formulas). */
export interface KpiFigures {
  offered: number;
  answered: number;
  abandoned: number;
  /** Arrivals turned away because all `lines` were taken. */
  blocked: number;
  /** With each queue's own formula and threshold; in totals, answered-weighted over queues. */
  serviceLevel: number;
  asaSeconds: number;
  /** (ab − short) / (offered − short). */
  abandonRate: number;
  /** Handling / (handling + available) of the agents that can serve the queue (totals: all). */
  occupancy: number;
  ahtSeconds: number;
}

export interface SimulationResult {
  scenario: string;
  seed: number;
  replications: number;
  days: number;
  totals: KpiFigures;
  queues: Record<string, KpiFigures>;
  /** Half-widths of the 95% confidence intervals of the same figures, across replications. */
  ci95: { totals: KpiFigures; queues: Record<string, KpiFigures> };
  perf: { contacts: number; events: number; wallSeconds: number; contactsPerSec: number };
}

export interface SimulateOptions {
  /** Override the scenario's replications, seed and days (CLI flags). */
  replications?: number;
  seed?: number;
  days?: number;
  /** Values of an empirical distribution's file, by path: the caller reads files. */
  empiricalValues?: (file: string) => number[];
  /** Progress in replications (done may be fractional within a long replication), and total. */
  onProgress?: (done: number, total: number) => void;
  /** Wall clock in ms for the perf figures; the package reads no clock itself. */
  clock?: () => number;
  /** Every batch of engine events, as the engine emitted it (reports built from a simulated day). */
  onEvents?: (events: readonly EngineEvent[], replication: number) => void;
}
