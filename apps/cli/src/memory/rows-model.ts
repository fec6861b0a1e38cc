import { TimerHeap } from '@relais/engine';
import { IdIndex } from './floor-index.ts';
import type { AgentChange, FloorModel } from './model-steps.ts';

/** Int32 fields per contact, agent and queue row: one 64-byte cache line each. */
const ROW = 16;
/** Int32 fields per pool row: head and tail of its idle list, its free count. */
const POOL_ROW = 4;
/** Queue buckets whose waiting count a freed agent's pool reads (the engine's pools link ~3). */
export const LINKS_PER_POOL = 3;
const BUCKETS = 8192;

/**
 * Bucket `k` of pool `p`'s links: spread over the table and fixed by the numbers, so that every
 * run and both models read the same ones.
 */
export const linkedBucket = (p: number, k: number): number =>
  Math.imul(p * LINKS_PER_POOL + k + 1, 0x9e3779b1) >>> 19;

// Contact row fields.
const C_STATE = 0;
const C_AGENT = 1;
const C_QUEUE = 2;
const C_ARRIVED_AT = 3;
const C_OFFERED_AT = 4;
const C_CONNECTED_AT = 5;
const C_ENDED_AT = 6;
// Agent row fields.
const A_STATE = 0;
const A_PREV = 1;
const A_NEXT = 2;
const A_FREE = 3;
const A_OFFERED_AT = 4;
const A_POOL = 5;
const A_ENDED_AT = 6;
const A_HANDLED_MS = 7;
const A_CHANGED_AT = 8;
// Pool row fields.
const P_HEAD = 0;
const P_TAIL = 1;
const P_FREE = 2;
// Queue row fields.
const Q_ARRIVED = 0;
const Q_ANSWERED = 1;
const Q_WAIT_MS = 2;
const Q_HANDLED = 3;
const Q_ABANDONED = 4;

export const RowState = { queued: 1, offered: 2, connected: 3, wrapping: 4, idle: 5 } as const;

/** What the model emits per command: one object per event, as an engine's caller receives. */
export interface ModelEvent {
  type: string;
  seq: number;
  atMs: number;
  contactId: string;
  queueId?: string;
  agentId?: string;
  decision?: { rule: string; candidates: { agentId: string; scores: number[] }[] };
}

/**
 * The memory work of an engine whose state is numbered rows in typed arrays (the design the
 * rounds in packages/engine/PERFORMANCE.md name for issue 2), for the benchmark's commands: a
 * contact, an agent and a queue are one 64-byte row each, an agent's place in its pool's idle
 * list is two row numbers in its own row, a pool is a 16-byte row (idle head, tail, free
 * count), contacts' deadlines are a TimerHeap of contact rows, and each command allocates its
 * events. Routing itself is left out (the recording says which agent each offer went to), as
 * are validation and statistics beyond a counter per queue: an engine built this way does at
 * least this much.
 */
export class RowsModel implements FloorModel {
  private contacts: Int32Array;
  private readonly agents: Int32Array;
  private readonly pools: Int32Array;
  private readonly queues = new Int32Array(ROW * BUCKETS);
  private readonly waiting = new Int32Array(BUCKETS);
  private readonly poolLinks: Int32Array;
  private readonly index: IdIndex;
  private readonly agentNumber = new Map<string, number>();
  private readonly queueNumber = new Map<string, number>();
  private readonly queueIds: string[] = [];
  private readonly spareRows: number[] = [];
  private rowsUsed = 0;
  private readonly timers = new TimerHeap();
  private timerSeq = 0;
  private seq = 0;
  /** The events of the last command or offer. */
  out: ModelEvent[] = [];
  ignored = 0;

  constructor(
    private readonly agentIds: readonly string[],
    poolOfAgent: Int32Array,
    pools: number,
  ) {
    const n = Math.max(1, agentIds.length);
    agentIds.forEach((id, i) => this.agentNumber.set(id, i));
    this.agents = new Int32Array(ROW * n);
    for (let a = 0; a < agentIds.length; a++) {
      this.agents[a * ROW + A_POOL] = poolOfAgent[a] as number;
      this.agents[a * ROW + A_PREV] = this.agents[a * ROW + A_NEXT] = -1;
    }
    this.pools = new Int32Array(POOL_ROW * Math.max(1, pools));
    for (let p = 0; p < pools; p++) {
      this.pools[p * POOL_ROW + P_HEAD] = this.pools[p * POOL_ROW + P_TAIL] = -1;
    }
    // Each pool reads the waiting counts of a few buckets spread over the table.
    this.poolLinks = Int32Array.from({ length: Math.max(1, pools) * LINKS_PER_POOL }, (_, i) =>
      linkedBucket(Math.floor(i / LINKS_PER_POOL), i % LINKS_PER_POOL),
    );
    this.index = new IdIndex(n * 2 + 512);
    this.contacts = new Int32Array(ROW * (n * 2 + 512));
  }

  contactRowOf(id: string): number {
    return this.index.rowOf(id);
  }

  contactField(row: number, field: 'state' | 'agent'): number {
    return this.contacts[row * ROW + (field === 'state' ? C_STATE : C_AGENT)] as number;
  }

  agentField(agent: number, field: 'state' | 'free' | 'handledMs'): number {
    const offset = field === 'state' ? A_STATE : field === 'free' ? A_FREE : A_HANDLED_MS;
    return this.agents[agent * ROW + offset] as number;
  }

  /** The agents free in the pool, head (longest idle) first, read through the rows' links. */
  idleList(pool: number): number[] {
    const out: number[] = [];
    for (let a = this.pools[pool * POOL_ROW + P_HEAD] as number; a >= 0;) {
      out.push(a);
      a = this.agents[a * ROW + A_NEXT] as number;
    }
    return out;
  }

  /** Contacts with a deadline armed (offers not yet answered). */
  get timersArmed(): number {
    return this.timers.size;
  }

  freeIn(pool: number): number {
    return this.pools[pool * POOL_ROW + P_FREE] as number;
  }

  begin(): void {
    this.out = [];
  }

  offer(contactId: string, agent: number, atMs: number): void {
    const t = atMs | 0;
    const row = this.rowInProgress(contactId);
    const c = row * ROW;
    const q = this.contacts[c + C_QUEUE] as number;
    this.contacts[c + C_STATE] = RowState.offered;
    this.contacts[c + C_AGENT] = agent;
    this.contacts[c + C_OFFERED_AT] = t;
    this.waiting[q] = (this.waiting[q] as number) - 1;
    this.takeFree(agent);
    this.agents[agent * ROW + A_STATE] = RowState.offered;
    this.agents[agent * ROW + A_OFFERED_AT] = t;
    this.timers.set(row, t + 30_000, ++this.timerSeq);
    const agentId = this.agentIds[agent] as string;
    this.emit({
      type: 'contactOffered',
      seq: 0,
      atMs: t,
      contactId,
      queueId: this.queueIds[q] as string,
      agentId,
      decision: { rule: 'longest-idle', candidates: [{ agentId, scores: [0, t, this.seq] }] },
    });
  }

  private emit(event: ModelEvent): void {
    event.seq = ++this.seq;
    this.out.push(event);
  }

  arrive(contactId: string, queueId: string, t: number): void {
    let q = this.queueNumber.get(queueId);
    if (q === undefined) {
      q = this.queueIds.length;
      if (q >= BUCKETS) throw new Error(`rows model: more than ${BUCKETS} queues`);
      this.queueIds.push(queueId);
      this.queueNumber.set(queueId, q);
    }
    const row = this.newRow();
    this.index.insert(contactId, row);
    const c = row * ROW;
    this.contacts[c + C_STATE] = RowState.queued;
    this.contacts[c + C_AGENT] = -1;
    this.contacts[c + C_QUEUE] = q;
    this.contacts[c + C_ARRIVED_AT] = t;
    this.queues[q * ROW + Q_ARRIVED] = (this.queues[q * ROW + Q_ARRIVED] as number) + 1;
    this.waiting[q] = (this.waiting[q] as number) + 1;
    this.emit({ type: 'contactQueued', seq: 0, atMs: t, contactId, queueId });
  }

  answer(contactId: string, agentId: string, accepted: boolean, t: number): void {
    const row = this.rowInProgress(contactId);
    const c = row * ROW;
    const agent = this.contacts[c + C_AGENT] as number;
    if (this.agentIds[agent] !== agentId)
      throw new Error(`rows model: ${contactId} not offered to ${agentId}`);
    this.timers.remove(row);
    const q = this.contacts[c + C_QUEUE] as number;
    const queueId = this.queueIds[q] as string;
    if (accepted) {
      this.contacts[c + C_STATE] = RowState.connected;
      this.contacts[c + C_CONNECTED_AT] = t;
      this.agents[agent * ROW + A_STATE] = RowState.connected;
      const qr = q * ROW;
      this.queues[qr + Q_ANSWERED] = (this.queues[qr + Q_ANSWERED] as number) + 1;
      const waited = t - (this.contacts[c + C_ARRIVED_AT] as number);
      this.queues[qr + Q_WAIT_MS] = (this.queues[qr + Q_WAIT_MS] as number) + waited;
      this.emit({ type: 'contactConnected', seq: 0, atMs: t, contactId, queueId, agentId });
    } else {
      this.contacts[c + C_STATE] = RowState.queued;
      this.contacts[c + C_AGENT] = -1;
      this.waiting[q] = (this.waiting[q] as number) + 1;
      this.agents[agent * ROW + A_STATE] = RowState.idle;
      this.addFree(agent);
      this.emit({ type: 'offerRevoked', seq: 0, atMs: t, contactId, queueId, agentId });
    }
  }

  end(contactId: string, t: number): void {
    const c = this.rowInProgress(contactId) * ROW;
    const agent = this.contacts[c + C_AGENT] as number;
    this.contacts[c + C_STATE] = RowState.wrapping;
    this.contacts[c + C_ENDED_AT] = t;
    this.agents[agent * ROW + A_STATE] = RowState.wrapping;
    this.agents[agent * ROW + A_ENDED_AT] = t;
    this.emit({
      type: 'contactEnded',
      seq: 0,
      atMs: t,
      contactId,
      queueId: this.queueIds[this.contacts[c + C_QUEUE] as number] as string,
      agentId: this.agentIds[agent] as string,
    });
  }

  /** The contact leaves (wrap-up done, or it hung up); its row is freed. */
  finish(contactId: string, wrapped: boolean, t: number): void {
    const slot = this.index.slotOf(contactId);
    if (slot < 0) throw new Error(`rows model: no contact ${contactId} in progress`);
    const row = this.index.rowAt(slot);
    const c = row * ROW;
    const q = this.contacts[c + C_QUEUE] as number;
    const queueId = this.queueIds[q] as string;
    if (wrapped) {
      const agent = this.contacts[c + C_AGENT] as number;
      const a = agent * ROW;
      this.agents[a + A_STATE] = RowState.idle;
      const handled = t - (this.contacts[c + C_CONNECTED_AT] as number);
      this.agents[a + A_HANDLED_MS] = (this.agents[a + A_HANDLED_MS] as number) + handled;
      this.queues[q * ROW + Q_HANDLED] = (this.queues[q * ROW + Q_HANDLED] as number) + 1;
      this.addFree(agent);
      const agentId = this.agentIds[agent] as string;
      this.emit({ type: 'contactCompleted', seq: 0, atMs: t, contactId, queueId, agentId });
    } else {
      if ((this.contacts[c + C_STATE] as number) === RowState.queued) {
        this.waiting[q] = (this.waiting[q] as number) - 1;
      }
      this.timers.remove(row);
      this.queues[q * ROW + Q_ABANDONED] = (this.queues[q * ROW + Q_ABANDONED] as number) + 1;
      this.emit({ type: 'contactAbandoned', seq: 0, atMs: t, contactId, queueId });
    }
    this.index.removeAt(slot);
    this.spareRows.push(row);
  }

  agentChanged(agentId: string, change: AgentChange, t: number): void {
    const agent = this.agentNumberOf(agentId);
    const a = agent * ROW;
    this.agents[a + A_CHANGED_AT] = t;
    if (change === 'pause' || change === 'logout') this.takeFree(agent);
    else {
      const state = this.agents[a + A_STATE] as number;
      if (state === 0 || state === RowState.idle) {
        this.agents[a + A_STATE] = RowState.idle;
        this.addFree(agent);
      }
    }
    this.emit({ type: 'agentStateChanged', seq: 0, atMs: t, contactId: '', agentId });
  }

  /** Appends the agent to its pool's idle list, then reads the pool's buckets' waiting counts. */
  private addFree(agent: number): void {
    const a = agent * ROW;
    if ((this.agents[a + A_FREE] as number) === 1) return;
    const p = (this.agents[a + A_POOL] as number) * POOL_ROW;
    const tail = this.pools[p + P_TAIL] as number;
    this.agents[a + A_PREV] = tail;
    this.agents[a + A_NEXT] = -1;
    this.agents[a + A_FREE] = 1;
    if (tail < 0) this.pools[p + P_HEAD] = agent;
    else this.agents[tail * ROW + A_NEXT] = agent;
    this.pools[p + P_TAIL] = agent;
    this.pools[p + P_FREE] = (this.pools[p + P_FREE] as number) + 1;
    const links = (p / POOL_ROW) * LINKS_PER_POOL;
    let waiting = 0;
    for (let k = 0; k < LINKS_PER_POOL; k++) {
      waiting += this.waiting[this.poolLinks[links + k] as number] as number;
    }
    this.agents[a + A_CHANGED_AT] = waiting;
  }

  /** Takes the agent out of its pool's idle list, if it is in it. */
  private takeFree(agent: number): void {
    const a = agent * ROW;
    if ((this.agents[a + A_FREE] as number) !== 1) return;
    const p = (this.agents[a + A_POOL] as number) * POOL_ROW;
    const prev = this.agents[a + A_PREV] as number;
    const next = this.agents[a + A_NEXT] as number;
    if (prev < 0) this.pools[p + P_HEAD] = next;
    else this.agents[prev * ROW + A_NEXT] = next;
    if (next < 0) this.pools[p + P_TAIL] = prev;
    else this.agents[next * ROW + A_PREV] = prev;
    this.agents[a + A_FREE] = 0;
    this.pools[p + P_FREE] = (this.pools[p + P_FREE] as number) - 1;
  }

  private agentNumberOf(agentId: string): number {
    const agent = this.agentNumber.get(agentId);
    if (agent === undefined) throw new Error(`rows model: no agent ${agentId}`);
    return agent;
  }

  private rowInProgress(contactId: string): number {
    const row = this.index.rowOf(contactId);
    if (row < 0) throw new Error(`rows model: no contact ${contactId} in progress`);
    return row;
  }

  private newRow(): number {
    const spare = this.spareRows.pop();
    if (spare !== undefined) return spare;
    if ((this.rowsUsed + 1) * ROW > this.contacts.length) {
      const grown = new Int32Array(this.contacts.length * 2);
      grown.set(this.contacts);
      this.contacts = grown;
    }
    return this.rowsUsed++;
  }
}
