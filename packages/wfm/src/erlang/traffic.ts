import { requireNonNegative, requirePositive } from './arguments.ts';

// Units: every duration is in seconds (names end in `Seconds`); traffic is in Erlangs
// (arrival rate × mean handling time, dimensionless), so no formula takes a rate.

/** The offered traffic and mean handling time of one queue. */
export interface TrafficLoad {
  /** Arrival rate × AHT, in Erlangs. */
  readonly trafficErlangs: number;
  /** Average handling time (talk + hold + wrap-up) in seconds. */
  readonly ahtSeconds: number;
}

/** A load whose callers abandon after an exponential patience (Erlang A). */
export interface PatientLoad extends TrafficLoad {
  /** Mean caller patience in seconds (1/θ). */
  readonly patienceSeconds: number;
}

/** Offered traffic in Erlangs of `arrivals` contacts over `periodSeconds` with `ahtSeconds` each. */
export function trafficErlangs(
  arrivals: number,
  periodSeconds: number,
  ahtSeconds: number,
): number {
  requireNonNegative(arrivals, 'arrivals');
  requirePositive(periodSeconds, 'periodSeconds');
  requirePositive(ahtSeconds, 'ahtSeconds');
  return (arrivals / periodSeconds) * ahtSeconds;
}

/** Throws unless the traffic is ≥ 0 Erlangs and the AHT > 0 seconds. */
export function requireTrafficLoad(load: TrafficLoad): void {
  requireNonNegative(load.trafficErlangs, 'trafficErlangs');
  requirePositive(load.ahtSeconds, 'ahtSeconds');
}

/** requireTrafficLoad, and the mean patience > 0 seconds. */
export function requirePatientLoad(load: PatientLoad): void {
  requireTrafficLoad(load);
  requirePositive(load.patienceSeconds, 'patienceSeconds');
}
