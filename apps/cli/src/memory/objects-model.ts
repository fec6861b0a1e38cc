import { TimerHeap } from '@relais/engine';
import { IdIndex } from './floor-index.ts';
import type { AgentChange, FloorModel } from './model-steps.ts';
import { LINKS_PER_POOL, linkedBucket, RowState, type ModelEvent } from './rows-model.ts';

/** A pool: its idle list's ends and free count, and the buckets a freed agent looks at. */
class PoolRecord {
  head: AgentRecord | undefined;
  tail: AgentRecord | undefined;
  free = 0;
  constructor(readonly links: Int32Array) {}
}

/**
 * An agent as a record among others on the heap: the fields the steps use, and an array
 * allocated with it standing for the rest of an engine record's fields, never read.
 */
class AgentRecord {
  state = 0;
  prev: AgentRecord | undefined;
  next: AgentRecord | undefined;
  free = false;
  offeredAtMs = 0;
  endedAtMs = 0;
  handledMs = 0;
  changedAtMs = 0;
  readonly cold = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  constructor(
    readonly id: string,
    readonly pool: PoolRecord,
  ) {}
}

class QueueRecord {
  arrived = 0;
  answered = 0;
  waitMs = 0;
  handled = 0;
  abandoned = 0;
  waiting = 0;
  constructor(readonly id: string) {}
}

class ContactRecord {
  state = 0;
  agent: AgentRecord | undefined;
  arrivedAtMs = 0;
  offeredAtMs = 0;
  connectedAtMs = 0;
  endedAtMs = 0;
  readonly cold = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
  constructor(
    public id: string,
    public queue: QueueRecord,
    /** Its number in the index and the timer heap, kept when the record is reused. */
    readonly row: number,
  ) {}
}

/**
 * The rows model's work (RowsModel: same commands, same steps, same events) with contacts,
 * agents, pools and queues as objects reached through references, as the engine keeps them:
 * the difference between the two is what the layout alone costs.
 */
export class ObjectsModel implements FloorModel {
  private readonly agents: AgentRecord[];
  private readonly agentById = new Map<string, AgentRecord>();
  private readonly queues = new Map<string, QueueRecord>();
  private readonly waiting = new Int32Array(8192);
  private readonly index: IdIndex;
  private readonly records: ContactRecord[] = [];
  private readonly spareRecords: ContactRecord[] = [];
  private readonly timers = new TimerHeap();
  private timerSeq = 0;
  private seq = 0;
  out: ModelEvent[] = [];
  ignored = 0;

  constructor(agentIds: readonly string[], poolOfAgent: Int32Array, pools: number) {
    const poolRecords = Array.from(
      { length: Math.max(1, pools) },
      (_, p) =>
        new PoolRecord(Int32Array.from({ length: LINKS_PER_POOL }, (_, k) => linkedBucket(p, k))),
    );
    this.agents = agentIds.map(
      (id, a) => new AgentRecord(id, poolRecords[poolOfAgent[a] as number] as PoolRecord),
    );
    for (const agent of this.agents) this.agentById.set(agent.id, agent);
    this.index = new IdIndex(agentIds.length * 2 + 512);
  }

  /** The state of the contact in progress, or undefined. */
  contactState(id: string): number | undefined {
    const row = this.index.rowOf(id);
    return row < 0 ? undefined : this.records[row]?.state;
  }

  /** The agents free in agent `a`'s pool, head first, by agent number. */
  idleListOf(a: number): number[] {
    const out: number[] = [];
    for (let r = this.agents[a]?.pool.head; r !== undefined; r = r.next) {
      out.push(this.agents.indexOf(r));
    }
    return out;
  }

  begin(): void {
    this.out = [];
  }

  offer(contactId: string, agentNumber: number, atMs: number): void {
    const t = atMs | 0;
    const contact = this.inProgress(contactId);
    const agent = this.agents[agentNumber] as AgentRecord;
    contact.state = RowState.offered;
    contact.agent = agent;
    contact.offeredAtMs = t;
    contact.queue.waiting--;
    this.takeFree(agent);
    agent.state = RowState.offered;
    agent.offeredAtMs = t;
    this.timers.set(contact.row, t + 30_000, ++this.timerSeq);
    this.emit({
      type: 'contactOffered',
      seq: 0,
      atMs: t,
      contactId,
      queueId: contact.queue.id,
      agentId: agent.id,
      decision: {
        rule: 'longest-idle',
        candidates: [{ agentId: agent.id, scores: [0, t, this.seq] }],
      },
    });
  }

  private emit(event: ModelEvent): void {
    event.seq = ++this.seq;
    this.out.push(event);
  }

  arrive(contactId: string, queueId: string, t: number): void {
    let queue = this.queues.get(queueId);
    if (queue === undefined) this.queues.set(queueId, (queue = new QueueRecord(queueId)));
    let contact = this.spareRecords.pop();
    if (contact === undefined) {
      contact = new ContactRecord(contactId, queue, this.records.length);
      this.records.push(contact);
    } else {
      contact.id = contactId;
      contact.queue = queue;
      contact.agent = undefined;
    }
    this.index.insert(contactId, contact.row);
    contact.state = RowState.queued;
    contact.arrivedAtMs = t;
    queue.arrived++;
    queue.waiting++;
    this.emit({ type: 'contactQueued', seq: 0, atMs: t, contactId, queueId });
  }

  answer(contactId: string, agentId: string, accepted: boolean, t: number): void {
    const contact = this.inProgress(contactId);
    const agent = contact.agent;
    if (agent?.id !== agentId) {
      throw new Error(`objects model: ${contactId} not offered to ${agentId}`);
    }
    this.timers.remove(contact.row);
    const queue = contact.queue;
    if (accepted) {
      contact.state = RowState.connected;
      contact.connectedAtMs = t;
      agent.state = RowState.connected;
      queue.answered++;
      queue.waitMs += t - contact.arrivedAtMs;
      this.emit({
        type: 'contactConnected',
        seq: 0,
        atMs: t,
        contactId,
        queueId: queue.id,
        agentId,
      });
    } else {
      contact.state = RowState.queued;
      contact.agent = undefined;
      queue.waiting++;
      agent.state = RowState.idle;
      this.addFree(agent);
      this.emit({ type: 'offerRevoked', seq: 0, atMs: t, contactId, queueId: queue.id, agentId });
    }
  }

  end(contactId: string, t: number): void {
    const contact = this.inProgress(contactId);
    const agent = contact.agent as AgentRecord;
    contact.state = RowState.wrapping;
    contact.endedAtMs = t;
    agent.state = RowState.wrapping;
    agent.endedAtMs = t;
    const queueId = contact.queue.id;
    this.emit({ type: 'contactEnded', seq: 0, atMs: t, contactId, queueId, agentId: agent.id });
  }

  finish(contactId: string, wrapped: boolean, t: number): void {
    const slot = this.index.slotOf(contactId);
    if (slot < 0) throw new Error(`objects model: no contact ${contactId} in progress`);
    const contact = this.records[this.index.rowAt(slot)] as ContactRecord;
    const queue = contact.queue;
    if (wrapped) {
      const agent = contact.agent as AgentRecord;
      agent.state = RowState.idle;
      agent.handledMs += t - contact.connectedAtMs;
      queue.handled++;
      this.addFree(agent);
      const agentId = agent.id;
      this.emit({
        type: 'contactCompleted',
        seq: 0,
        atMs: t,
        contactId,
        queueId: queue.id,
        agentId,
      });
    } else {
      if (contact.state === RowState.queued) queue.waiting--;
      this.timers.remove(contact.row);
      queue.abandoned++;
      this.emit({ type: 'contactAbandoned', seq: 0, atMs: t, contactId, queueId: queue.id });
    }
    this.index.removeAt(slot);
    this.spareRecords.push(contact);
  }

  agentChanged(agentId: string, change: AgentChange, t: number): void {
    const agent = this.agentById.get(agentId);
    if (agent === undefined) throw new Error(`objects model: no agent ${agentId}`);
    agent.changedAtMs = t;
    if (change === 'pause' || change === 'logout') this.takeFree(agent);
    else if (agent.state === 0 || agent.state === RowState.idle) {
      agent.state = RowState.idle;
      this.addFree(agent);
    }
    this.emit({ type: 'agentStateChanged', seq: 0, atMs: t, contactId: '', agentId });
  }

  private addFree(agent: AgentRecord): void {
    if (agent.free) return;
    const pool = agent.pool;
    const tail = pool.tail;
    agent.prev = tail;
    agent.next = undefined;
    agent.free = true;
    if (tail === undefined) pool.head = agent;
    else tail.next = agent;
    pool.tail = agent;
    pool.free++;
    let waiting = 0;
    for (let k = 0; k < LINKS_PER_POOL; k++)
      waiting += this.waiting[pool.links[k] as number] as number;
    agent.changedAtMs = waiting;
  }

  private takeFree(agent: AgentRecord): void {
    if (!agent.free) return;
    const pool = agent.pool;
    const { prev, next } = agent;
    if (prev === undefined) pool.head = next;
    else prev.next = next;
    if (next === undefined) pool.tail = prev;
    else next.prev = prev;
    agent.prev = agent.next = undefined;
    agent.free = false;
    pool.free--;
  }

  private inProgress(contactId: string): ContactRecord {
    const row = this.index.rowOf(contactId);
    if (row < 0) throw new Error(`objects model: no contact ${contactId} in progress`);
    return this.records[row] as ContactRecord;
  }
}
