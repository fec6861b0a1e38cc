/** How simulated customers and agents behave. Durations in seconds. */
export interface WorkloadOptions {
  seed: number;
  /** Target share of ready time spent handling contacts; sets the arrival rates. */
  occupancy: number;
  acceptSeconds: readonly [number, number];
  /** Mean of the exponential talk time. */
  talkMeanSeconds: number;
  /** Time before the agent ends a manual wrap-up (timed wrap-up follows the queue). */
  wrapUpSeconds: number;
  /** Share of contacts that hang up if still queued after an exponential patience. */
  abandonShare: number;
  patienceMeanSeconds: number;
  /** Share of agents on a coded pause at any time, and how long a pause lasts. */
  pauseShare: number;
  pauseSeconds: readonly [number, number];
  declineShare: number;
}

export const DEFAULT_WORKLOAD: WorkloadOptions = {
  seed: 1,
  occupancy: 0.9,
  acceptSeconds: [1, 4],
  talkMeanSeconds: 240,
  wrapUpSeconds: 20,
  abandonShare: 0.05,
  patienceMeanSeconds: 180,
  pauseShare: 0.01,
  pauseSeconds: [120, 480],
  declineShare: 0.005,
};

/** Ringing + talk + wrap-up: the handle time the arrival rates are sized with. */
export const meanHandleSeconds = (o: WorkloadOptions): number =>
  (o.acceptSeconds[0] + o.acceptSeconds[1]) / 2 + o.talkMeanSeconds + o.wrapUpSeconds;
