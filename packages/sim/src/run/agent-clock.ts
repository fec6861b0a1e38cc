import type { AgentState } from '@relais/engine';

const HANDLING = 1;
const AVAILABLE = 2;
const OTHER = 0;

const kindOf = (state: AgentState): number =>
  state === 'busy' || state === 'wrapUp' || state === 'reserved'
    ? HANDLING
    : state === 'available'
      ? AVAILABLE
      : OTHER;

/**
 * Time each agent spends handling (reserved, busy, wrap-up) and available, from
 * agentStateChanged events: the terms of occupancy (KPI.md).
 */
export class AgentClock {
  private readonly kind: Uint8Array;
  private readonly sinceMs: Float64Array;
  private readonly handling: Float64Array;
  private readonly available: Float64Array;

  constructor(agents: number) {
    this.kind = new Uint8Array(agents);
    this.sinceMs = new Float64Array(agents);
    this.handling = new Float64Array(agents);
    this.available = new Float64Array(agents);
  }

  change(agent: number, to: AgentState, atMs: number): void {
    this.close(agent, atMs);
    this.kind[agent] = kindOf(to);
  }

  closeAll(atMs: number): void {
    for (let a = 0; a < this.kind.length; a++) this.close(a, atMs);
  }

  handlingMs(agent: number): number {
    return this.handling[agent] ?? 0;
  }

  availableMs(agent: number): number {
    return this.available[agent] ?? 0;
  }

  private close(agent: number, atMs: number): void {
    const elapsed = atMs - (this.sinceMs[agent] ?? atMs);
    const kind = this.kind[agent];
    if (kind === HANDLING) this.handling[agent] = (this.handling[agent] ?? 0) + elapsed;
    else if (kind === AVAILABLE) this.available[agent] = (this.available[agent] ?? 0) + elapsed;
    this.sinceMs[agent] = atMs;
  }
}
