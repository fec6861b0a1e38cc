import type { SiteRuntime } from '../model/runtime.ts';
import type { AgentPool } from './agent-pool.ts';

/** 0 same site, 1 same city, 2 elsewhere in the network; 0 for all without a home (SPEC MAT7). */
export function siteTier(home: SiteRuntime | undefined, pool: AgentPool): number {
  if (!home || pool.site === home) return 0;
  return pool.site.config.city === home.config.city ? 1 : 2;
}
