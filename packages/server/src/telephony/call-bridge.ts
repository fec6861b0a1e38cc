// The bridge between calls and contacts (telephony README, "The call-control port"): call
// events become engine commands, engine events about those contacts become call actions. One
// call is one contact; each call's events and actions run one after another so the two never
// disagree.
import { randomUUID } from 'node:crypto';
import { EngineError, type Command } from '@relais/engine';
import type { LoggedEvent } from '@relais/store';
import {
  CallControlError,
  FRENCH_PROMPTS_DIR,
  type CallControl,
  type CallEvent,
  type PlaceToTell,
} from '@relais/telephony';
import type { TenantRuntime } from '../runtime/tenant-runtime.ts';
import type { Tenants } from '../runtime/tenants.ts';
import { CallMenus, type MenuOutcome } from './call-menus.ts';
import { phoneKey, type PhoneBook } from './phone-book.ts';
import { QueueAnnouncements } from './queue-announcements.ts';
import type { TelephonyMetrics } from './telephony-metrics.ts';

/** Where a call's contact is, as far as the bridge knows. */
type ContactPhase = 'arriving' | 'menu' | 'waiting' | 'offered' | 'connected' | 'gone';

interface BridgedCall {
  readonly callId: string;
  readonly tenantId: string;
  readonly contactId: string;
  /** The routing number's queue, then the one the voice menu chose. */
  queueId: string;
  phase: ContactPhase;
  /** The agent the engine offered the contact to (ringing) or connected it with. */
  agentId?: string;
  /** Work on this call, one step after another. */
  chain: Promise<void>;
  /** Who keeps the call on hold (TEL24): nobody, the server (engine's hold) or the agent's phone. */
  callHold: 'no' | 'server' | 'phone';
  /** Whether the contact is on hold in the engine, as its events and our commands told. */
  engineHeld: boolean;
  /** Hold or retrieve events still to come of the commands a phone's hold sent: no call action. */
  echoes: number;
}

export interface BridgeLog {
  warn(details: object, message: string): void;
}

/** The least time a phone rings: an offer about to expire still rings long enough to be seen. */
const MIN_RING_MS = 1000;
/** How long a preview agent's phone rings for the callee who answered. */
const PREVIEW_RING_MS = 30_000;
/** A call nobody holds. */
const NOT_HELD = { callHold: 'no', engineHeld: false, echoes: 0 } as const;

export class CallBridge {
  private readonly calls = new Map<string, BridgedCall>();
  private readonly byContact = new Map<string, BridgedCall>();
  /** The runtime each tenant's engine events are heard from (a rebuilt runtime is subscribed anew). */
  private readonly subscribed = new Map<string, { runtime: TenantRuntime; stop: () => void }>();
  private readonly menus: CallMenus;
  private readonly announcements: QueueAnnouncements;

  constructor(
    private readonly control: CallControl,
    private readonly tenants: Tenants,
    private readonly phoneBook: PhoneBook,
    private readonly metrics: TelephonyMetrics,
    private readonly log: BridgeLog,
    promptsDir: string = FRENCH_PROMPTS_DIR,
  ) {
    this.menus = new CallMenus(control, (callId, outcome) => this.menuEnded(callId, outcome), log);
    this.announcements = new QueueAnnouncements(control, log, promptsDir);
  }

  /** Calls whose contact is known to the bridge. */
  get size(): number {
    return this.calls.size;
  }

  /** The contact of a call (tests, logs). */
  contactOf(callId: string): string | undefined {
    return this.calls.get(callId)?.contactId;
  }

  /** The call of a contact (tests, logs). */
  callOf(contactId: string): string | undefined {
    return this.byContact.get(contactId)?.callId;
  }

  /** A call event from the B2BUA. */
  onCallEvent(event: CallEvent): void {
    this.metrics.callEvents.inc({ type: event.type });
    if (event.type === 'inbound') {
      void this.inbound(event.callId, event.did).catch((error: unknown) =>
        this.log.warn({ err: error, callId: event.callId }, 'inbound call not handled'),
      );
      return;
    }
    const call = this.calls.get(event.callId);
    if (call === undefined) return;
    this.step(call, () => this.callEvent(call, event));
  }

  /**
   * An outbound call its callee answered (trunk-calls.ts): its contact is the dialer's, which
   * queues it (`waiting`), or is already connected to `agentId` (preview): that agent's phone is
   * rung here. From then on the call is bridged like an inbound one. `adopted` runs once the
   * bridge hears the tenant's engine (false: it could not, and the call is hung up).
   */
  adoptOutbound(
    callId: string,
    tenantId: string,
    queueId: string,
    agentId: string | undefined,
    adopted: (ok: boolean) => void,
  ): void {
    const call: BridgedCall = {
      callId,
      tenantId,
      contactId: callId,
      queueId,
      phase: agentId === undefined ? 'waiting' : 'connected',
      ...(agentId === undefined ? {} : { agentId }),
      chain: Promise.resolve(),
      ...NOT_HELD,
    };
    // Known at once, in the same turn as the answer: a callee who hangs up at once (BYE within
    // milliseconds) must find the call here, its events queued behind the adoption, or they are
    // lost and the entry stays forever (TEL28).
    this.calls.set(callId, call);
    this.byContact.set(callId, call);
    this.metrics.calls.inc({ outcome: 'outbound-answered' });
    this.step(call, async () => {
      let runtime: TenantRuntime;
      try {
        runtime = await this.tenants.get(tenantId);
      } catch (error) {
        this.log.warn({ err: error, callId }, 'answered call not bridged');
        call.phase = 'gone';
        adopted(false);
        await this.act(call, 'hang up', () => this.control.hangUp(callId));
        return;
      }
      this.listen(runtime);
      // The dialer queues (or connects) the contact now, before any later event of the call.
      adopted(true);
      if (agentId === undefined) return;
      await this.act(call, 'ring the agent', () =>
        this.control.ringAgent(callId, phoneKey(tenantId, agentId), {
          ringTimeoutMs: PREVIEW_RING_MS,
        }),
      );
    });
  }

  /** Ends every call: contacts are ended or cancelled in the engine, then the calls hung up. */
  async shutdown(): Promise<void> {
    const calls = [...this.calls.values()];
    await Promise.all(
      calls.map(async (call) => {
        await call.chain;
        const phase = call.phase;
        // Gone first: the engine's events about it must not start a second hang-up.
        call.phase = 'gone';
        if (phase === 'connected')
          await this.command(call, { type: 'end', contactId: call.contactId });
        else if (phase !== 'gone' && phase !== 'arriving' && phase !== 'menu') {
          await this.command(call, {
            type: 'cancel',
            contactId: call.contactId,
            reason: 'telephony stopped',
          });
        }
        // Resolves once its legs are hung up (BYE answered or timed out) and its media released.
        await this.act(call, 'hang up', () => this.control.hangUp(call.callId));
        await call.chain;
      }),
    );
    for (const { stop } of this.subscribed.values()) stop();
    this.subscribed.clear();
  }

  private async inbound(callId: string, did: string): Promise<void> {
    const route = this.phoneBook.route(did);
    if (route === undefined) {
      this.metrics.calls.inc({ outcome: 'unknown-number' });
      await this.control.reject(callId, 404);
      return;
    }
    const runtime = await this.tenants.get(route.tenantId);
    this.listen(runtime);
    const call: BridgedCall = {
      callId,
      tenantId: route.tenantId,
      contactId: `call-${randomUUID()}`,
      queueId: route.queueId,
      phase: 'arriving',
      chain: Promise.resolve(),
      ...NOT_HELD,
    };
    this.calls.set(callId, call);
    this.byContact.set(call.contactId, call);
    this.step(call, async () => {
      // Answered first: the engine may offer the contact at once, and only an answered call rings.
      try {
        await this.control.answer(callId);
      } catch (error) {
        // Not queued: a caller answered but left without music (a bad hold file) is hung up.
        this.log.warn({ err: error, callId }, 'the caller could not be answered');
        call.phase = 'gone';
        this.metrics.calls.inc({ outcome: 'refused' });
        await this.act(call, 'hang up', () => this.control.hangUp(callId));
        this.forget(call);
        return;
      }
      if (call.phase === 'gone') return; // hung up while being answered
      if (route.voiceMenu !== undefined) {
        // The contact arrives once the caller has chosen its queue (VOICE1).
        call.phase = 'menu';
        this.menus.start(callId, route.voiceMenu, route.queueId);
        return;
      }
      await this.enqueue(call, runtime);
    });
  }

  /** The contact arrives in the call's queue; its announcements start (VOICE4, POS1). */
  private async enqueue(call: BridgedCall, runtime: TenantRuntime): Promise<void> {
    const { callId, queueId } = call;
    try {
      call.phase = 'waiting';
      await runtime.execute({
        type: 'arrive',
        contact: { contactId: call.contactId, queueId, channel: 'voice' },
      });
      this.metrics.calls.inc({ outcome: 'queued' });
    } catch (error) {
      // The queue refused it (removed, full): the caller is not left on music forever.
      call.phase = 'gone';
      this.metrics.calls.inc({ outcome: 'refused' });
      this.log.warn({ err: error, callId, queueId }, 'the call was not queued');
      await this.act(call, 'hang up', () => this.control.hangUp(callId));
      return;
    }
    const announcement = this.phoneBook.announcementOf(call.tenantId, queueId);
    const position = this.phoneBook.positionAnnouncementOf(call.tenantId, queueId);
    if ((announcement !== undefined || position !== undefined) && call.phase === 'waiting') {
      this.announcements.start(
        callId,
        { ...(announcement && { announcement }), ...(position && { position }) },
        { waiting: () => call.phase === 'waiting', place: () => this.placeOf(call) },
      );
    }
  }

  /** The call's place in line in its tenant's engine now (POS1); none once it left the line. */
  private async placeOf(call: BridgedCall): Promise<PlaceToTell | undefined> {
    const runtime = await this.tenants.get(call.tenantId);
    try {
      return runtime.engine.placeInLine(call.contactId);
    } catch (error) {
      if (error instanceof EngineError) return undefined; // gone from the engine meanwhile
      throw error;
    }
  }

  /** The voice menu chose a queue (or gave up): music, then the contact arrives; or hang up. */
  private menuEnded(callId: string, outcome: MenuOutcome): void {
    const call = this.calls.get(callId);
    if (call === undefined) return;
    this.step(call, async () => {
      if (call.phase !== 'menu') return;
      if (outcome.route === 'hang-up') {
        call.phase = 'gone';
        this.metrics.calls.inc({ outcome: 'menu-hang-up' });
        await this.act(call, 'hang up', () => this.control.hangUp(callId));
        return;
      }
      call.queueId = outcome.route.queueId;
      await this.act(call, 'play music on hold', () => this.control.playMusic(callId));
      await this.enqueue(call, await this.tenants.get(call.tenantId));
    });
  }

  private async callEvent(call: BridgedCall, event: CallEvent): Promise<void> {
    switch (event.type) {
      case 'agent-answered':
        if (call.phase === 'connected' && this.ringing(call, event.agentId)) {
          // Accepted on the desktop, maybe held there too while the phone rang: the call follows.
          if (call.engineHeld && call.callHold === 'no') {
            if (await this.act(call, 'hold', () => this.control.hold(call.callId)))
              call.callHold = 'server';
          }
          return;
        }
        if (call.phase !== 'offered' || !this.ringing(call, event.agentId)) {
          // The offer was revoked while the phone answered: the caller goes back on music.
          await this.act(call, 'release the agent', () => this.control.releaseAgent(call.callId));
          return;
        }
        if (
          await this.command(call, {
            type: 'accept',
            agentId: call.agentId as string,
            contactId: call.contactId,
          })
        ) {
          call.phase = 'connected';
          this.metrics.calls.inc({ outcome: 'connected' });
        } else {
          await this.act(call, 'release the agent', () => this.control.releaseAgent(call.callId));
        }
        return;
      case 'agent-failed':
        if (event.reason === 'cancelled' || !this.ringing(call, event.agentId)) return;
        this.metrics.agentFailures.inc({ reason: event.reason });
        if (call.phase === 'connected') {
          // Accepted on the desktop but the phone never answered: back to the queue, new visit.
          call.phase = 'waiting';
          await this.command(call, {
            type: 'transfer',
            contactId: call.contactId,
            to: { queueId: call.queueId },
          });
        } else if (call.phase === 'offered' && event.reason !== 'unreachable') {
          call.phase = 'waiting';
          await this.command(call, {
            type: 'decline',
            agentId: call.agentId as string,
            contactId: call.contactId,
          });
        }
        // Unreachable (no phone registered, or it cannot be reached): the offer runs to its
        // timeout, so that the engine's missed-offer rule pauses the agent (AGT6) instead of
        // offering the same caller to the same phoneless agent again at once.
        return;
      case 'dtmf':
        if (call.phase === 'menu' && event.leg === 'caller')
          this.menus.digit(call.callId, event.digit);
        return;
      case 'phone-hold':
        // The caller's hold is between the two phones (relayed to the agent's): the agent is
        // still handling the contact, so the engine is not told (TEL25).
        if (event.leg === 'agent' && call.phase === 'connected')
          await this.phoneHold(call, event.held);
        return;
      case 'caller-hung-up': {
        const before = call.phase;
        call.phase = 'gone';
        if (before === 'waiting' || before === 'offered') {
          this.metrics.calls.inc({ outcome: 'abandoned' });
          await this.command(call, { type: 'abandon', contactId: call.contactId });
        } else if (before === 'connected') {
          await this.command(call, { type: 'end', contactId: call.contactId });
        }
        return;
      }
      case 'agent-hung-up':
        if (call.phase === 'connected') {
          call.phase = 'gone';
          await this.command(call, { type: 'end', contactId: call.contactId });
        }
        return;
      case 'call-ended':
        if (call.phase !== 'gone' && call.phase !== 'arriving' && call.phase !== 'menu') {
          // Ended without a hang-up we heard of (media failure): the contact must not wait on.
          const ended = call.phase === 'connected';
          call.phase = 'gone';
          await this.command(
            call,
            ended
              ? { type: 'end', contactId: call.contactId }
              : { type: 'cancel', contactId: call.contactId, reason: 'call ended' },
          );
        }
        call.phase = 'gone';
        this.forget(call);
        return;
      default:
        return;
    }
  }

  /** Engine events of a tenant: those about our calls' contacts become call actions. */
  private listen(runtime: TenantRuntime): void {
    const known = this.subscribed.get(runtime.tenantId);
    if (known?.runtime === runtime) return;
    known?.stop();
    const stop = runtime.subscribe((events) => {
      for (const event of events) {
        const contactId = (event.body as { contactId?: string }).contactId;
        const call = contactId === undefined ? undefined : this.byContact.get(contactId);
        if (call !== undefined) this.step(call, () => this.engineEvent(call, event, runtime));
      }
    });
    this.subscribed.set(runtime.tenantId, { runtime, stop });
  }

  private async engineEvent(
    call: BridgedCall,
    event: LoggedEvent,
    runtime: TenantRuntime,
  ): Promise<void> {
    if (call.phase === 'gone') return;
    const body = event.body as { agentId?: string; expiresAtMs?: number; toAgentId?: string };
    switch (event.type) {
      case 'contactOffered': {
        call.phase = 'offered';
        call.agentId = body.agentId as string;
        // The phone rings as long as the offer lasts: the engine's timeout and the ring agree.
        const ringTimeoutMs = Math.max(MIN_RING_MS, (body.expiresAtMs ?? 0) - runtime.now());
        await this.act(call, 'ring the agent', () =>
          this.control.ringAgent(call.callId, phoneKey(call.tenantId, call.agentId as string), {
            ringTimeoutMs,
          }),
        );
        return;
      }
      case 'contactConnected':
        // Accepted (by the phone's answer, or on the desktop while the phone rang).
        if (call.phase === 'offered' && call.agentId === body.agentId) call.phase = 'connected';
        return;
      case 'offerRevoked':
        if (call.phase === 'offered' && call.agentId === body.agentId) call.phase = 'waiting';
        await this.act(call, 'cancel the agent leg', () => this.control.cancelAgent(call.callId));
        return;
      case 'contactHeld':
      case 'contactRetrieved':
        await this.engineHold(call, event.type === 'contactHeld');
        return;
      case 'contactTransferred':
        // The agent is released; the engine's next offer (to the agent or the queue) rings.
        call.phase = 'waiting';
        Object.assign(call, NOT_HELD);
        await this.act(call, 'release the agent', () => this.control.releaseAgent(call.callId));
        return;
      case 'contactAbandoned':
        // A dialer's drop: the callee hears the identification message, then the dialer hangs up.
        call.phase = 'gone';
        await this.act(call, 'cancel the agent leg', () => this.control.cancelAgent(call.callId));
        return;
      case 'contactEnded':
      case 'contactCancelled':
      case 'contactExpired':
      case 'contactTransferredOut':
        call.phase = 'gone';
        await this.act(call, 'hang up', () => this.control.hangUp(call.callId));
        return;
      default:
        return;
    }
  }

  /**
   * The agent's phone held the call (the caller is on music already) or took it back (bridged
   * again): the contact is held or retrieved in the engine as by the desktop's Hold (TEL24).
   */
  private async phoneHold(call: BridgedCall, held: boolean): Promise<void> {
    if (held && call.callHold === 'no') call.callHold = 'phone';
    if (!held) call.callHold = 'no';
    if (held === call.engineHeld) return; // the engine agrees already (the desktop acted too)
    const contactId = call.contactId;
    if (
      await this.command(call, held ? { type: 'hold', contactId } : { type: 'retrieve', contactId })
    ) {
      call.engineHeld = held;
      call.echoes++;
    }
  }

  /**
   * The contact was held or retrieved in the engine. Our own command's event changes nothing
   * more; the desktop's holds or resumes the call unless it already is so (the phone's hold).
   */
  private async engineHold(call: BridgedCall, held: boolean): Promise<void> {
    if (call.echoes > 0) {
      call.echoes--;
      return;
    }
    call.engineHeld = held;
    if (held) {
      if (call.callHold !== 'no') return; // the agent's phone holds it already
      if (await this.act(call, 'hold', () => this.control.hold(call.callId)))
        call.callHold = 'server';
      return;
    }
    if (call.callHold === 'no') return; // the phone took it back already
    try {
      await this.control.resume(call.callId);
      call.callHold = 'no';
    } catch (error) {
      if (!(error instanceof CallControlError)) throw error;
      if (error.code === 'media-failed') this.metrics.actionFailures.inc();
      // The phone refused the re-INVITE (or the call moved on): the caller stays on music, so
      // the contact goes back on hold, and the two still agree.
      this.log.warn({ err: error, callId: call.callId }, 'the call stays on hold');
      if (call.phase === 'connected' && error.code === 'wrong-state')
        await this.phoneHold(call, true);
    }
  }

  /** Whether a leg's agent (a phone key) is the agent the contact is offered to. */
  private ringing(call: BridgedCall, legAgent: string): boolean {
    return call.agentId !== undefined && legAgent === phoneKey(call.tenantId, call.agentId);
  }

  /** Runs `work` after the call's earlier work. */
  private step(call: BridgedCall, work: () => Promise<void>): void {
    call.chain = call.chain.then(work).catch((error: unknown) => {
      this.log.warn({ err: error, callId: call.callId }, 'call step failed');
    });
  }

  /** A command about the call's contact; false when the engine refused it (it moved on). */
  private async command(call: BridgedCall, command: Command): Promise<boolean> {
    try {
      const runtime = await this.tenants.get(call.tenantId);
      this.listen(runtime);
      await runtime.execute(command);
      return true;
    } catch (error) {
      if (!(error instanceof EngineError)) throw error;
      this.log.warn(
        { err: error, callId: call.callId, contactId: call.contactId, command: command.type },
        'the engine refused a call command',
      );
      return false;
    }
  }

  /**
   * A call action, true once done; a race with a hang-up (`wrong-state`, `unknown-call`) changes
   * nothing.
   */
  private async act(
    call: BridgedCall,
    what: string,
    action: () => Promise<unknown>,
  ): Promise<boolean> {
    try {
      await action();
      return true;
    } catch (error) {
      if (error instanceof CallControlError && error.code !== 'media-failed') return false;
      this.metrics.actionFailures.inc();
      this.log.warn({ err: error, callId: call.callId }, `could not ${what}`);
      return false;
    }
  }

  private forget(call: BridgedCall): void {
    this.menus.stop(call.callId);
    this.announcements.stop(call.callId);
    this.calls.delete(call.callId);
    this.byContact.delete(call.contactId);
  }
}
