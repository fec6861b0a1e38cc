// One tenant's live campaigns (issue 8): a CampaignRuntime per running or paused campaign on the
// tenant's engine, paced on the server's clock, its calls placed through the OutboundCalls port
// and its history written to the store. The runtimes share the tenant's history (the gate counts
// attempts per client across campaigns).
import {
  CampaignRuntime,
  TenantHistory,
  type CampaignRunState,
  type EngineLink,
  type RuntimeOutput,
} from '@relais/dialer';
import type { Command, EngineEvent } from '@relais/engine';
import type { Campaign } from '@relais/protocol';
import type { DialerWrite, Store } from '@relais/store';
import type { TenantRuntime } from '../../runtime/tenant-runtime.ts';
import { loadCampaign, seedFigures } from './campaign-loader.ts';
import { LeadWriter, writesOf } from './lead-writer.ts';
import type { OutboundCalls, OutboundCallsFactory } from './outbound-calls.ts';
import { reconciliation, releaseCutOffCalls } from './reconcile.ts';
import type { Scheduler } from './scheduler.ts';

export interface TenantDialerOptions {
  readonly store: Store;
  readonly scheduler: Scheduler;
  readonly calls: OutboundCallsFactory;
  /** Pacing beat while running, besides the runtime's own deadlines and events. */
  readonly beatMs: number;
  readonly log: {
    error(details: object, message: string): void;
    warn(details: object, message: string): void;
  };
  /** A batch of history writes failed for a passing reason (it is retried). */
  readonly onWriteFailure?: () => void;
  /** The store refused one history write for good: it was set aside (logged here once). */
  readonly onWriteRejected?: (
    tenantId: string,
    campaignId: string,
    write: DialerWrite,
    error: unknown,
  ) => void;
}

/** A campaign on the live loop. */
export interface LiveCampaign {
  readonly id: string;
  readonly config: Campaign;
  readonly runtime: CampaignRuntime;
  readonly lines: OutboundCalls;
  /** The writer's memory of calls placed and not resolved yet (their attempt time). */
  readonly placed: Map<string, { atMs: number; agentId?: string }>;
  cancelTick: (() => void) | undefined;
  tickAtMs: number;
  /** The settings changed while calls were out: rebuilt once they are over. */
  rebuildPending: boolean;
}

export class TenantDialer {
  readonly history = new TenantHistory();
  readonly campaigns = new Map<string, LiveCampaign>();
  readonly writer: LeadWriter;
  /** Numbers whose stored history is in `history` (each is loaded once, then kept live). */
  readonly loadedNumbers = new Set<string>();
  /** Inside a command of the dialer's own: the events tapped are the runtime's already. */
  private applyingOwn = false;
  private ownTapped: EngineEvent[] = [];
  private readonly unsubscribe: () => void;
  /** Others' events waiting for the microtask that hands them to the runtimes. */
  private pending: EngineEvent[] = [];
  private chain: Promise<unknown> = Promise.resolve();
  private builds = 0;
  private closed = false;
  private readonly link: EngineLink;

  constructor(
    readonly engine: TenantRuntime,
    private readonly options: TenantDialerOptions,
  ) {
    this.writer = new LeadWriter(
      options.store,
      engine.tenantId,
      options.scheduler,
      () => engine.now(),
      {
        onError: (error, pending, retryMs) => {
          options.onWriteFailure?.();
          options.log.error(
            { tenantId: engine.tenantId, err: error, pending, retryMs },
            'dialer: lead history not written; retrying',
          );
        },
        onRejected: (write, campaignId, error) => {
          options.onWriteRejected?.(engine.tenantId, campaignId, write, error);
          options.log.error(
            {
              tenantId: engine.tenantId,
              campaignId,
              kind: write.kind,
              leadId: write.leadId,
              ...('callId' in write ? { callId: write.callId } : {}),
              err: error,
            },
            'dialer: the store refused a lead history write for good; set aside',
          );
        },
      },
    );
    this.link = {
      apply: (command) => this.applyOwn(command),
      agents: (queueId) => {
        const status = engine.engine.queueStatus(queueId);
        return { loggedIn: status.eligibleAgents, available: status.availableAgents };
      },
    };
    // Each step's events as the engine takes it (not once durable): a runtime must never act
    // on a state of the engine older than the one an agent's command has just made.
    this.unsubscribe = engine.onApplied((events) => this.take(events));
  }

  get tenantId(): string {
    return this.engine.tenantId;
  }

  /** Runs `work` after the tenant's earlier loads and rebuilds (one at a time). */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work, work);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /**
   * Builds a campaign's runtime from the store: leads a crash left on a call are reconciled
   * first (unless another runtime of this process still holds them), then its progress resumed.
   */
  async build(config: Campaign, state: CampaignRunState, reconcile: boolean): Promise<void> {
    if (!reconcile) await this.writer.drained();
    // A lead whose outcome still waits in the queue would look cut off: reconciled twice.
    else await this.writer.written();
    const nowMs = this.engine.now();
    if (reconcile) {
      releaseCutOffCalls(this.engine.engine, config, (command) => {
        try {
          this.applyOwn(command);
        } catch (error) {
          this.options.log.warn(
            { tenantId: this.tenantId, command, err: error },
            'dialer: a cut-off call could not be released',
          );
        }
      });
      const { writes, failed } = await reconciliation(
        this.options.store,
        this.tenantId,
        config,
        nowMs,
      );
      // LIVE12: a write refused for good is set aside and reported like any other; a passing
      // failure fails the start, the writes staying queued (retried) until a start finds them in.
      this.writer.push(config.id, writes);
      await this.writer.written();
      // A number loaded already (another campaign's) is not read again: its new attempt is added.
      for (const attempt of failed) {
        if (this.loadedNumbers.has(attempt.phoneE164)) {
          this.history.recordAttempt(attempt.phoneE164, config.clientId, attempt.atMs);
        }
      }
    }
    const loaded = await loadCampaign(
      this.options.store,
      this.tenantId,
      config,
      this.history,
      this.loadedNumbers,
      nowMs,
    );
    if (this.closed) return;
    // Unknown to the engine: nothing could be placed; the error names the queue.
    this.engine.engine.queueStatus(config.queueId);
    const prefix = `${config.id}.${nowMs.toString(36)}-${++this.builds}`;
    const runtime = new CampaignRuntime(loaded.settings, loaded.leads, this.history, this.link, {
      callIdPrefix: prefix,
    });
    for (const lead of loaded.stored) {
      const callback = loaded.callbacks.get(lead.id);
      // A lead waits for its time when it has one; any other is dialable as a new one would be.
      const waits =
        (lead.state === 'callback' || lead.state === 'scheduled') && lead.nextAtMs !== undefined;
      runtime.resumeLead(lead.id, {
        state: waits ? (lead.state as 'callback' | 'scheduled') : 'new',
        attempts: lead.attempts,
        ...(lead.nextAtMs === undefined ? {} : { nextAtMs: lead.nextAtMs }),
        ...(lead.lastOutcome === undefined ? {} : { lastOutcome: lead.lastOutcome }),
        ...(callback?.agentId === undefined ? {} : { callbackAgentId: callback.agentId }),
      });
    }
    seedFigures(runtime, loaded.ownAttempts, nowMs);
    const previous = this.campaigns.get(config.id);
    if (previous !== undefined) this.retire(previous);
    const live: LiveCampaign = {
      id: config.id,
      config,
      runtime,
      lines: this.options.calls(this.tenantId, config.id, {
        result: (callId, result) => {
          this.run(live, (now) => live.runtime.callResult(callId, result, now));
          this.tickSoon(live);
        },
        remoteHangUp: (callId) => this.remoteHangUp(live, callId),
      }),
      placed: new Map(),
      cancelTick: undefined,
      tickAtMs: Infinity,
      rebuildPending: false,
    };
    this.campaigns.set(config.id, live);
    this.run(live, (now) => runtime.setState(state, now));
    this.tickSoon(live);
  }

  /** A stored state change (PUT …/state) reaches the runtime. */
  setState(live: LiveCampaign, state: CampaignRunState): void {
    this.run(live, (now) => live.runtime.setState(state, now));
    this.tickSoon(live);
  }

  /** Runs one step of a campaign's runtime at the engine's time and carries out its output. */
  run(live: LiveCampaign, step: (nowMs: number) => RuntimeOutput): void {
    if (this.closed || this.campaigns.get(live.id) !== live) return;
    let output: RuntimeOutput;
    try {
      output = step(this.engine.now());
    } catch (error) {
      this.options.log.error(
        { tenantId: this.tenantId, campaignId: live.id, err: error },
        'dialer: a campaign step failed',
      );
      return;
    }
    this.carryOut(live, output);
  }

  /**
   * The runtime's actions to the lines, its events to the store, then its next tick armed, or,
   * once its calls are over, a stopped campaign taken off the loop and an edited one rebuilt.
   */
  carryOut(live: LiveCampaign, output: RuntimeOutput, write = true): void {
    for (const action of output.actions) {
      if (action.type === 'dial') live.lines.dial(action);
      else live.lines.playIdentification(action.callId);
    }
    if (write) this.writer.push(live.id, writesOf(output.events, live.placed, `dialer:${live.id}`));
    if (live.runtime.activeCalls === 0 && live.runtime.state === 'stopped') {
      this.retire(live);
      return;
    }
    if (live.runtime.activeCalls === 0 && live.rebuildPending) {
      live.rebuildPending = false;
      void this.exclusive(() => this.rebuild(live)).catch((error: unknown) =>
        this.options.log.error(
          { tenantId: this.tenantId, campaignId: live.id, err: error },
          'dialer: the campaign could not be rebuilt with its new settings',
        ),
      );
    }
    this.schedule(live);
  }

  /** A command of the dialer's own (not of the runtime): its events go to the runtime at once. */
  applyHost(live: LiveCampaign, command: Command): boolean {
    let events: readonly EngineEvent[];
    try {
      events = this.applyOwn(command);
    } catch {
      return false; // the engine refused (the contact had ended already): nothing to tell
    }
    this.run(live, (now) => live.runtime.observe(events, now));
    this.tickSoon(live);
    return true;
  }

  /** Arms a tick now (after events that may free capacity). */
  tickSoon(live: LiveCampaign): void {
    this.arm(live, this.engine.now());
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe();
    for (const live of this.campaigns.values()) this.retire(live);
    await this.writer.close();
  }

  /** Takes a campaign off the loop: its timers and lines go. */
  retire(live: LiveCampaign): void {
    live.cancelTick?.();
    live.cancelTick = undefined;
    live.lines.close();
    if (this.campaigns.get(live.id) === live) this.campaigns.delete(live.id);
  }

  private applyOwn(command: Command): readonly EngineEvent[] {
    this.applyingOwn = true;
    let applied: { events: EngineEvent[]; durable: Promise<void> };
    try {
      applied = this.engine.applyNowDurableLater(command);
    } catch (error) {
      // Refused: timers that came due on the way were logged; the runtimes must hear of them.
      this.queue(this.ownTapped);
      throw error;
    } finally {
      this.applyingOwn = false;
      this.ownTapped = [];
    }
    const { events, durable } = applied;
    durable.catch((error: unknown) =>
      this.options.log.error(
        { tenantId: this.tenantId, err: error, command: command.type },
        'dialer: an engine command was not logged',
      ),
    );
    return events;
  }

  /**
   * The engine's events, at once: those of the dialer's own commands (tapped while it applies
   * them) are the runtimes' already; the others go to every live runtime in a microtask, so
   * before any timer or request can run a campaign step, and never inside another's command.
   */
  private take(events: readonly EngineEvent[]): void {
    if (this.applyingOwn) {
      this.ownTapped.push(...events);
      return;
    }
    this.queue(events);
  }

  private queue(events: readonly EngineEvent[]): void {
    if (events.length === 0) return;
    const first = this.pending.length === 0;
    this.pending.push(...events);
    if (first) queueMicrotask(() => this.observe());
  }

  private observe(): void {
    const events = this.pending;
    this.pending = [];
    if (events.length === 0 || this.closed) return;
    for (const live of [...this.campaigns.values()]) {
      for (const event of events) {
        // The agent hung up a campaign call: the callee's leg goes too.
        if (event.type === 'contactEnded' && live.runtime.call(event.contactId) !== undefined) {
          live.lines.hangUp(event.contactId);
        }
      }
      this.run(live, (now) => live.runtime.observe(events, now));
      this.tickSoon(live);
    }
  }

  private remoteHangUp(live: LiveCampaign, callId: string): void {
    if (live.runtime.call(callId)?.phase !== 'connected') return;
    this.applyHost(live, { type: 'end', contactId: callId });
  }

  private schedule(live: LiveCampaign): void {
    const runtime = live.runtime;
    let at = runtime.nextDeadline();
    if (runtime.state === 'running') at = Math.min(at, this.engine.now() + this.options.beatMs);
    if (Number.isFinite(at)) this.arm(live, at);
  }

  private arm(live: LiveCampaign, atMs: number): void {
    if (this.closed || this.campaigns.get(live.id) !== live) return;
    if (live.cancelTick !== undefined && live.tickAtMs <= atMs) return;
    live.cancelTick?.();
    live.tickAtMs = atMs;
    live.cancelTick = this.options.scheduler.at(atMs, () => {
      live.cancelTick = undefined;
      live.tickAtMs = Infinity;
      this.tick(live);
    });
  }

  private tick(live: LiveCampaign): void {
    this.run(live, (now) => live.runtime.tick(now));
  }

  /** Builds the campaign again from the store (new settings), once its calls are over. */
  private async rebuild(live: LiveCampaign): Promise<void> {
    if (this.campaigns.get(live.id) !== live) return;
    const record = await this.options.store.getCampaign<Campaign>(this.tenantId, live.id);
    if (record === undefined || record.state === 'stopped') {
      this.retire(live);
      return;
    }
    await this.build(record.config, record.state, false);
  }
}
