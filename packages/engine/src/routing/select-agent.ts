import type { Core } from '../core.ts';
import type { AgentSelection } from '../model/config.ts';
import type { Decision } from '../model/events.ts';
import type { AgentRuntime, ContactRuntime } from '../model/runtime.ts';
import type { AgentPool } from './agent-pool.ts';
import type { PoolTable } from './pool-table.ts';
import { siteTier } from './site-tier.ts';

/** The agents pools put forward under a strategy: the heads of their heaps, by table row. */
const headsOf = (table: PoolTable, strategy: AgentSelection): (AgentRuntime | undefined)[] =>
  strategy === 'least-occupied'
    ? table.occupancyHead
    : strategy === 'round-robin'
      ? table.rotationHead
      : table.idleHead;

const FIELDS: Record<AgentSelection, string[]> = {
  'longest-idle': ['siteTier', 'idleSinceMs', 'idleOrder'],
  'most-skilled': ['siteTier', 'minusProficiency', 'idleSinceMs', 'idleOrder'],
  'least-occupied': ['siteTier', 'handledMs', 'idleSinceMs', 'idleOrder'],
  'round-robin': ['siteTier', 'lastOfferOrder', 'idleOrder'],
};

/**
 * The best free agent for a waiting contact: one head per eligible pool, compared on site tier
 * then the queue's strategy (SPEC MAT1–MAT4, MAT7).
 */
export function selectAgent(
  core: Core,
  contact: ContactRuntime,
): { agent: AgentRuntime; decision: Decision } | undefined {
  const bucket = contact.bucket;
  if (!bucket) return undefined;
  const queue = bucket.queue;
  const strategy = queue.strategy;
  // The bucket caches each pool's tier from the queue's home site; a contact's own site differs.
  const home = contact.site ?? queue.homeSite;
  const useCache = home === queue.homeSite;
  const top = core.topPools.reset();
  const pools = bucket.pools;
  const links = bucket.links;
  const table = core.topology.table;
  const free = table.free;
  const n = pools.length;
  for (let i = 0; i < n; i++) {
    const cachedTier = links[3 * i] as number;
    // Pools come in tier order: past the tier of an agent found, none can do better.
    if (useCache && top.count > 0 && cachedTier > top.bestScore0) break;
    core.headsWeighed++;
    const row = links[3 * i + 1] as number;
    if (free[row] === 0) continue;
    top.considered++;
    const tier = useCache ? cachedTier : siteTier(home, pools[i] as AgentPool);
    // Each pool's best agent, scored from the table (SPEC MAT1–MAT4): no record is read.
    switch (strategy) {
      case 'longest-idle':
        top.offer(row, tier, table.idle[2 * row] as number, table.idle[2 * row + 1] as number, 0);
        break;
      case 'most-skilled':
        top.offer(
          row,
          tier,
          -(links[3 * i + 2] as number),
          table.idle[2 * row] as number,
          table.idle[2 * row + 1] as number,
        );
        break;
      case 'least-occupied':
        top.offer(
          row,
          tier,
          table.occupancy[3 * row] as number,
          table.occupancy[3 * row + 1] as number,
          table.occupancy[3 * row + 2] as number,
        );
        break;
      case 'round-robin':
        top.offer(
          row,
          tier,
          table.rotation[2 * row] as number,
          table.rotation[2 * row + 1] as number,
          0,
        );
        break;
    }
  }
  const best = top.best;
  if (best === undefined) return undefined;
  const agent = headsOf(table, strategy)[best] as AgentRuntime;
  // Ids of the candidates from the table too: the losing agents' records are not fetched.
  const ids =
    strategy === 'least-occupied'
      ? table.occupancyHeadId
      : strategy === 'round-robin'
        ? table.rotationHeadId
        : table.idleHeadId;
  const fields = FIELDS[strategy];
  return {
    agent,
    decision: {
      trigger: 'contact',
      rule: strategy,
      scoreFields: fields,
      step: bucket.step.index,
      considered: top.considered,
      candidates: top.candidates(fields.length, (row) => ids[row] ?? ''),
    },
  };
}
