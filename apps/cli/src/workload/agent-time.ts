import { AGENT_STATES, type AgentState } from '@relais/engine';

const STATES = AGENT_STATES;
const CODE = Object.fromEntries(STATES.map((s, i) => [s, i])) as Record<AgentState, number>;

/**
 * Agent time by shown state over a window, from agentStateChanged events: the basis of
 * occupancy (KPI.md: handling / (handling + available), over logged-in, not-paused time).
 */
export class AgentTime {
  private readonly state: Uint8Array;
  private readonly sinceMs: Float64Array;
  /** Milliseconds spent in each state since the window opened, summed over agents. */
  readonly totalMs = new Float64Array(STATES.length);
  private windowStartMs = Infinity;

  constructor(agents: number) {
    this.state = new Uint8Array(agents);
    this.sinceMs = new Float64Array(agents);
  }

  /** Starts counting at `atMs` (earlier time is ignored). */
  open(atMs: number): void {
    this.windowStartMs = atMs;
    this.totalMs.fill(0);
  }

  change(agent: number, to: AgentState, atMs: number): void {
    this.add(agent, atMs);
    this.state[agent] = CODE[to];
    this.sinceMs[agent] = atMs;
  }

  /** Counts every agent's time in its current state up to `atMs`; call once, at the end. */
  close(atMs: number): void {
    for (let a = 0; a < this.state.length; a++) {
      this.add(a, atMs);
      this.sinceMs[a] = atMs;
    }
  }

  get(state: AgentState): number {
    return this.totalMs[CODE[state]] as number;
  }

  /** Handling (ringing, talking, wrap-up) over handling plus available time. */
  get occupancy(): number {
    const handling = this.get('reserved') + this.get('busy') + this.get('wrapUp');
    const ready = handling + this.get('available');
    return ready > 0 ? handling / ready : 0;
  }

  private add(agent: number, atMs: number): void {
    const from = Math.max(this.sinceMs[agent] as number, this.windowStartMs);
    if (atMs > from) {
      const s = this.state[agent] as number;
      this.totalMs[s] = (this.totalMs[s] as number) + (atMs - from);
    }
  }
}
