import {
  CHANNELS,
  channelOrder,
  slotChannel,
  type Channel,
  type SlotChannel,
} from '../model/config.ts';

import type { Profile, QueueRuntime, SiteRuntime } from '../model/runtime.ts';
import { AgentPool } from './agent-pool.ts';
import { BucketTable, PoolTable } from './pool-table.ts';
import { Bucket, stepAccepts } from './bucket.ts';

const ANY_SKILL = '*';

/** Agents logged in (eligible) and free (available) for a queue's step. */
export interface ServingCounts {
  eligible: number;
  available: number;
}

/**
 * Which agent pools can serve which queue buckets. Links are made when a pool or a bucket is
 * created, through an index by skill so that a new pool only meets the buckets that could accept
 * it; routing itself then only follows links (SPEC PERF1).
 */
export class Topology {
  /** The hot per-pool figures decisions read. */
  readonly table = new PoolTable();
  /** Waiting counts per bucket, read by freed agents. */
  readonly bucketTable = new BucketTable();
  private readonly profiles = new Map<string, Profile>();
  private readonly pools = new Map<string, AgentPool>();
  /** slot channel → skill → pools whose profile has that skill */
  private readonly poolsBySkill = new Map<SlotChannel, Map<string, Set<AgentPool>>>();
  /** slot channel → anchor skill → buckets requiring it (ANY_SKILL: buckets requiring nothing) */
  private readonly bucketsByAnchor = new Map<SlotChannel, Map<string, Set<Bucket>>>();
  private readonly bucketAnchor = new Map<Bucket, string>();
  private readonly serving: ServingCounts = { eligible: 0, available: 0 };

  profileFor(skills: Record<string, number>): Profile {
    const entries = Object.entries(skills).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const key = entries.map(([s, p]) => `${s}:${p}`).join(',');
    let profile = this.profiles.get(key);
    if (!profile) {
      profile = { key, skills: new Map(entries) };
      this.profiles.set(key, profile);
    }
    return profile;
  }

  poolFor(profile: Profile, site: SiteRuntime, channel: SlotChannel): AgentPool {
    const key = `${channel}|${site.id}|${profile.key}`;
    let pool = this.pools.get(key);
    if (pool) return pool;
    pool = new AgentPool(key, profile, site, channel, this.table);
    this.pools.set(key, pool);
    const bySkill = getOrCreate(
      this.poolsBySkill,
      channel,
      () => new Map<string, Set<AgentPool>>(),
    );
    for (const skill of [...profile.skills.keys(), ANY_SKILL]) {
      getOrCreate(bySkill, skill, () => new Set<AgentPool>()).add(pool);
    }
    const anchors = this.bucketsByAnchor.get(channel);
    if (anchors) {
      for (const skill of [...profile.skills.keys(), ANY_SKILL]) {
        for (const bucket of anchors.get(skill) ?? []) if (bucket.accepts(pool)) bucket.link(pool);
      }
    }
    return pool;
  }

  bucketFor(queue: QueueRuntime, stepIndex: number, channel: Channel): Bucket {
    const listIndex = stepIndex * CHANNELS.length + channelOrder(channel);
    const cached = queue.bucketList[listIndex];
    if (cached) return cached;
    const step = queue.steps[stepIndex];
    if (!step) throw new Error(`queue ${queue.id} has no step ${stepIndex}`);
    const bucket = new Bucket(queue, step, channel, this.bucketTable);
    queue.buckets.set(bucket.key, bucket);
    queue.bucketList[listIndex] = bucket;
    const slotChannel = bucket.slotChannel;
    const bySkill = getOrCreate(
      this.poolsBySkill,
      slotChannel,
      () => new Map<string, Set<AgentPool>>(),
    );
    // Anchor on the required skill held by the fewest pools: the fewest candidates to check.
    let anchor = ANY_SKILL;
    let smallest = Infinity;
    for (const skill of step.skills.keys()) {
      const size = bySkill.get(skill)?.size ?? 0;
      if (size < smallest) [anchor, smallest] = [skill, size];
    }
    getOrCreate(
      getOrCreate(this.bucketsByAnchor, slotChannel, () => new Map<string, Set<Bucket>>()),
      anchor,
      () => new Set<Bucket>(),
    ).add(bucket);
    this.bucketAnchor.set(bucket, anchor);
    for (const pool of bySkill.get(anchor) ?? []) if (bucket.accepts(pool)) bucket.link(pool);
    return bucket;
  }

  /**
   * The pools that can serve a queue's step on a channel, for queries: the bucket's links when
   * the bucket exists, else found by a scan, so that a query creates nothing (a replayed engine
   * never saw the query).
   */
  poolsServing(queue: QueueRuntime, stepIndex: number, channel: Channel): readonly AgentPool[] {
    const bucket = queue.bucketList[stepIndex * CHANNELS.length + channelOrder(channel)];
    if (bucket) return bucket.pools;
    const step = queue.steps[stepIndex];
    if (!step) return [];
    const slot = slotChannel(channel);
    return [...this.pools.values()].filter((pool) => stepAccepts(step, slot, pool));
  }

  /**
   * Agents logged in and free in the pools serving a queue's step on a channel (SPEC RT1, RT4).
   * With the bucket, from the pool table: no pool record is fetched. The result is reused by
   * the next call.
   */
  countServing(queue: QueueRuntime, stepIndex: number, channel: Channel): ServingCounts {
    const out = this.serving;
    let eligible = 0;
    let available = 0;
    const bucket = queue.bucketList[stepIndex * CHANNELS.length + channelOrder(channel)];
    if (bucket) {
      const { loggedIn, free } = this.table;
      const links = bucket.links;
      for (let i = 1; i < links.length; i += 3) {
        const row = links[i] as number;
        eligible += loggedIn[row] as number;
        available += free[row] as number;
      }
    } else {
      for (const pool of this.poolsServing(queue, stepIndex, channel)) {
        eligible += pool.loggedIn;
        available += pool.free;
      }
    }
    out.eligible = eligible;
    out.available = available;
    return out;
  }

  /**
   * Forgets a queue's buckets (the queue was reconfigured or removed); their contacts must be
   * re-placed, and their table rows go to new buckets.
   */
  dropBuckets(queue: QueueRuntime): Bucket[] {
    const dropped = [...queue.buckets.values()];
    for (const bucket of dropped) {
      bucket.unlinkAll();
      const anchor = this.bucketAnchor.get(bucket) ?? ANY_SKILL;
      this.bucketsByAnchor.get(bucket.slotChannel)?.get(anchor)?.delete(bucket);
      this.bucketAnchor.delete(bucket);
      this.bucketTable.release(bucket.row);
    }
    queue.buckets.clear();
    queue.bucketList.length = 0;
    return dropped;
  }

  get poolCount(): number {
    return this.pools.size;
  }

  get profileCount(): number {
    return this.profiles.size;
  }
}

function getOrCreate<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let value = map.get(key);
  if (value === undefined) {
    value = make();
    map.set(key, value);
  }
  return value;
}
