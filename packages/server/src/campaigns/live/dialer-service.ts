// The server's live dialing loop (issue 8), across tenants: it attaches to each tenant's runtime
// as it opens, runs every campaign stored as running or paused, and is told by the campaign API
// of state changes, edits, imports and callbacks. Calls go through the SIP trunk when telephony has
// one (app.ts chooses telephony/trunk-calls.ts), else they are simulated (simulated-calls.ts).
import {
  campaignFigures,
  DialerInputError,
  type CallView,
  type CampaignFigures,
  type CampaignRunState,
} from '@relais/dialer';
import type { Campaign } from '@relais/protocol';
import type { CalledPartySpec } from '@relais/sim';
import type { Store } from '@relais/store';
import type { TenantRuntime } from '../../runtime/tenant-runtime.ts';
import { loadCampaign } from './campaign-loader.ts';
import type { OutboundCallsFactory } from './outbound-calls.ts';
import { timerScheduler, type Scheduler } from './scheduler.ts';
import { RejectedWrites, type CampaignRejections } from './rejected-writes.ts';
import { DEFAULT_CALLED_PARTY, simulatedCalls } from './simulated-calls.ts';
import { TenantDialer, type LiveCampaign, type TenantDialerOptions } from './tenant-dialer.ts';

export interface DialerOptions {
  /** Where ticks and simulated calls are timed (default: real timers on the server's clock). */
  scheduler?: Scheduler;
  /** The lines (default: the simulated called party). */
  calls?: OutboundCallsFactory;
  /**
   * Whether `calls` only simulates its called party (no real call placed), for the figures and
   * the desk to say so; default: true without `calls`, false with it.
   */
  callsSimulated?: boolean;
  /** The simulated called party's figures (default DEFAULT_CALLED_PARTY). */
  calledParty?: CalledPartySpec;
  /** Seed of the simulated calls (default 1). */
  seed?: number;
  /** Pacing beat of a running campaign, ms (default 500). */
  beatMs?: number;
}

/** A live campaign's figures with its agents, for GET …/stats. */
export interface LiveFigures extends CampaignFigures {
  readonly agents: { loggedIn: number; available: number; onCall: number; wrapUp: number };
  /** Store writes waiting (and the last failure), when the history lags. */
  readonly writesPending: number;
  readonly writeError: string | undefined;
  /** The campaign's writes the store refused for good (set aside), the last few kept. */
  readonly writesRejected: CampaignRejections;
}

/** What the server is told of the history writes (metrics). */
export interface WriteHooks {
  readonly onWriteFailure?: () => void;
  readonly onWriteRejected?: () => void;
}

export class DialerService {
  private readonly dialers = new Map<string, TenantDialer>();
  private readonly options: TenantDialerOptions;
  private readonly rejected = new RejectedWrites();
  /** No real call is placed: the called party is simulated (the API says so, CAMP-SIM1). */
  readonly simulated: boolean;

  constructor(
    private readonly store: Store,
    clock: () => number,
    options: DialerOptions,
    log: TenantDialerOptions['log'],
    hooks: WriteHooks = {},
  ) {
    const scheduler = options.scheduler ?? timerScheduler(clock);
    this.simulated = options.callsSimulated ?? options.calls === undefined;
    this.options = {
      store,
      scheduler,
      calls:
        options.calls ??
        simulatedCalls({
          spec: options.calledParty ?? DEFAULT_CALLED_PARTY,
          seed: options.seed ?? 1,
          scheduler,
          clock,
        }),
      beatMs: options.beatMs ?? 500,
      log,
      ...(hooks.onWriteFailure === undefined ? {} : { onWriteFailure: hooks.onWriteFailure }),
      onWriteRejected: (tenantId, campaignId, write, error) => {
        this.rejected.record(tenantId, campaignId, write, error, clock());
        hooks.onWriteRejected?.();
      },
    };
  }

  /**
   * A tenant's runtime opened (at start, or rebuilt after a failed write): its running and paused
   * campaigns are built on it; leads a crash left on a call are reconciled first.
   */
  async attach(engine: TenantRuntime): Promise<void> {
    const previous = this.dialers.get(engine.tenantId);
    if (previous !== undefined) await previous.close();
    const dialer = new TenantDialer(engine, this.options);
    this.dialers.set(engine.tenantId, dialer);
    const records = await this.store.listCampaigns<Campaign>(engine.tenantId);
    for (const record of records) {
      if (record.state === 'stopped') continue;
      await dialer
        .exclusive(() => dialer.build(record.config, record.state, true))
        .catch((error: unknown) =>
          this.options.log.error(
            { tenantId: engine.tenantId, campaignId: record.id, err: error },
            'dialer: the campaign could not be started',
          ),
        );
    }
  }

  /** PUT …/state stored `state`: the campaign starts, pauses or stops dialing. */
  async stateChanged(tenantId: string, campaignId: string, state: CampaignRunState): Promise<void> {
    const dialer = this.dialers.get(tenantId);
    if (dialer === undefined) return;
    await dialer.exclusive(async () => {
      const live = dialer.campaigns.get(campaignId);
      if (live !== undefined) {
        dialer.setState(live, state);
        return;
      }
      if (state === 'stopped') return;
      const record = await this.store.getCampaign<Campaign>(tenantId, campaignId);
      if (record !== undefined) await dialer.build(record.config, state, true);
    });
  }

  /** PUT …/:id replaced the settings: rebuilt now if idle, else once its calls are over. */
  async settingsChanged(tenantId: string, campaignId: string): Promise<void> {
    const dialer = this.dialers.get(tenantId);
    const live = dialer?.campaigns.get(campaignId);
    if (dialer === undefined || live === undefined) return;
    if (live.runtime.activeCalls > 0) {
      // No new call with the old settings; the calls out finish, then the rebuild.
      live.rebuildPending = true;
      dialer.run(live, (now) => live.runtime.setState('paused', now));
      return;
    }
    await dialer.exclusive(async () => {
      const record = await this.store.getCampaign<Campaign>(tenantId, campaignId);
      if (record === undefined || record.state === 'stopped') dialer.retire(live);
      else await dialer.build(record.config, record.state, false);
    });
  }

  /** A list was imported: its leads join the running campaign. */
  async leadsImported(tenantId: string, campaignId: string): Promise<void> {
    const dialer = this.dialers.get(tenantId);
    if (dialer === undefined) return;
    await dialer.exclusive(async () => {
      const live = dialer.campaigns.get(campaignId);
      if (live === undefined) return;
      const loaded = await loadCampaign(
        this.store,
        tenantId,
        live.config,
        dialer.history,
        dialer.loadedNumbers,
        dialer.engine.now(),
      );
      const fresh = loaded.leads.filter((lead) => live.runtime.book.get(lead.id) === undefined);
      live.runtime.addLeads(fresh);
      dialer.tickSoon(live);
    });
  }

  /** DELETE …/:id removed a stopped campaign: its rejected writes go with it (LIVE11). */
  campaignDeleted(tenantId: string, campaignId: string): void {
    this.rejected.forget(tenantId, campaignId);
  }

  /** A callback promised through the API (already stored) reaches the running campaign. */
  callbackScheduled(
    tenantId: string,
    campaignId: string,
    leadId: string,
    atMs: number,
    agentId: string | undefined,
  ): void {
    const dialer = this.dialers.get(tenantId);
    const live = dialer?.campaigns.get(campaignId);
    if (dialer === undefined || live === undefined) return;
    try {
      const output = live.runtime.scheduleCallback(
        leadId,
        atMs,
        agentId ?? null,
        dialer.engine.now(),
      );
      // The store has the callback and the lead's state already.
      dialer.carryOut(live, output, false);
    } catch (error) {
      if (!(error instanceof DialerInputError)) throw error;
      this.options.log.warn(
        { tenantId, campaignId, leadId, reason: error.message },
        'dialer: the callback waits for the lead’s call to end',
      );
    }
  }

  /** The live figures of a campaign on the loop, or undefined. */
  figures(tenantId: string, campaignId: string): LiveFigures | undefined {
    const dialer = this.dialers.get(tenantId);
    const live = dialer?.campaigns.get(campaignId);
    if (dialer === undefined || live === undefined) return undefined;
    const nowMs = dialer.engine.now();
    const figures = campaignFigures(live.runtime, nowMs);
    const phases = live.runtime.phaseCounts();
    let agents = { loggedIn: 0, available: 0 };
    try {
      const status = dialer.engine.engine.queueStatus(live.config.queueId);
      agents = { loggedIn: status.eligibleAgents, available: status.availableAgents };
    } catch {
      // The queue left the engine: no agents to count.
    }
    return {
      ...figures,
      agents: { ...agents, onCall: phases.connected, wrapUp: phases.wrapUp },
      writesPending: dialer.writer.pending,
      writeError: dialer.writer.lastError,
      writesRejected: this.rejected.of(tenantId, campaignId),
    };
  }

  /** The campaign call behind an engine contact, while it is not over. */
  call(tenantId: string, contactId: string): { live: LiveCampaign; view: CallView } | undefined {
    const dialer = this.dialers.get(tenantId);
    if (dialer === undefined) return undefined;
    for (const live of dialer.campaigns.values()) {
      const view = live.runtime.call(contactId);
      if (view !== undefined) return { live, view };
    }
    return undefined;
  }

  /**
   * The agent's disposition of a campaign call (RUN5), then the end of the agent's wrap-up when
   * the agent is in it. Throws DialerInputError naming the field when refused.
   */
  dispose(
    tenantId: string,
    contactId: string,
    dispositionId: string,
    options: { callbackAtMs?: number; agentOwnsCallback?: boolean },
  ): void {
    const dialer = this.dialers.get(tenantId);
    const found = this.call(tenantId, contactId);
    if (dialer === undefined || found === undefined) {
      throw new DialerInputError('contactId', `no campaign call ${contactId} in progress`);
    }
    const { live } = found;
    const output = live.runtime.dispose(contactId, dispositionId, dialer.engine.now(), options);
    dialer.carryOut(live, output);
    const agentId = live.runtime.call(contactId)?.agentId;
    if (agentId === undefined) return;
    let held: { state: string } | undefined;
    try {
      held = dialer.engine.engine
        .agentStatus(agentId)
        .contacts.find((contact) => contact.contactId === contactId);
    } catch {
      return; // the agent left the configuration: no wrap-up to end
    }
    if (held?.state === 'wrapUp') dialer.applyHost(live, { type: 'endWrapUp', contactId });
  }

  /** Resolves once the store has every write made so far (tests, shutdown). */
  async idle(): Promise<void> {
    for (const dialer of this.dialers.values()) await dialer.writer.drained();
  }

  async close(): Promise<void> {
    const all = [...this.dialers.values()];
    this.dialers.clear();
    for (const dialer of all) await dialer.close();
  }
}
