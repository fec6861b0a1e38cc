import type { Core } from '../core.ts';
import type { AgentSelection } from '../model/config.ts';
import type { Decision } from '../model/events.ts';
import type { AgentRuntime, ContactRuntime } from '../model/runtime.ts';
import type { AgentPool } from './agent-pool.ts';
import { siteTier } from './site-tier.ts';

const agentId = (agent: AgentRuntime): string => agent.id;

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
  const cachedTiers = home === queue.homeSite ? bucket.poolTier : undefined;
  const top = core.topAgents.reset();
  const pools = bucket.pools;
  for (let i = 0; i < pools.length; i++) {
    // Pools come in tier order: past the tier of an agent found, none can do better.
    if (cachedTiers && top.count > 0 && (cachedTiers[i] as number) > top.bestScore0) break;
    const pool = pools[i] as AgentPool;
    core.headsWeighed++;
    if (pool.idle.size === 0) continue;
    const node = pool.heapFor(strategy).peek();
    if (!node) continue;
    top.considered++;
    const tier = cachedTiers ? (cachedTiers[i] as number) : siteTier(home, pool);
    // Scores come from the heap node's keys (SPEC MAT1–MAT4): no agent record is read.
    if (strategy === 'most-skilled') {
      top.offer(node.value, tier, -(bucket.poolSkill[i] as number), node.k1, node.k2);
    } else {
      top.offer(node.value, tier, node.k1, node.k2, node.k3);
    }
  }
  const agent = top.best;
  if (!agent) return undefined;
  const fields = FIELDS[strategy];
  return {
    agent,
    decision: {
      trigger: 'contact',
      rule: strategy,
      scoreFields: fields,
      step: bucket.step.index,
      considered: top.considered,
      candidates: top.candidates(fields.length, agentId),
    },
  };
}
