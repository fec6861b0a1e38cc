import { IndexedHeap } from '../collections/indexed-heap.ts';
import type { AgentSelection, SlotChannel } from '../model/config.ts';
import type { AgentChannel, AgentRuntime, Profile, SiteRuntime } from '../model/runtime.ts';
import type { Bucket } from './bucket.ts';

/**
 * The agents of one skill profile at one site, for one channel (SPEC PERF1). Its heaps hold the
 * members free to take a contact on that channel, ordered for each agent-selection strategy; a
 * decision looks at one head per pool instead of scanning agents.
 */
export class AgentPool {
  /** Free members by idle time: longest idle and most skilled use it. */
  readonly idle = new IndexedHeap<AgentRuntime>();
  /** Built on first use by a least-occupied queue. */
  occupancy: IndexedHeap<AgentRuntime> | undefined;
  /** Built on first use by a round-robin queue. */
  rotation: IndexedHeap<AgentRuntime> | undefined;
  /** Every agent of the pool, logged in or not. */
  readonly members = new Set<AgentChannel>();
  loggedIn = 0;
  /** Queue buckets whose requirements this pool meets, with the pool's proficiency score. */
  readonly buckets: Bucket[] = [];

  constructor(
    readonly key: string,
    readonly profile: Profile,
    readonly site: SiteRuntime,
    readonly channel: SlotChannel,
  ) {}

  get free(): number {
    return this.idle.size;
  }

  heapFor(strategy: AgentSelection): IndexedHeap<AgentRuntime> {
    if (strategy === 'least-occupied')
      return (this.occupancy ??= this.build((m) => m.occupancyNode));
    if (strategy === 'round-robin') return (this.rotation ??= this.build((m) => m.rotationNode));
    return this.idle;
  }

  addFree(member: AgentChannel): void {
    setKeys(member);
    this.idle.push(member.idleNode);
    this.occupancy?.push(member.occupancyNode);
    this.rotation?.push(member.rotationNode);
  }

  removeFree(member: AgentChannel): void {
    this.idle.remove(member.idleNode);
    if (this.occupancy) this.occupancy.remove(member.occupancyNode);
    if (this.rotation) this.rotation.remove(member.rotationNode);
  }

  /** The member's keys changed (it took or finished work but stays free). */
  rekey(member: AgentChannel): void {
    setKeys(member);
    this.idle.update(member.idleNode);
    if (this.occupancy) this.occupancy.update(member.occupancyNode);
    if (this.rotation) this.rotation.update(member.rotationNode);
  }

  private build(node: (m: AgentChannel) => AgentChannel['idleNode']): IndexedHeap<AgentRuntime> {
    const heap = new IndexedHeap<AgentRuntime>();
    for (const member of this.members) if (member.matchable) heap.push(node(member));
    return heap;
  }
}

function setKeys(member: AgentChannel): void {
  const agent = member.agent;
  member.idleNode.k1 = member.idleSinceMs;
  member.idleNode.k2 = member.idleSeq;
  member.occupancyNode.k1 = agent.handledMs;
  member.occupancyNode.k2 = member.idleSinceMs;
  member.occupancyNode.k3 = member.idleSeq;
  member.rotationNode.k1 = agent.lastOfferSeq;
  member.rotationNode.k2 = member.idleSeq;
}
