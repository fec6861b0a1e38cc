import { IndexedHeap } from '../collections/indexed-heap.ts';
import { slotChannel, type Channel, type SlotChannel } from '../model/config.ts';
import type { ContactRuntime, EffectiveStep, QueueRuntime } from '../model/runtime.ts';
import type { AgentPool } from './agent-pool.ts';
import type { BucketTable } from './pool-table.ts';
import { siteTier } from './site-tier.ts';

/**
 * The contacts of one queue at one routing step on one channel: they share their eligibility,
 * so the head (highest priority, then earliest place) is the bucket's best for any agent.
 */
export class Bucket {
  readonly contacts = new IndexedHeap<ContactRuntime>();
  /**
   * Pools that meet this bucket's requirements, ordered by site tier from the queue's home site
   * (SPEC MAT7), with their tier and proficiency score (most skilled) in parallel arrays.
   */
  readonly pools: AgentPool[] = [];
  readonly poolSkill: number[] = [];
  readonly poolTier: number[] = [];
  /** [tier, row, proficiency] per pool, in one typed array: what a decision reads (SPEC PERF1). */
  links = new Float64Array(0);
  readonly key: string;
  /** The agent slot its contacts take: the pools it links to are of this channel. */
  readonly slotChannel: SlotChannel;

  /** This bucket's row in the bucket table. */
  readonly row: number;

  constructor(
    readonly queue: QueueRuntime,
    readonly step: EffectiveStep,
    readonly channel: Channel,
    private readonly table: BucketTable,
  ) {
    this.row = table.add(queue.weight);
    this.key = bucketKey(step.index, channel);
    this.slotChannel = slotChannel(channel);
  }

  add(contact: ContactRuntime): void {
    this.contacts.push(contact.bucketNode);
    this.publish();
  }

  remove(contact: ContactRuntime): void {
    this.contacts.remove(contact.bucketNode);
    this.publish();
  }

  /** Copies the waiting count and the head's line keys into the shared table. */
  private publish(): void {
    const t = this.table;
    const row = this.row;
    t.waiting[row] = this.contacts.size;
    const head = this.contacts.peek();
    t.head[row] = head?.value;
    if (head) {
      t.headKeys[3 * row] = head.k1;
      t.headKeys[3 * row + 1] = head.k2;
      t.headKeys[3 * row + 2] = head.k3;
    }
  }

  accepts(pool: AgentPool): boolean {
    return stepAccepts(this.step, this.slotChannel, pool);
  }

  /** Mean proficiency over the required skills: the "most skilled" score (SPEC MAT2). */
  skillScore(pool: AgentPool): number {
    if (this.step.skills.size === 0) return 0;
    let sum = 0;
    for (const skill of this.step.skills.keys()) sum += pool.profile.skills.get(skill) ?? 0;
    return sum / this.step.skills.size;
  }

  link(pool: AgentPool): void {
    pool.prepare(this.queue.strategy); // builds the strategy's heap, so the table has its head
    this.insert(pool, this.skillScore(pool), siteTier(this.queue.homeSite, pool));
    pool.linkBucket(this);
  }

  /** Keeps the pools in tier order, so a decision can stop at the first tier with a free agent. */
  private insert(pool: AgentPool, skill: number, tier: number): void {
    let i = this.pools.length;
    while (i > 0 && (this.poolTier[i - 1] as number) > tier) i--;
    this.pools.splice(i, 0, pool);
    this.poolSkill.splice(i, 0, skill);
    this.poolTier.splice(i, 0, tier);
    this.packLinks();
  }

  private packLinks(): void {
    const links = new Float64Array(this.pools.length * 3);
    for (let i = 0; i < this.pools.length; i++) {
      links[3 * i] = this.poolTier[i] as number;
      links[3 * i + 1] = (this.pools[i] as AgentPool).index;
      links[3 * i + 2] = this.poolSkill[i] as number;
    }
    this.links = links;
  }

  unlinkAll(): void {
    for (const pool of this.pools) pool.unlinkBucket(this);
    this.pools.length = 0;
    this.poolSkill.length = 0;
    this.poolTier.length = 0;
    this.links = new Float64Array(0);
  }

  /** A site changed city: tiers are computed again. */
  refreshTiers(): void {
    const pools = [...this.pools];
    const skills = [...this.poolSkill];
    this.pools.length = 0;
    this.poolSkill.length = 0;
    this.poolTier.length = 0;
    pools.forEach((pool, i) =>
      this.insert(pool, skills[i] as number, siteTier(this.queue.homeSite, pool)),
    );
  }
}

export const bucketKey = (step: number, channel: Channel): string => `${step}:${channel}`;

/** Whether a pool's agents meet a step's requirements on a slot channel (SPEC MAT2, STP1). */
export function stepAccepts(step: EffectiveStep, channel: SlotChannel, pool: AgentPool): boolean {
  if (pool.channel !== channel) return false;
  if (step.sites && !step.sites.has(pool.site.id)) return false;
  for (const [skill, min] of step.skills) {
    if ((pool.profile.skills.get(skill) ?? 0) < min) return false;
  }
  return true;
}
