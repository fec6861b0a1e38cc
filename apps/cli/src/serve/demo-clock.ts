// `relais serve --demo`: the simulated time of the demo day. One real second plays `speed`
// simulated seconds (1 to 60); the speed can change and the clock can pause while the server
// runs. When the day reaches 20:00 the next day starts at 8:00. The server's own clock is not
// touched: only the simulated callers and agents live on this one.
import { DAY_END_S, DAY_S, DAY_START_S } from './demo-day-plan.ts';

export const MIN_SPEED = 1;
export const MAX_SPEED = 60;
/** The speeds the web app offers. */
export const DEMO_SPEEDS = [1, 5, 10, 30, 60] as const;

/** Why a speed is refused, or undefined when it is one. */
export function speedProblem(speed: unknown): string | undefined {
  if (
    typeof speed !== 'number' ||
    !Number.isFinite(speed) ||
    speed < MIN_SPEED ||
    speed > MAX_SPEED
  )
    return `expected a number from ${MIN_SPEED} to ${MAX_SPEED} (simulated seconds per real second), got ${JSON.stringify(speed)}`;
  return undefined;
}

/** Simulated time in ms since midnight of day 0; day n runs from n × 24 h + 8:00 to + 20:00. */
export class DemoClock {
  private anchorRealMs: number;
  private anchorSimMs: number;
  private currentSpeed: number;
  private isPaused = false;

  constructor(realMs: number, speed: number, startSimMs = DAY_START_S * 1000) {
    const problem = speedProblem(speed);
    if (problem !== undefined) throw new RangeError(`speed: ${problem}`);
    this.anchorRealMs = realMs;
    this.anchorSimMs = startSimMs;
    this.currentSpeed = speed;
  }

  get speed(): number {
    return this.currentSpeed;
  }

  get paused(): boolean {
    return this.isPaused;
  }

  /**
   * The simulated time at a real time. Past 20:00 the clock moves on to 8:00 of the next day
   * (the night is skipped).
   */
  now(realMs: number): number {
    const elapsed = this.isPaused ? 0 : Math.max(0, realMs - this.anchorRealMs);
    const sim = this.anchorSimMs + elapsed * this.currentSpeed;
    const day = Math.floor(sim / (DAY_S * 1000));
    if (sim - day * DAY_S * 1000 >= DAY_END_S * 1000) {
      this.anchorRealMs = realMs;
      this.anchorSimMs = (day + 1) * DAY_S * 1000 + DAY_START_S * 1000;
      return this.anchorSimMs;
    }
    return sim;
  }

  /** Plays `speed` simulated seconds per real second from now on. */
  setSpeed(realMs: number, speed: number): void {
    const problem = speedProblem(speed);
    if (problem !== undefined) throw new RangeError(`speed: ${problem}`);
    this.reanchor(realMs);
    this.currentSpeed = speed;
  }

  /** Stops or restarts simulated time. */
  setPaused(realMs: number, paused: boolean): void {
    this.reanchor(realMs);
    this.isPaused = paused;
  }

  private reanchor(realMs: number): void {
    this.anchorSimMs = this.now(realMs);
    this.anchorRealMs = realMs;
  }
}

/** The day number (0 first) and the second of that day of a simulated time. */
export function dayAndSecond(simMs: number): { day: number; secondOfDay: number } {
  const day = Math.floor(simMs / (DAY_S * 1000));
  return { day, secondOfDay: Math.floor((simMs - day * DAY_S * 1000) / 1000) };
}
