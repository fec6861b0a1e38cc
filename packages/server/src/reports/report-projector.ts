// Each tenant's report projection, kept up to date from its durable events and written to the
// store every few seconds (rows added, state replaced, in one transaction). A report reads the
// stored rows plus what has not been written yet, under one lock per tenant, so it is exact to
// the last durable event. A failed write loses nothing: the projection is reloaded from the store
// and catches up from the log.
import type { EngineEvent } from '@relais/engine';
import { Projection, type PauseRow, type ProjectionRow, type RowBlock } from '@relais/reports';
import type { LoggedEvent, Store } from '@relais/store';
import type { TenantRuntime } from '../runtime/tenant-runtime.ts';

export interface ProjectorOptions {
  /**
   * Time between two writes of a tenant's projection (default 30 s). Reports read what is not
   * written yet from memory, so this only bounds what a restart re-projects from the log, and
   * how often a write takes the database's write lock: on SQLite, one write of a 2,000-agent
   * tenant held it 70–80 ms, during which the log's commits waited.
   */
  flushMs: number;
  /** Told of a write that failed (the projection is then reloaded). */
  onError?: (tenantId: string, error: unknown) => void;
}

export const DEFAULT_PROJECTOR: ProjectorOptions = { flushMs: 30_000 };

const CATCH_UP_PAGE = 5000;
/** Rows a catch-up (a restart, a rebuild) gathers before it writes them. */
const CATCH_UP_WRITE_ROWS = 100_000;

/** The rows a report reads: written ones from the store, then what is still in memory. */
export interface ProjectedRows {
  rows: (ProjectionRow | RowBlock)[];
  pauses: PauseRow[];
  /** The projection's service-level rule of a queue. */
  ruleOf: Projection['ruleOf'];
  lastSeq: number;
}

class TenantProjection {
  projection = new Projection();
  flushedSeq = 0;
  /** Events that arrived while the projection was (re)loading. */
  held: LoggedEvent[] | undefined = [];
  private lock: Promise<unknown> = Promise.resolve();
  unsubscribe: () => void = () => undefined;

  constructor(readonly tenantId: string) {}

  /** Runs `work` after everything queued before it (flushes and reads take turns). */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.lock.then(work, work);
    this.lock = run.catch(() => undefined);
    return run;
  }

  apply(events: readonly LoggedEvent[]): void {
    if (this.held !== undefined) {
      this.held.push(...events);
      return;
    }
    for (const event of events) {
      if (event.seq > this.projection.lastSeq) this.projection.apply(event.body as EngineEvent);
    }
  }
}

export class ReportProjector {
  private readonly tenants = new Map<string, TenantProjection>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: Store,
    private readonly options: ProjectorOptions = DEFAULT_PROJECTOR,
  ) {}

  /** Follows a tenant's runtime: loads the stored projection, catches up, then live events. */
  async attach(runtime: TenantRuntime): Promise<void> {
    this.tenants.get(runtime.tenantId)?.unsubscribe();
    const tenant = new TenantProjection(runtime.tenantId);
    this.tenants.set(runtime.tenantId, tenant);
    tenant.unsubscribe = runtime.subscribe((events) => tenant.apply(events));
    await tenant.exclusive(() => this.load(tenant));
    this.start();
  }

  /** The rows of a report, exact up to the last durable event and, for agents' time, `nowMs`. */
  async rows(
    tenantId: string,
    read: { dimension: string; fromMs: number; toMs: number; nowMs: number },
  ): Promise<ProjectedRows> {
    const tenant = this.tenants.get(tenantId);
    if (tenant === undefined) throw new Error(`tenant ${tenantId} has no report projection`);
    return tenant.exclusive(() => readWith(this.store, tenantId, tenant.projection, read));
  }

  /** Forgets a tenant's stored projection and builds it again from the whole log. */
  async rebuild(tenantId: string): Promise<{ lastSeq: number }> {
    const tenant = this.tenants.get(tenantId);
    if (tenant === undefined) throw new Error(`tenant ${tenantId} has no report projection`);
    return tenant.exclusive(async () => {
      tenant.held = [];
      await this.store.clearReports(tenantId);
      await this.load(tenant);
      await this.flushNow(tenant);
      return { lastSeq: tenant.projection.lastSeq };
    });
  }

  /** Writes every tenant's projection now (tests, shutdown). */
  async flushAll(): Promise<void> {
    await Promise.all([...this.tenants.values()].map((t) => t.exclusive(() => this.flushNow(t))));
  }

  async stop(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    await this.flushAll().catch(() => undefined);
    for (const tenant of this.tenants.values()) tenant.unsubscribe();
    this.tenants.clear();
  }

  private start(): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(
      () => void this.flushAll().catch(() => undefined),
      this.options.flushMs,
    );
    this.timer.unref();
  }

  /** The stored projection, then the log after it, then the events held meanwhile. */
  private async load(tenant: TenantProjection): Promise<void> {
    tenant.held ??= [];
    const { projection, storedSeq } = await loadProjection(this.store, tenant.tenantId, {
      writeEveryRows: CATCH_UP_WRITE_ROWS,
    });
    tenant.projection = projection;
    tenant.flushedSeq = storedSeq;
    const held = tenant.held;
    tenant.held = undefined;
    tenant.apply(held);
  }

  private async flushNow(tenant: TenantProjection): Promise<void> {
    if (tenant.projection.lastSeq === tenant.flushedSeq) return;
    try {
      tenant.flushedSeq = (
        await writeFlush(this.store, tenant.tenantId, tenant.projection, tenant.flushedSeq)
      ).lastSeq;
    } catch (error) {
      this.options.onError?.(tenant.tenantId, error);
      // What was handed out is lost with the write: start again from what the store has.
      await this.load(tenant);
    }
  }
}

/**
 * The tenant's projection as stored, caught up with the log: what a restart resumes from, and
 * what `relais report` reads without a server (nothing is written). With `writeEveryRows`, the
 * rows gathered are written whenever there are that many (a rebuild of months of events then
 * holds a few days in memory, not all of them); `storedSeq` is then where the store is.
 */
export async function loadProjection(
  store: Store,
  tenantId: string,
  options: { onProgress?: (lastSeq: number) => void; writeEveryRows?: number } = {},
): Promise<{ projection: Projection; storedSeq: number }> {
  const saved = await store.reportState(tenantId);
  const projection = saved === undefined ? new Projection() : Projection.load(saved.state);
  let storedSeq = saved?.lastSeq ?? 0;
  for (;;) {
    const page = await store.readEvents(tenantId, {
      afterSeq: projection.lastSeq,
      limit: CATCH_UP_PAGE,
    });
    if (page.length === 0) break;
    for (const event of page) projection.apply(event.body as EngineEvent);
    options.onProgress?.(projection.lastSeq);
    const every = options.writeEveryRows;
    if (every !== undefined && projection.pendingRows >= every) {
      storedSeq = (await writeFlush(store, tenantId, projection, storedSeq)).lastSeq;
    }
  }
  return { projection, storedSeq };
}

/** Stored rows of the range, then what `projection` has not written, then agents' open time. */
export async function readWith(
  store: Store,
  tenantId: string,
  projection: Projection,
  read: { dimension: string; fromMs: number; toMs: number; nowMs: number },
): Promise<ProjectedRows> {
  // Pause time is reported by agent and by site only: queue and client reports skip reading it.
  const withPauses = read.dimension === 'agent' || read.dimension === 'site';
  const [stored, pauses] = await Promise.all([
    store.readReportBlocks(tenantId, {
      dimension: read.dimension,
      fromMs: read.fromMs,
      toMs: read.toMs,
    }),
    withPauses ? store.readReportPauses(tenantId, { fromMs: read.fromMs, toMs: read.toMs }) : [],
  ]);
  // From here on nothing awaits: the projection cannot move under the report.
  const open = projection.openSpans(read.nowMs);
  const rows: (ProjectionRow | RowBlock)[] = stored.map((block) => ({
    dimension: block.dimension as RowBlock['dimension'],
    id: block.entityId,
    buckets: block.bucketsMs,
    values: block.values,
  }));
  // Loops, not push(...): a projection that was never written may hold millions of rows.
  for (const row of projection.rows()) rows.push(row);
  for (const row of open.rows) rows.push(row);
  const pauseRows: PauseRow[] = pauses.map((p) => ({
    agentId: p.agentId,
    siteId: p.siteId,
    code: p.code,
    bucket: p.bucketMs,
    ms: p.ms,
  }));
  for (const pause of projection.pauseRows()) pauseRows.push(pause);
  for (const pause of open.pauses) pauseRows.push(pause);
  return {
    rows,
    pauses: pauseRows,
    ruleOf: (queueId: string) => projection.ruleOf(queueId),
    lastSeq: projection.lastSeq,
  };
}

/**
 * Hands out what `projection` gathered since its last flush and adds it to the store with the
 * projection's state, continuing the stored state at `previousSeq`. If the write fails, what was
 * handed out is lost with it: reload the projection from the store.
 */
export async function writeFlush(
  store: Store,
  tenantId: string,
  projection: Projection,
  previousSeq: number,
): Promise<{ lastSeq: number; rows: number }> {
  const out = projection.flush();
  await store.addReportFlush(tenantId, {
    previousSeq,
    lastSeq: out.lastSeq,
    state: projection.save(),
    rows: out.rows.map((row) => ({
      dimension: row.dimension,
      entityId: row.id,
      bucketMs: row.bucket,
      values: row.values,
    })),
    pauses: out.pauses.map((p) => ({
      agentId: p.agentId,
      ...(p.siteId === undefined ? {} : { siteId: p.siteId }),
      code: p.code,
      bucketMs: p.bucket,
      ms: p.ms,
    })),
  });
  return { lastSeq: out.lastSeq, rows: out.rows.length };
}
