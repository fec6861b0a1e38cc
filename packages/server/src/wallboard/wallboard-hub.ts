// The wallboard's live feed (`{"type":"watch"}` on /api/v1/stream): one hub per tenant runtime
// follows its events and, at most once a second, rebuilds the rows they touched — agents named
// by the events, every queue and site (cheap: a few hundred) — and sends each watcher the rows
// that changed and that it may see. A lone change goes at once; a burst within the second is one
// message at its end; a quiet second sends nothing.
import type { LoggedEvent } from '@relais/store';
import type {
  WallboardAgent,
  WallboardMessage,
  WallboardQueue,
  WallboardSite,
} from '@relais/protocol';
import type { Principal } from '../auth/principal.ts';
import { canSeeAgent, canSeeQueue, canSeeSite } from '../auth/scope.ts';
import type { ServerContext } from '../context.ts';
import type { TenantRuntime } from '../runtime/tenant-runtime.ts';

/** How far back in the log the time each agent entered its state is looked for at start. */
const SINCE_LOOKBACK_EVENTS = 50_000;
const PAGE = 1000;

interface AgentConfigRow {
  id: string;
  name?: string;
  siteId: string;
  skills: Record<string, number>;
}
interface SiteConfigRow {
  id: string;
  city: string;
  timeZone: string;
  positions: number;
}

export interface Watcher {
  principal: Principal;
  send: (message: WallboardMessage) => void;
}

/** Events that change configuration: the hub reloads it and sends everyone a fresh snapshot. */
const CONFIG_EVENTS = new Set([
  'siteConfigured',
  'siteRemoved',
  'queueConfigured',
  'queueRemoved',
  'agentConfigured',
  'agentRemoved',
]);
/** Events that end a contact's life: its queue is forgotten. */
const CONTACT_ENDS = new Set(['contactCompleted', 'contactAbandoned', 'contactCancelled']);

const hubs = new WeakMap<TenantRuntime, WallboardHub>();

export class WallboardHub {
  private agentConfig = new Map<string, AgentConfigRow>();
  private siteConfig = new Map<string, SiteConfigRow>();
  private agents = new Map<string, WallboardAgent>();
  private queues = new Map<string, WallboardQueue>();
  private sites = new Map<string, WallboardSite>();
  /** The JSON of each row as last sent, to send only what changed. */
  private sent = new Map<string, string>();
  private readonly since = new Map<string, number>();
  private readonly contactQueue = new Map<string, string>();
  private readonly agentContact = new Map<string, string>();
  private readonly dirtyAgents = new Set<string>();
  private eventsSinceRefresh = false;
  private configChanged = false;
  /** Rows refreshed but not compared with what was sent yet. */
  private unsent = false;
  private readonly unsentAgents = new Set<string>();
  /** After a configuration change: everyone gets a snapshot at the next tick. */
  private snapshotDue = false;
  private seq = 0;
  private readonly watchers = new Set<Watcher>();
  private timer: NodeJS.Timeout | undefined;
  private lastTickMs = 0;
  private ticking: Promise<void> = Promise.resolve();
  readonly ready: Promise<void>;

  private constructor(
    private readonly context: ServerContext,
    private readonly runtime: TenantRuntime,
    private readonly tickMs: number,
  ) {
    runtime.subscribe((events) => this.observe(events));
    this.ready = this.start();
  }

  static of(context: ServerContext, runtime: TenantRuntime): WallboardHub {
    let hub = hubs.get(runtime);
    if (hub === undefined) {
      const made = new WallboardHub(context, runtime, context.settings.wallboardTickMs);
      hubs.set(runtime, made);
      // A hub that could not start (the store failed) is not kept: the next watcher tries again.
      made.ready.catch(() => hubs.delete(runtime));
      hub = made;
    }
    return hub;
  }

  /** Adds a watcher: it gets a snapshot now, then changes. Returns the function that removes it. */
  async watch(watcher: Watcher): Promise<() => void> {
    await this.ready;
    // The rows brought up to date (after a tick in progress): the snapshot is current, and the
    // next tick sends others what changed, as it would have.
    const refreshed = this.ticking.then(() => this.refresh());
    this.ticking = refreshed.catch(() => undefined);
    await refreshed;
    watcher.send(this.snapshotFor(watcher.principal));
    this.watchers.add(watcher);
    if (this.eventsSinceRefresh || this.unsent || this.snapshotDue) this.schedule();
    return () => {
      this.watchers.delete(watcher);
    };
  }

  /**
   * Sends the changes at most once a period: at once when the last message is a period old (a
   * lone change shows without delay), else when the period ends, with whatever came meanwhile.
   */
  private schedule(): void {
    if (this.timer !== undefined || this.watchers.size === 0) return;
    const delay = Math.max(0, this.lastTickMs + this.tickMs - performance.now());
    this.timer = setTimeout(() => {
      this.lastTickMs = performance.now();
      this.ticking = this.ticking
        .then(() => this.tick())
        .catch((error: unknown) => {
          this.context.log.error({ err: error }, 'wallboard tick failed');
        })
        .finally(() => {
          this.timer = undefined;
          // Events that came while the tick ran wait for the next period.
          if (this.eventsSinceRefresh) this.schedule();
        });
    }, delay);
    this.timer.unref();
  }

  private observe(events: readonly LoggedEvent[]): void {
    for (const event of events) {
      this.seq = Math.max(this.seq, event.seq);
      this.eventsSinceRefresh = true;
      const body = event.body as {
        type: string;
        agentId?: string;
        contactId?: string;
        queueId?: string;
      };
      if (CONFIG_EVENTS.has(body.type)) this.configChanged = true;
      if (body.type === 'agentStateChanged' && body.agentId !== undefined)
        this.since.set(body.agentId, event.atMs);
      if (body.type === 'agentSkillsChanged' && body.agentId !== undefined) {
        const config = this.agentConfig.get(body.agentId);
        const skills = (body as { skills?: Record<string, number> }).skills;
        if (config !== undefined && skills !== undefined) config.skills = skills;
      }
      if (body.contactId !== undefined) {
        if (CONTACT_ENDS.has(body.type)) this.contactQueue.delete(body.contactId);
        else if (body.queueId !== undefined) this.contactQueue.set(body.contactId, body.queueId);
        if (body.agentId !== undefined && body.type === 'contactOffered')
          this.agentContact.set(body.agentId, body.contactId);
      }
      const agentId = event.refs.agentId ?? body.agentId;
      if (agentId !== undefined) this.dirtyAgents.add(agentId);
    }
    this.schedule();
  }

  private async start(): Promise<void> {
    await this.loadConfig();
    const engine = this.runtime.engine.inspect();
    this.seq = Math.max(this.seq, engine.seq);
    for (const contact of engine.contacts) {
      if (!this.contactQueue.has(contact.id)) this.contactQueue.set(contact.id, contact.queueId);
      if (contact.agentId !== undefined && !this.agentContact.has(contact.agentId))
        this.agentContact.set(contact.agentId, contact.id);
    }
    await this.backfillSince();
    this.rebuildAll();
  }

  private async loadConfig(): Promise<void> {
    const tenantId = this.runtime.tenantId;
    const all = async <T extends { id: string }>(kind: 'agent' | 'site'): Promise<T[]> => {
      const rows: T[] = [];
      for (let after: string | undefined; ;) {
        const page = await this.context.store.listConfig<T>(tenantId, kind, {
          limit: PAGE,
          ...(after === undefined ? {} : { after }),
        });
        rows.push(...page.map((row) => row.data));
        if (page.length < PAGE) return rows;
        after = page.at(-1)?.id;
      }
    };
    this.agentConfig = new Map((await all<AgentConfigRow>('agent')).map((a) => [a.id, a]));
    this.siteConfig = new Map((await all<SiteConfigRow>('site')).map((s) => [s.id, s]));
  }

  /** When each agent entered its state, from the recent log (live events win). */
  private async backfillSince(): Promise<void> {
    const found = new Map<string, number>();
    for (let after = Math.max(0, this.seq - SINCE_LOOKBACK_EVENTS); ;) {
      const page = await this.context.store.readEvents(this.runtime.tenantId, {
        afterSeq: after,
        limit: PAGE,
        types: ['agentStateChanged'],
      });
      for (const event of page) if (event.refs.agentId) found.set(event.refs.agentId, event.atMs);
      if (page.length < PAGE) break;
      after = page.at(-1)?.seq ?? after;
    }
    for (const [id, atMs] of found) if (!this.since.has(id)) this.since.set(id, atMs);
  }

  private rebuildAll(): void {
    this.agents = new Map();
    for (const id of this.agentConfig.keys()) {
      const row = this.agentRow(id);
      if (row !== undefined) this.agents.set(id, row);
    }
    this.queues = new Map();
    for (const queue of this.runtime.engine.inspect().queues) {
      const row = this.queueRow(queue.id);
      if (row !== undefined) this.queues.set(queue.id, row);
    }
    this.sites = new Map();
    for (const id of this.siteConfig.keys()) {
      const row = this.siteRow(id);
      if (row !== undefined) this.sites.set(id, row);
    }
    this.dirtyAgents.clear();
    this.markSent();
  }

  /** Everyone has (or is about to get) the rows as they are: the base of the next changes. */
  private markSent(): void {
    this.sent = new Map();
    for (const [id, row] of this.agents) this.sent.set(`a:${id}`, JSON.stringify(row));
    for (const [id, row] of this.queues) this.sent.set(`q:${id}`, JSON.stringify(row));
    for (const [id, row] of this.sites) this.sent.set(`s:${id}`, JSON.stringify(row));
  }

  private agentRow(id: string): WallboardAgent | undefined {
    const config = this.agentConfig.get(id);
    if (config === undefined) return undefined;
    let status;
    try {
      status = this.runtime.engine.agentStatus(id);
    } catch {
      return undefined;
    }
    const held = status.contacts.map((c) => c.contactId);
    const latest = this.agentContact.get(id);
    const contactId = latest !== undefined && held.includes(latest) ? latest : held.at(-1);
    const contactQueueId = contactId === undefined ? undefined : this.contactQueue.get(contactId);
    return {
      id,
      name: config.name ?? id,
      siteId: config.siteId,
      state: status.state,
      sinceMs: this.since.get(id) ?? null,
      ...(status.pauseReason === undefined ? {} : { pauseCode: status.pauseReason }),
      ...(contactId === undefined ? {} : { contactId }),
      ...(contactQueueId === undefined ? {} : { contactQueueId }),
      skills: config.skills,
    };
  }

  private queueRow(id: string): WallboardQueue | undefined {
    const config = this.runtime.directory.queue(id);
    if (config === undefined) return undefined;
    const status = this.runtime.engine.queueStatus(id);
    const engineNow = this.runtime.engine.nowMs;
    return {
      id,
      clientId: config.clientId,
      channel: config.channel,
      waiting: status.waiting,
      oldestSinceMs: status.waiting > 0 ? engineNow - status.longestWaitingMs : null,
      eligibleAgents: status.eligibleAgents,
      availableAgents: status.availableAgents,
      estimatedWaitMs: status.estimatedWaitMs ?? null,
      serviceLevel: status.serviceLevel ?? null,
      target: config.serviceLevel?.target ?? 0.8,
      thresholdSeconds: status.thresholdSeconds,
      ...(config.sites === undefined ? {} : { sites: config.sites }),
      ...(config.homeSiteId === undefined ? {} : { homeSiteId: config.homeSiteId }),
    };
  }

  private siteRow(id: string): WallboardSite | undefined {
    const config = this.siteConfig.get(id);
    if (config === undefined) return undefined;
    let status;
    try {
      status = this.runtime.engine.siteStatus(id);
    } catch {
      return undefined;
    }
    return {
      id,
      city: config.city,
      timeZone: config.timeZone,
      positions: status.positions,
      agentsByState: status.agentsByState,
    };
  }

  /**
   * Brings the rows up to date with the events seen (the agents they name, every queue and site)
   * without sending anything; the next tick sends what differs from what was sent.
   */
  private async refresh(): Promise<void> {
    if (!this.eventsSinceRefresh) return;
    this.eventsSinceRefresh = false;
    if (this.configChanged) {
      this.configChanged = false;
      await this.loadConfig();
      this.rebuildAll();
      this.snapshotDue = true;
      return;
    }
    for (const id of this.dirtyAgents) {
      const row = this.agentRow(id);
      if (row === undefined) continue;
      this.agents.set(id, row);
      this.unsentAgents.add(id);
    }
    this.dirtyAgents.clear();
    for (const id of this.queues.keys()) {
      const row = this.queueRow(id);
      if (row !== undefined) this.queues.set(id, row);
    }
    for (const id of this.sites.keys()) {
      const row = this.siteRow(id);
      if (row !== undefined) this.sites.set(id, row);
    }
    this.unsent = true;
  }

  private async tick(): Promise<void> {
    await this.refresh();
    if (this.snapshotDue) {
      this.snapshotDue = false;
      this.unsent = false;
      this.unsentAgents.clear();
      this.markSent();
      for (const watcher of this.watchers) watcher.send(this.snapshotFor(watcher.principal));
      return;
    }
    if (!this.unsent) return;
    this.unsent = false;
    const changed = (key: string, row: object): boolean => {
      const json = JSON.stringify(row);
      if (this.sent.get(key) === json) return false;
      this.sent.set(key, json);
      return true;
    };
    const agents: WallboardAgent[] = [];
    for (const id of this.unsentAgents) {
      const row = this.agents.get(id);
      if (row !== undefined && changed(`a:${id}`, row)) agents.push(row);
    }
    this.unsentAgents.clear();
    const queues = [...this.queues.values()].filter((row) => changed(`q:${row.id}`, row));
    const sites = [...this.sites.values()].filter((row) => changed(`s:${row.id}`, row));
    if (agents.length + queues.length + sites.length === 0) return;
    const atMs = this.runtime.now();
    for (const watcher of this.watchers) {
      const p = watcher.principal;
      const message: WallboardMessage = {
        type: 'wallboard',
        full: false,
        seq: this.seq,
        atMs,
        agents: agents.filter((a) => canSeeAgent(p, a)),
        queues: queues.filter((q) => canSeeQueue(p, q)),
        sites: sites.filter((s) => canSeeSite(p, s.id)),
      };
      if (message.agents.length + message.queues.length + message.sites.length > 0)
        watcher.send(message);
    }
  }

  private snapshotFor(p: Principal): WallboardMessage {
    return {
      type: 'wallboard',
      full: true,
      seq: this.seq,
      atMs: this.runtime.now(),
      agents: [...this.agents.values()].filter((a) => canSeeAgent(p, a)),
      queues: [...this.queues.values()].filter((q) => canSeeQueue(p, q)),
      sites: [...this.sites.values()].filter((s) => canSeeSite(p, s.id)),
    };
  }
}
