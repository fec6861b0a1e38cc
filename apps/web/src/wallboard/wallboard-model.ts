// The wallboard's data outside React: the rows the feed sent (agents, queues, sites), kept in
// maps and replaced row by row, a version number React subscribes to, and the pure figures the
// views derive from them (thresholds, the network by city, filtering and sorting the agents).
import type {
  AgentState,
  WallboardAgent,
  WallboardMessage,
  WallboardQueue,
  WallboardSite,
} from '@relais/protocol';

/** Names compare as people read them: "Agent 9" before "Agent 10". */
const byName = new Intl.Collator(undefined, { numeric: true }).compare;

export class WallboardData {
  agents = new Map<string, WallboardAgent>();
  queues = new Map<string, WallboardQueue>();
  sites = new Map<string, WallboardSite>();
  /** Server time minus this browser's, from the latest message. */
  offsetMs = 0;
  seq = 0;
  /** Bumped on every change; React re-renders on it. */
  version = 0;
  /** False until the first snapshot. */
  loaded = false;
  private readonly listeners = new Set<() => void>();

  private ranks: ReadonlyMap<string, number> | undefined;

  /**
   * Each agent's place in name order (names compared as people read them), computed again only
   * when a name changes or an agent appears: sorting 5,000 names with a collator on every update
   * would cost more than the rest of the update.
   */
  nameRanks(): ReadonlyMap<string, number> {
    if (this.ranks === undefined) {
      const sorted = [...this.agents.values()].sort(
        (a, b) => byName(a.name, b.name) || (a.id < b.id ? -1 : 1),
      );
      this.ranks = new Map(sorted.map((a, i) => [a.id, i]));
    }
    return this.ranks;
  }

  apply(message: WallboardMessage, localNowMs: number): void {
    if (message.full) {
      this.ranks = undefined;
      this.agents = new Map(message.agents.map((a) => [a.id, a]));
      this.queues = new Map(message.queues.map((q) => [q.id, q]));
      this.sites = new Map(message.sites.map((s) => [s.id, s]));
      this.loaded = true;
    } else {
      // New maps only when something changes in them: views memoise on the map's identity.
      if (message.agents.length > 0) {
        this.agents = new Map(this.agents);
        for (const a of message.agents) {
          if (this.agents.get(a.id)?.name !== a.name) this.ranks = undefined;
          this.agents.set(a.id, a);
        }
      }
      if (message.queues.length > 0) {
        this.queues = new Map(this.queues);
        for (const q of message.queues) this.queues.set(q.id, q);
      }
      if (message.sites.length > 0) {
        this.sites = new Map(this.sites);
        for (const s of message.sites) this.sites.set(s.id, s);
      }
    }
    this.offsetMs = message.atMs - localNowMs;
    this.seq = message.seq;
    this.version++;
    for (const listener of this.listeners) listener();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getVersion = (): number => this.version;
}

/** A message from the stream, if it is the wallboard's (a light check: snapshots are large). */
export function asWallboardMessage(value: unknown): WallboardMessage | undefined {
  const m = value as Partial<WallboardMessage> | null;
  if (
    m === null ||
    typeof m !== 'object' ||
    m.type !== 'wallboard' ||
    typeof m.full !== 'boolean' ||
    typeof m.atMs !== 'number' ||
    !Array.isArray(m.agents) ||
    !Array.isArray(m.queues) ||
    !Array.isArray(m.sites)
  )
    return undefined;
  return m as WallboardMessage;
}

// --- Thresholds ------------------------------------------------------------------------------

/** 'ok', 'warn' (amber) or 'alarm' (red); the views show a word and an icon beside the colour. */
export type Level = 'ok' | 'warn' | 'alarm';

/** Service level: under target is amber, 10 points under is red. */
export function serviceLevelLevel(value: number | null | undefined, target: number): Level {
  if (value === null || value === undefined) return 'ok';
  if (value < target - 0.1) return 'alarm';
  return value < target ? 'warn' : 'ok';
}

/** Longest wait: past the queue's threshold is amber, past three times it red. */
export function waitLevel(waitMs: number, thresholdSeconds: number): Level {
  if (waitMs > 3 * thresholdSeconds * 1000) return 'alarm';
  return waitMs > thresholdSeconds * 1000 ? 'warn' : 'ok';
}

/** Abandonment: over 5 % amber, over 10 % red. */
export function abandonLevel(rate: number | null | undefined): Level {
  if (rate === null || rate === undefined) return 'ok';
  if (rate > 0.1) return 'alarm';
  return rate > 0.05 ? 'warn' : 'ok';
}

export const worse = (a: Level, b: Level): Level =>
  a === 'alarm' || b === 'alarm' ? 'alarm' : a === 'warn' || b === 'warn' ? 'warn' : 'ok';

// --- Network -----------------------------------------------------------------------------------

export const SHOWN_STATES: readonly AgentState[] = [
  'available',
  'reserved',
  'busy',
  'wrapUp',
  'paused',
];

export function loggedIn(site: { agentsByState: Record<AgentState, number> }): number {
  return SHOWN_STATES.reduce((n, state) => n + (site.agentsByState[state] ?? 0), 0);
}

/** Does this queue belong to the site's view: its home site, or a site it is restricted to. */
export function queueOfSite(queue: WallboardQueue, siteId: string): boolean {
  return queue.homeSiteId === siteId || (queue.sites ?? []).includes(siteId);
}

export interface SiteSummary {
  site: WallboardSite;
  loggedIn: number;
  /** The mean live service level of its queues that have one. */
  serviceLevel: number | null;
  /** Its queue furthest below target (or with the longest wait when none is below). */
  worstQueue: WallboardQueue | undefined;
  level: Level;
}

/** How far below target a queue is (higher is worse), for "worst queue". */
function badness(queue: WallboardQueue, nowMs: number): number {
  const gap = queue.serviceLevel === null ? 0 : queue.target - queue.serviceLevel;
  return gap * 1e6 + longestWait(queue, nowMs) / 1000;
}

export function longestWait(queue: WallboardQueue, serverNowMs: number): number {
  return queue.oldestSinceMs === null ? 0 : Math.max(0, serverNowMs - queue.oldestSinceMs);
}

export function summarizeSite(
  site: WallboardSite,
  queues: readonly WallboardQueue[],
  serverNowMs: number,
): SiteSummary {
  const mine = queues.filter((q) => queueOfSite(q, site.id));
  const measured = mine.filter((q) => q.serviceLevel !== null);
  const serviceLevel =
    measured.length === 0
      ? null
      : measured.reduce((sum, q) => sum + (q.serviceLevel ?? 0), 0) / measured.length;
  let worstQueue: WallboardQueue | undefined;
  for (const q of mine)
    if (worstQueue === undefined || badness(q, serverNowMs) > badness(worstQueue, serverNowMs))
      worstQueue = q;
  const level =
    worstQueue === undefined
      ? 'ok'
      : worse(
          serviceLevelLevel(worstQueue.serviceLevel, worstQueue.target),
          waitLevel(longestWait(worstQueue, serverNowMs), worstQueue.thresholdSeconds),
        );
  return { site, loggedIn: loggedIn(site), serviceLevel, worstQueue, level };
}

/** Sites grouped by city, cities in alphabetical order. */
export function byCity(sites: Iterable<WallboardSite>): [city: string, sites: WallboardSite[]][] {
  const cities = new Map<string, WallboardSite[]>();
  for (const site of sites) {
    const list = cities.get(site.city) ?? [];
    list.push(site);
    cities.set(site.city, list);
  }
  return [...cities]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([city, list]) => [city, list.sort((a, b) => a.id.localeCompare(b.id))]);
}

// --- Agents ------------------------------------------------------------------------------------

export interface AgentFilter {
  siteId: string;
  state: AgentState | '';
  queueId: string;
  text: string;
}

export type AgentSort = 'name' | 'state' | 'since' | 'site';

const STATE_ORDER: Record<AgentState, number> = {
  available: 0,
  reserved: 1,
  busy: 2,
  wrapUp: 3,
  paused: 4,
  loggedOut: 5,
};

/** The agents matching the filter, sorted; the grid draws only the rows in view. */
export function selectAgents(
  agents: Iterable<WallboardAgent>,
  queues: ReadonlyMap<string, WallboardQueue>,
  filter: AgentFilter,
  sort: AgentSort,
  descending: boolean,
  /** Skill id → minimum, per queue id, when the page has read the queues' configuration. */
  queueSkills: ReadonlyMap<string, Record<string, number>> = new Map(),
  /** Each agent's place in name order (WallboardData.nameRanks); by default, computed here. */
  ranks?: ReadonlyMap<string, number>,
): WallboardAgent[] {
  const text = filter.text.trim().toLowerCase();
  const queue = filter.queueId === '' ? undefined : queues.get(filter.queueId);
  const skills = queue === undefined ? undefined : queueSkills.get(queue.id);
  const out: WallboardAgent[] = [];
  for (const a of agents) {
    if (filter.siteId !== '' && a.siteId !== filter.siteId) continue;
    if (filter.state !== '' && a.state !== filter.state) continue;
    if (queue !== undefined && !servesQueue(a, queue, skills)) continue;
    if (text !== '' && !a.name.toLowerCase().includes(text) && !a.id.toLowerCase().includes(text))
      continue;
    out.push(a);
  }
  const rank =
    ranks ??
    new Map(
      [...out]
        .sort((a, b) => byName(a.name, b.name) || (a.id < b.id ? -1 : 1))
        .map((a, i) => [a.id, i]),
    );
  // Decorated with numbers, sorted on numbers: thousands of rows sort in a few milliseconds.
  const siteIds = [...new Set(out.map((a) => a.siteId))].sort();
  const siteRank = new Map(siteIds.map((id, i) => [id, i]));
  const primary =
    sort === 'site' ? (a: WallboardAgent) => siteRank.get(a.siteId) ?? 0 : PRIMARY[sort];
  const keyed = out.map((agent) => ({
    agent,
    first: primary(agent),
    second: rank.get(agent.id) ?? 0,
  }));
  const sign = descending ? -1 : 1;
  // Ties in name order, whichever way the column goes (descending by name reverses it).
  keyed.sort((x, y) =>
    sort === 'name'
      ? sign * (x.second - y.second)
      : sign * (x.first - y.first) || x.second - y.second,
  );
  for (let i = 0; i < keyed.length; i++) out[i] = (keyed[i] as { agent: WallboardAgent }).agent;
  return out;
}

/**
 * An agent who could serve the queue (its skills, and its site if the queue names sites), or
 * who holds one of its contacts now.
 */
export function servesQueue(
  agent: WallboardAgent,
  queue: WallboardQueue,
  skills: Record<string, number> | undefined,
): boolean {
  if (agent.contactQueueId === queue.id) return true;
  if (queue.sites !== undefined && !queue.sites.includes(agent.siteId)) return false;
  return (
    skills === undefined ||
    Object.entries(skills).every(([skill, min]) => (agent.skills[skill] ?? 0) >= min)
  );
}

/** The number each sort orders by first (then the name's rank). */
const PRIMARY: Record<Exclude<AgentSort, 'site'>, (a: WallboardAgent) => number> = {
  name: () => 0,
  state: (a) => STATE_ORDER[a.state],
  // Longest in state first when ascending: the oldest "since" first; unknown last.
  since: (a) => a.sinceMs ?? Number.MAX_SAFE_INTEGER,
};
