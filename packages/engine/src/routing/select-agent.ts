import type { Core } from '../core.ts';
import type { AgentSelection } from '../model/config.ts';
import type { Decision } from '../model/events.ts';
import type { AgentRuntime, ContactRuntime, SiteRuntime } from '../model/runtime.ts';
import type { AgentPool } from './agent-pool.ts';
import { TopCandidates } from './top-candidates.ts';

const FIELDS: Record<AgentSelection, string[]> = {
  'longest-idle': ['siteTier', 'idleSinceMs', 'idleOrder'],
  'most-skilled': ['siteTier', 'minusProficiency', 'idleSinceMs', 'idleOrder'],
  'least-occupied': ['siteTier', 'handledMs', 'idleSinceMs', 'idleOrder'],
  'round-robin': ['siteTier', 'lastOfferOrder', 'idleOrder'],
};

/** 0 same site, 1 same city, 2 elsewhere in the network (SPEC MAT7). */
export function siteTier(home: SiteRuntime | undefined, pool: AgentPool): number {
  if (!home || pool.site === home) return 0;
  return pool.site.config.city === home.config.city ? 1 : 2;
}

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
  const home =
    contact.site ?? (queue.config.homeSiteId ? core.sites.get(queue.config.homeSiteId) : undefined);
  const top = new TopCandidates<AgentRuntime>(Math.max(1, core.settings.explainCandidates));
  const pools = bucket.pools;
  for (let i = 0; i < pools.length; i++) {
    const pool = pools[i] as AgentPool;
    if (pool.idle.size === 0) continue;
    const heap = pool.heapFor(strategy);
    const node = heap.peek();
    if (!node) continue;
    top.considered += heap.size;
    const agent = node.value;
    const tier = siteTier(home, pool);
    switch (strategy) {
      case 'longest-idle':
        top.offer(agent, agent.id, tier, agent.idleSinceMs, agent.idleSeq, 0);
        break;
      case 'most-skilled':
        top.offer(
          agent,
          agent.id,
          tier,
          -(bucket.poolSkill[i] as number),
          agent.idleSinceMs,
          agent.idleSeq,
        );
        break;
      case 'least-occupied':
        top.offer(agent, agent.id, tier, agent.handledMs, agent.idleSinceMs, agent.idleSeq);
        break;
      case 'round-robin':
        top.offer(agent, agent.id, tier, agent.lastOfferSeq, agent.idleSeq, 0);
        break;
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
      candidates: top.candidates(fields.length),
    },
  };
}
