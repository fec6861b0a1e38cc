// Webhooks: every durable event a subscription asks for becomes a delivery row first, then an
// HTTP POST signed with HMAC-SHA256, retried with exponential backoff until the subscriber
// answers 2xx. Rows are keyed (webhook, event seq), and on start each webhook resumes from the
// last event it queued, reading the log: a subscriber that is down, or a server that restarts,
// loses nothing.
import type { LoggedEvent, Store, WebhookDelivery } from '@relais/store';
import type { TenantRuntime } from '../runtime/tenant-runtime.ts';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, sign } from './signature.ts';

export interface StoredWebhook {
  id: string;
  url: string;
  events: string[];
  secret: string;
  active: boolean;
  /** Events up to this seq happened before the subscription and are not sent. */
  startAfterSeq: number;
}

export interface DispatcherOptions {
  clock: () => number;
  /** How often due deliveries are looked for. */
  pollMs: number;
  timeoutMs: number;
  /** Attempts before a delivery is marked failed (it stays in the delivery log). */
  maxAttempts: number;
  baseBackoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_DISPATCH: Omit<DispatcherOptions, 'clock'> = {
  pollMs: 500,
  timeoutMs: 10_000,
  maxAttempts: 25,
  baseBackoffMs: 1000,
  maxBackoffMs: 15 * 60_000,
};

const wants = (hook: StoredWebhook, type: string): boolean =>
  hook.active && (hook.events.includes('*') || hook.events.includes(type));

/** Backoff before attempt n+1 after n failures: base × 2^(n-1), capped. */
export const backoffMs = (
  failures: number,
  options: Pick<DispatcherOptions, 'baseBackoffMs' | 'maxBackoffMs'>,
): number => Math.min(options.maxBackoffMs, options.baseBackoffMs * 2 ** Math.max(0, failures - 1));

export class WebhookDispatcher {
  private readonly tenants = new Map<string, () => void>();
  private readonly cache = new Map<string, Promise<StoredWebhook[]>>();
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;
  /** Work started from event callbacks, awaited by stop() so nothing touches a closed store. */
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly store: Store,
    private readonly options: DispatcherOptions,
  ) {}

  /** Follows a tenant's runtime: queues deliveries for its new events, after catching up from the log. */
  async attach(runtime: TenantRuntime): Promise<void> {
    const tenantId = runtime.tenantId;
    this.tenants.get(tenantId)?.();
    let held: LoggedEvent[] | undefined = [];
    const unsubscribe = runtime.subscribe((events) => {
      if (held !== undefined) held.push(...events);
      else this.track(this.enqueue(tenantId, events));
    });
    this.tenants.set(tenantId, unsubscribe);
    try {
      await this.catchUp(tenantId);
      const pending = held;
      held = undefined;
      await this.enqueue(tenantId, pending);
    } catch (error) {
      held = undefined;
      throw error;
    }
    this.start();
  }

  start(): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => this.track(this.poll()), this.options.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    for (const unsubscribe of this.tenants.values()) unsubscribe();
    this.tenants.clear();
    await Promise.all([...this.pending, this.polling]);
  }

  /** No send or queueing in progress (tests wait for this before reading the delivery log). */
  idle(): boolean {
    return this.polling === undefined && this.pending.size === 0;
  }

  private track(work: Promise<void>): void {
    const settled = work.catch(() => undefined).finally(() => this.pending.delete(settled));
    this.pending.add(settled);
  }

  /** Call after a webhook changes: the next events use the new list. */
  invalidate(tenantId: string): void {
    this.cache.delete(tenantId);
  }

  private hooks(tenantId: string): Promise<StoredWebhook[]> {
    let hooks = this.cache.get(tenantId);
    if (hooks === undefined) {
      hooks = this.store
        .listConfig<StoredWebhook>(tenantId, 'webhook', { limit: 1000 })
        .then((rows) => rows.map((row) => row.data));
      hooks.catch(() => this.cache.delete(tenantId));
      this.cache.set(tenantId, hooks);
    }
    return hooks;
  }

  /** Queues, for each webhook, the events of the log it has not queued yet. */
  private async catchUp(tenantId: string): Promise<void> {
    for (const hook of await this.hooks(tenantId)) {
      if (!hook.active) continue;
      const last = (await this.store.listDeliveries(tenantId, hook.id, 1))[0]?.eventSeq ?? 0;
      let after = Math.max(last, hook.startAfterSeq);
      for (;;) {
        const page = await this.store.readEvents(tenantId, { afterSeq: after, limit: 1000 });
        if (page.length === 0) break;
        await this.enqueueFor(tenantId, [hook], page);
        after = page.at(-1)?.seq ?? after;
      }
    }
  }

  private async enqueue(tenantId: string, events: readonly LoggedEvent[]): Promise<void> {
    if (events.length === 0) return;
    await this.enqueueFor(tenantId, await this.hooks(tenantId), events);
  }

  private async enqueueFor(
    tenantId: string,
    hooks: readonly StoredWebhook[],
    events: readonly LoggedEvent[],
  ): Promise<void> {
    const now = new Date(this.options.clock()).toISOString();
    const rows = hooks.flatMap((hook) =>
      events
        .filter((e) => e.seq > hook.startAfterSeq && wants(hook, e.type))
        .map((e) => ({ webhookId: hook.id, eventSeq: e.seq, nextAttemptAt: now })),
    );
    await this.store.enqueueDeliveries(tenantId, rows);
    if (rows.length > 0) this.track(this.poll());
  }

  /** Sends what is due, for every followed tenant. */
  poll(): Promise<void> {
    this.polling ??= this.sendDue().finally(() => (this.polling = undefined));
    return this.polling;
  }

  private async sendDue(): Promise<void> {
    for (const tenantId of this.tenants.keys()) {
      const now = this.options.clock();
      const due = await this.store.dueDeliveries(tenantId, new Date(now).toISOString(), 100);
      if (due.length === 0) continue;
      const hooks = new Map((await this.hooks(tenantId)).map((hook) => [hook.id, hook]));
      await Promise.all(
        due.map((delivery) => this.deliver(tenantId, delivery, hooks.get(delivery.webhookId))),
      );
    }
  }

  private async deliver(
    tenantId: string,
    delivery: WebhookDelivery,
    hook: StoredWebhook | undefined,
  ): Promise<void> {
    const at = this.options.clock();
    const record = (outcome: {
      ok: boolean;
      statusCode?: number;
      error?: string;
    }): Promise<void> => {
      const failures = delivery.attempts + 1;
      const status = outcome.ok
        ? 'delivered'
        : failures >= this.options.maxAttempts
          ? 'failed'
          : 'pending';
      return this.store.recordDeliveryAttempt(tenantId, delivery.id, {
        status,
        nextAttemptAt: new Date(
          at + (outcome.ok ? 0 : backoffMs(failures, this.options)),
        ).toISOString(),
        ...(outcome.statusCode === undefined ? {} : { statusCode: outcome.statusCode }),
        ...(outcome.error === undefined ? {} : { error: outcome.error }),
        at: new Date(at).toISOString(),
      });
    };
    if (hook === undefined || !hook.active)
      return record({ ok: false, error: 'the webhook was removed or deactivated' });
    const [event] = await this.store.readEvents(tenantId, {
      afterSeq: delivery.eventSeq - 1,
      limit: 1,
    });
    if (event === undefined || event.seq !== delivery.eventSeq)
      return record({ ok: false, error: `event ${delivery.eventSeq} is not in the log` });
    const body = JSON.stringify({ deliveryId: delivery.id, webhookId: hook.id, event: event.body });
    const timestamp = String(Math.floor(at / 1000));
    try {
      const response = await fetch(hook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Relais-Webhooks/1',
          'x-relais-event': event.type,
          'x-relais-delivery': String(delivery.id),
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: sign(hook.secret, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(this.options.timeoutMs),
        redirect: 'manual',
      });
      await response.body?.cancel();
      await record({
        ok: response.status >= 200 && response.status < 300,
        statusCode: response.status,
      });
    } catch (error) {
      await record({ ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  }
}
