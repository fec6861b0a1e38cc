/** The runtime record of a contact in progress. */
import { HeapNode } from '../collections/indexed-heap.ts';
import type { Bucket } from '../routing/bucket.ts';
import { slotIndex, type Channel } from './config.ts';
import type { ContactState } from './events.ts';
import type { AgentRuntime, QueueRuntime, SiteRuntime } from './runtime.ts';

/** A contact in progress. */
export class ContactRuntime {
  // Fields in the order of use by the commands that find a contact by id (accept, end,
  // endWrapUp): on a large network the record is cold, and the fields read together then share
  // one or two cache lines instead of spreading over five.
  id: string;
  state: ContactState = 'queued';
  agent: AgentRuntime | undefined;
  queue: QueueRuntime;
  /** The record's number, kept when the record is reused: its row in the timer heap. */
  readonly row: number;
  /** The agent slot this contact takes (slotIndex); kept in step when the channel changes. */
  slot: number;
  channel: Channel;
  /** Place in line: the time the contact (virtually) joined the current queue. */
  enqueuedAtMs = 0;
  offeredAtMs = 0;
  connectedAtMs = 0;
  holdStartMs: number | undefined;
  holdMs = 0;
  endedAtMs = 0;
  wrapUpUntilMs: number | undefined;
  /** Neighbours in its agent's list of held contacts. */
  prevHeld: ContactRuntime | undefined;
  nextHeld: ContactRuntime | undefined;
  dispositionId: string | undefined;
  /** Queued for routing in the current drain. */
  marked = false;
  offerExpiresAtMs = 0;
  /** Effective priority: queue priority + contact priority + raises from steps. */
  priority = 0;
  /** Tie-break for equal places; fixed for the contact's visit to a queue. */
  order = 0;
  step = 0;
  bucket: Bucket | undefined;
  readonly bucketNode: HeapNode<ContactRuntime>;
  readonly ageNode: HeapNode<ContactRuntime>;
  preferredAgent: AgentRuntime | undefined;
  preferredUntilMs = 0;
  callbackNumber: string | undefined;
  callbackDueAtMs: number | undefined;
  /** Queues this contact was pushed through by overflow; bounds overflow cycles (SPEC OVF4). */
  overflowHops = 0;
  basePriority: number;
  site: SiteRuntime | undefined;
  arrivedAtMs: number;
  constructor(
    row: number,
    id: string,
    queue: QueueRuntime,
    channel: Channel,
    basePriority: number,
    site: SiteRuntime | undefined,
    arrivedAtMs: number,
  ) {
    this.id = id;
    this.queue = queue;
    this.row = row;
    this.slot = slotIndex(channel);
    this.channel = channel;
    this.bucketNode = new HeapNode<ContactRuntime>(this);
    this.ageNode = new HeapNode<ContactRuntime>(this);
    this.basePriority = basePriority;
    this.site = site;
    this.arrivedAtMs = arrivedAtMs;
  }

  /**
   * Makes a finished record a new contact, as the constructor would (Core.newContact): on a
   * large network, new records outlive the young generation and cost the collector twice.
   */
  reuse(
    id: string,
    queue: QueueRuntime,
    channel: Channel,
    basePriority: number,
    site: SiteRuntime | undefined,
    arrivedAtMs: number,
  ): this {
    this.id = id;
    this.queue = queue;
    this.channel = channel;
    this.basePriority = basePriority;
    this.site = site;
    this.arrivedAtMs = arrivedAtMs;
    this.state = 'queued';
    this.priority = this.enqueuedAtMs = this.order = this.step = 0;
    this.bucket = undefined;
    // The two heap nodes are left alone: they are out of every heap (finish took them out) and
    // their keys are written before each push; on a large network they are two cold records
    // that an arrival offered at once no longer reaches (SPEC PERF7).
    this.agent = undefined;
    this.offeredAtMs = this.offerExpiresAtMs = this.connectedAtMs = 0;
    this.holdStartMs = undefined;
    this.holdMs = this.endedAtMs = 0;
    this.wrapUpUntilMs = undefined;
    this.dispositionId = undefined;
    this.preferredAgent = undefined;
    this.preferredUntilMs = 0;
    this.callbackNumber = undefined;
    this.callbackDueAtMs = undefined;
    this.slot = slotIndex(channel);
    this.marked = false;
    this.prevHeld = this.nextHeld = undefined;
    this.overflowHops = 0;
    return this;
  }
}
