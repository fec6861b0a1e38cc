// Interval figures projected from the engine's events, one event at a time: what every report is
// built from. Applying the same events from scratch gives the same rows (projections are
// rebuilt from the log). Attribution rules, as the README's Reports section states them:
// - contacts count in the bucket where they entered the queue (KPI.md), for the queue, its
//   client and the contact's site (its `siteId`, else the queue's home site); a transfer,
//   overflow or due callback enters the next queue as a new offer there;
// - an agent's answers, talk, hold, wrap-up and transfers count in the bucket where the agent
//   answered; an agent's time in each state is split across the buckets it covers, for the
//   agent and its site, and pause time also by pause code.
import type { AgentState, EngineEvent, QueueConfig } from '@relais/engine';
import { DEFAULT_RULE, type ServiceLevelRule } from '../kpi/kpis.ts';
import { F, newRow } from '../kpi/counters.ts';
import { BUCKET_MS, bucketOf, splitSpan } from '../time/buckets.ts';
import { RowTable, type Dimension, type KeptRow, type ProjectionRow } from './row-table.ts';

export { DIMENSIONS, type Dimension, type ProjectionRow } from './row-table.ts';

/** Pause time of one agent with one pause code in one bucket. */
export interface PauseRow {
  readonly agentId: string;
  readonly siteId: string | undefined;
  readonly code: string;
  readonly bucket: number;
  ms: number;
}

type RowKey = [Dimension, string, number];

interface SavedContact {
  siteId?: string;
  visit?: { rows: RowKey[]; thresholdMs: number; shortMs: number; ewtMs?: number };
  agentRow?: RowKey;
}

/** A projection's memory between flushes (see `Projection.save`). */
export interface ProjectionState {
  version: 1;
  lastSeq: number;
  queues: [string, QueueInfo][];
  agentSites: [string, string][];
  siteZones?: [string, string][];
  contacts: [string, SavedContact][];
  agents: AgentTrack[];
}

export class ProjectionStateError extends Error {
  override readonly name = 'ProjectionStateError';
}

interface QueueInfo {
  clientId: string | undefined;
  homeSiteId: string | undefined;
  rule: ServiceLevelRule;
}

/** A contact's stay in one queue, from entering it until it leaves it. */
interface Visit {
  rows: KeptRow[];
  thresholdMs: number;
  shortMs: number;
  /** The wait the contact was told as it joined (SPEC RT5). */
  ewtMs: number | undefined;
}

interface ContactTrack {
  siteId: string | undefined;
  visit: Visit | undefined;
  /** The answering agent's row, in the bucket where it answered. */
  agentRow: KeptRow | undefined;
}

interface AgentTrack {
  agentId: string;
  siteId: string | undefined;
  state: AgentState;
  sinceMs: number;
  pauseCode: string | undefined;
}

const STATE_FIELD: Partial<Record<AgentState, number>> = {
  available: F.availableMs,
  reserved: F.reservedMs,
  busy: F.busyMs,
  wrapUp: F.wrapUpMs,
  paused: F.pausedMs,
};

export class Projection {
  private readonly table = new RowTable();
  private readonly queues = new Map<string, QueueInfo>();
  private readonly agentSites = new Map<string, string>();
  private readonly siteZones = new Map<string, string>();
  private readonly contacts = new Map<string, ContactTrack>();
  private readonly agents = new Map<string, AgentTrack>();
  private readonly pauses = new Map<string, PauseRow>();
  private changedPauses = new Set<PauseRow>();
  /** The last event applied. */
  lastSeq = 0;

  apply(event: EngineEvent): void {
    this.lastSeq = event.seq;
    const at = event.atMs;
    switch (event.type) {
      case 'queueConfigured':
        this.queues.set(event.queue.id, queueInfo(event.queue));
        return;
      case 'agentConfigured':
        this.agentSites.set(event.agent.id, event.agent.siteId);
        return;
      case 'siteConfigured':
        this.siteZones.set(event.site.id, event.site.timeZone);
        return;
      case 'contactArrived':
        this.contacts.set(event.contactId, {
          siteId: event.siteId,
          visit: undefined,
          agentRow: undefined,
        });
        return;
      case 'contactQueued': {
        if (event.reason === 'requeue') return;
        const track = this.track(event.contactId);
        track.visit = this.openVisit(event.queueId, track.siteId, at);
        track.visit.ewtMs = event.estimatedWaitMs;
        this.add(track.visit.rows, F.offered, 1);
        return;
      }
      case 'contactConnected': {
        const track = this.track(event.contactId);
        const visit = track.visit;
        const agentRow = this.table.row('agent', event.agentId, bucketOf(at));
        track.agentRow = agentRow;
        const within = visit !== undefined && event.waitMs <= visit.thresholdMs;
        this.answered(agentRow, within, event.waitMs);
        if (visit !== undefined) {
          for (const row of visit.rows) this.answered(row, within, event.waitMs);
        }
        if (visit?.ewtMs !== undefined) {
          const error = event.waitMs - visit.ewtMs;
          this.add(visit.rows, F.ewtAnswered, 1);
          this.add(visit.rows, F.ewtAbsErrorMs, Math.abs(error));
          this.add(visit.rows, F.ewtErrorMs, error);
          visit.ewtMs = undefined;
        }
        return;
      }
      case 'contactAbandoned': {
        const visit = this.contacts.get(event.contactId)?.visit;
        if (visit !== undefined) {
          this.add(visit.rows, F.abandoned, 1);
          if (event.waitMs <= visit.shortMs) this.add(visit.rows, F.abandonedShort, 1);
          if (event.waitMs <= visit.thresholdMs) this.add(visit.rows, F.abandonedWithin, 1);
          this.add(visit.rows, F.waitAbandonedMs, event.waitMs);
          this.max(visit.rows, F.maxWaitMs, event.waitMs);
        }
        this.contacts.delete(event.contactId);
        return;
      }
      case 'contactEnded': {
        const rows = this.handledRows(event.contactId);
        this.add(rows, F.talkMs, event.talkMs);
        this.add(rows, F.holdMs, event.holdMs);
        return;
      }
      case 'contactCompleted': {
        const rows = this.handledRows(event.contactId);
        this.add(rows, F.handled, 1);
        this.add(rows, F.wrapMs, event.wrapMs);
        this.contacts.delete(event.contactId);
        return;
      }
      case 'contactTransferred':
      case 'contactTransferredOut': {
        const track = this.contacts.get(event.contactId);
        this.add(this.handledRows(event.contactId), F.transferred, 1);
        if (event.type === 'contactTransferredOut') this.contacts.delete(event.contactId);
        else if (track !== undefined) track.agentRow = undefined;
        return;
      }
      case 'contactOverflowed': {
        const visit = this.contacts.get(event.contactId)?.visit;
        if (event.reason === 'queue-full') this.blocked(event.fromQueueId, event.contactId, at);
        else if (visit !== undefined) {
          this.add(visit.rows, F.overflowed, 1);
          this.max(visit.rows, F.maxWaitMs, event.waitMs);
        }
        return;
      }
      case 'contactExpired': {
        const visit = this.contacts.get(event.contactId)?.visit;
        if (event.reason === 'queue-full') this.blocked(event.queueId, event.contactId, at);
        else if (visit !== undefined) {
          this.add(visit.rows, F.expired, 1);
          this.max(visit.rows, F.maxWaitMs, event.waitMs);
        }
        this.contacts.delete(event.contactId);
        return;
      }
      case 'callbackRequested': {
        const visit = this.contacts.get(event.contactId)?.visit;
        if (visit !== undefined) this.add(visit.rows, F.callbacks, 1);
        return;
      }
      case 'contactCancelled': {
        const visit = this.contacts.get(event.contactId)?.visit;
        if (visit !== undefined) this.add(visit.rows, F.cancelled, 1);
        this.contacts.delete(event.contactId);
        return;
      }
      case 'agentStateChanged':
        this.agentState(event.agentId, event.siteId, event.to, event.reason, at);
        return;
      default:
        return;
    }
  }

  /**
   * The rows since the start or the last flush, in no particular order: all of them when the
   * projection is never flushed, else what the last flush has not handed out yet.
   */
  rows(): readonly ProjectionRow[] {
    return this.table.changedRows();
  }

  /** How many rows changed since the last flush (what `rows()` would give). */
  get pendingRows(): number {
    return this.table.changedCount;
  }

  pauseRows(): Iterable<PauseRow> {
    return this.changedPauses;
  }

  /**
   * Hands out the rows and pause rows changed since the last flush, as amounts to add to what was
   * stored before (maxWaitMs: the larger wins), and starts again from zero. With `save()` taken
   * at the same moment, a store can keep the projection going across restarts.
   */
  flush(): { rows: ProjectionRow[]; pauses: PauseRow[]; lastSeq: number } {
    // Contacts in progress keep their rows: zeroed, they collect what follows.
    const rows = this.table.handOut(this.openContactRows());
    const pauses = [...this.changedPauses].map((pause) => ({ ...pause }));
    this.changedPauses = new Set();
    this.pauses.clear();
    return { rows, pauses, lastSeq: this.lastSeq };
  }

  /** What the projection must remember besides its rows: JSON-ready, for `Projection.load`. */
  save(): ProjectionState {
    const key = (row: KeptRow): RowKey => [row.dimension, row.id, row.bucket];
    return {
      version: 1,
      lastSeq: this.lastSeq,
      queues: [...this.queues],
      agentSites: [...this.agentSites],
      siteZones: [...this.siteZones],
      contacts: [...this.contacts].map(([id, track]) => {
        const saved: SavedContact = {};
        if (track.siteId !== undefined) saved.siteId = track.siteId;
        if (track.visit !== undefined) {
          const { rows, thresholdMs, shortMs, ewtMs } = track.visit;
          saved.visit = { rows: rows.map(key), thresholdMs, shortMs };
          if (ewtMs !== undefined) saved.visit.ewtMs = ewtMs;
        }
        if (track.agentRow !== undefined) saved.agentRow = key(track.agentRow);
        return [id, saved];
      }),
      agents: [...this.agents.values()].map((agent) => ({ ...agent })),
    };
  }

  /** A projection that goes on from a saved state; throws ProjectionStateError if malformed. */
  static load(state: unknown): Projection {
    const s = state as Partial<ProjectionState> | null;
    if (
      typeof s !== 'object' ||
      s === null ||
      s.version !== 1 ||
      typeof s.lastSeq !== 'number' ||
      !Array.isArray(s.queues) ||
      !Array.isArray(s.agentSites) ||
      !Array.isArray(s.contacts) ||
      !Array.isArray(s.agents)
    ) {
      throw new ProjectionStateError(
        'not a saved projection (version 1): rebuild the projection from the log',
      );
    }
    const p = new Projection();
    p.lastSeq = s.lastSeq;
    for (const [id, info] of s.queues) p.queues.set(id, info);
    for (const [id, site] of s.agentSites) p.agentSites.set(id, site);
    for (const [id, zone] of s.siteZones ?? []) p.siteZones.set(id, zone);
    const row = (key: RowKey): KeptRow => p.table.row(key[0], key[1], key[2]);
    for (const [id, saved] of s.contacts) {
      p.contacts.set(id, {
        siteId: saved.siteId,
        visit:
          saved.visit === undefined
            ? undefined
            : {
                rows: saved.visit.rows.map(row),
                thresholdMs: saved.visit.thresholdMs,
                shortMs: saved.visit.shortMs,
                ewtMs: saved.visit.ewtMs,
              },
        agentRow: saved.agentRow === undefined ? undefined : row(saved.agentRow),
      });
    }
    for (const agent of s.agents) p.agents.set(agent.agentId, { ...agent });
    return p;
  }

  /**
   * Agents' time in their current state up to `nowMs`, not yet in the rows (it is counted when the
   * state changes): rows to add for figures that are exact up to now. Nothing is stored.
   */
  openSpans(nowMs: number): { rows: ProjectionRow[]; pauses: PauseRow[] } {
    const rows = new Map<string, ProjectionRow>();
    const pauses: PauseRow[] = [];
    for (const agent of this.agents.values()) {
      spanRows(agent, nowMs, (dimension, id, bucket, field, ms) => {
        const key = `${dimension}\u0000${id}\u0000${bucket}`;
        let row = rows.get(key);
        if (row === undefined) rows.set(key, (row = { dimension, id, bucket, values: newRow() }));
        row.values[field] = (row.values[field] as number) + ms;
      });
      if (agent.state === 'paused' && agent.pauseCode !== undefined) {
        splitSpan(agent.sinceMs, nowMs, (bucket, ms) =>
          pauses.push({
            agentId: agent.agentId,
            siteId: agent.siteId,
            code: agent.pauseCode ?? '',
            bucket,
            ms,
          }),
        );
      }
    }
    return { rows: [...rows.values()], pauses };
  }

  /** The service-level rule of a queue as configured (KPI.md defaults when unknown). */
  ruleOf(queueId: string): ServiceLevelRule {
    return this.queues.get(queueId)?.rule ?? DEFAULT_RULE;
  }

  /** The client and home site of a queue, and the site of an agent, as configured. */
  clientOf(queueId: string): string | undefined {
    return this.queues.get(queueId)?.clientId;
  }
  siteOfAgent(agentId: string): string | undefined {
    return this.agentSites.get(agentId);
  }
  /** The time zone of a site, or of the first site by id when none is named. */
  zoneOfSite(siteId?: string): string | undefined {
    if (siteId !== undefined) return this.siteZones.get(siteId);
    const first = [...this.siteZones.keys()].sort()[0];
    return first === undefined ? undefined : this.siteZones.get(first);
  }

  private track(contactId: string): ContactTrack {
    let track = this.contacts.get(contactId);
    if (track === undefined) {
      track = { siteId: undefined, visit: undefined, agentRow: undefined };
      this.contacts.set(contactId, track);
    }
    return track;
  }

  /** The rows of contacts in progress, which a flush keeps. */
  private *openContactRows(): Iterable<KeptRow> {
    for (const track of this.contacts.values()) {
      if (track.visit !== undefined) yield* track.visit.rows;
      if (track.agentRow !== undefined) yield track.agentRow;
    }
  }

  /** The rows a contact entering `queueId` counts in: the queue's, its client's, its site's. */
  private entryRows(queueId: string, contactSiteId: string | undefined, at: number): KeptRow[] {
    const info = this.queues.get(queueId);
    const bucket = bucketOf(at);
    const rows = [this.table.row('queue', queueId, bucket)];
    if (info?.clientId !== undefined) rows.push(this.table.row('client', info.clientId, bucket));
    const siteId = contactSiteId ?? info?.homeSiteId;
    if (siteId !== undefined) rows.push(this.table.row('site', siteId, bucket));
    return rows;
  }

  private openVisit(queueId: string, contactSiteId: string | undefined, at: number): Visit {
    const info = this.queues.get(queueId);
    const rows = this.entryRows(queueId, contactSiteId, at);
    const rule = info?.rule ?? DEFAULT_RULE;
    return {
      rows,
      thresholdMs: rule.thresholdSeconds * 1000,
      shortMs: rule.shortAbandonSeconds * 1000,
      ewtMs: undefined,
    };
  }

  /** The visit's rows and the answering agent's row: where handling time counts. */
  private handledRows(contactId: string): readonly KeptRow[] {
    const track = this.contacts.get(contactId);
    if (track === undefined) return NO_ROWS;
    const visitRows = track.visit?.rows ?? NO_ROWS;
    return track.agentRow === undefined ? visitRows : [...visitRows, track.agentRow];
  }

  private answered(row: KeptRow, within: boolean, waitMs: number): void {
    this.table.add(row, F.answered, 1);
    if (within) this.table.add(row, F.answeredWithin, 1);
    this.table.add(row, F.waitAnsweredMs, waitMs);
    this.table.max(row, F.maxWaitMs, waitMs);
  }

  /** A contact refused by a full queue: counted there as blocked, not offered. */
  private blocked(queueId: string, contactId: string, at: number): void {
    this.add(this.entryRows(queueId, this.contacts.get(contactId)?.siteId, at), F.blocked, 1);
  }

  private agentState(
    agentId: string,
    siteId: string,
    to: AgentState,
    reason: string | undefined,
    at: number,
  ): void {
    const previous = this.agents.get(agentId);
    if (previous !== undefined) {
      this.agentTime(previous, at);
      if (previous.state === 'paused' && previous.pauseCode !== undefined) {
        const code = previous.pauseCode;
        splitSpan(previous.sinceMs, at, (bucket, ms) => this.addPause(previous, code, bucket, ms));
      }
    }
    const pauseCode = to === 'paused' ? reason : undefined;
    if (previous === undefined) {
      this.agents.set(agentId, { agentId, siteId, state: to, sinceMs: at, pauseCode });
      return;
    }
    // Changed in place: an agent changes state several times a contact.
    previous.siteId = siteId;
    previous.state = to;
    previous.sinceMs = at;
    previous.pauseCode = pauseCode;
  }

  private addPause(agent: AgentTrack, code: string, bucket: number, ms: number): void {
    const key = `${agent.agentId}\u0000${code}\u0000${bucket}`;
    let row = this.pauses.get(key);
    if (row === undefined) {
      row = { agentId: agent.agentId, siteId: agent.siteId, code, bucket, ms: 0 };
      this.pauses.set(key, row);
    }
    row.ms += ms;
    this.changedPauses.add(row);
  }

  /** An agent's time in its state until `untilMs`, split by bucket, for it and its site. */
  private agentTime(agent: AgentTrack, untilMs: number): void {
    if (agent.state === 'loggedOut') return;
    const field = STATE_FIELD[agent.state];
    for (let at = agent.sinceMs; at < untilMs;) {
      const bucket = bucketOf(at);
      const end = Math.min(untilMs, bucket + BUCKET_MS);
      this.addTime(this.table.row('agent', agent.agentId, bucket), field, end - at);
      if (agent.siteId !== undefined) {
        this.addTime(this.table.row('site', agent.siteId, bucket), field, end - at);
      }
      at = end;
    }
  }

  private addTime(row: KeptRow, field: number | undefined, ms: number): void {
    this.table.add(row, F.loggedInMs, ms);
    if (field !== undefined) this.table.add(row, field, ms);
  }

  private add(rows: readonly KeptRow[], field: number, amount: number): void {
    for (const row of rows) this.table.add(row, field, amount);
  }

  private max(rows: readonly KeptRow[], field: number, value: number): void {
    for (const row of rows) this.table.max(row, field, value);
  }
}

const NO_ROWS: readonly KeptRow[] = [];

/** An agent's time in its state from `sinceMs` to `untilMs`, per bucket, for it and its site. */
function spanRows(
  agent: AgentTrack,
  untilMs: number,
  add: (dimension: Dimension, id: string, bucket: number, field: number, ms: number) => void,
): void {
  if (agent.state === 'loggedOut') return;
  const field = STATE_FIELD[agent.state];
  splitSpan(agent.sinceMs, untilMs, (bucket, ms) => {
    for (const [dimension, id] of [
      ['agent', agent.agentId],
      ['site', agent.siteId],
    ] as const) {
      if (id === undefined) continue;
      add(dimension, id, bucket, F.loggedInMs, ms);
      if (field !== undefined) add(dimension, id, bucket, field, ms);
    }
  });
}

function queueInfo(queue: QueueConfig): QueueInfo {
  const sl = queue.serviceLevel;
  return {
    clientId: queue.clientId,
    homeSiteId: queue.homeSiteId,
    rule: {
      formula: sl?.formula ?? DEFAULT_RULE.formula,
      thresholdSeconds: sl?.thresholdSeconds ?? DEFAULT_RULE.thresholdSeconds,
      shortAbandonSeconds: sl?.shortAbandonSeconds ?? DEFAULT_RULE.shortAbandonSeconds,
    },
  };
}
