// The live dialer's lines on a SIP trunk (`relais serve --sip-trunk`): each dial is an INVITE
// through the trunk; the trunk's answer becomes the dialer's call result; an answered callee's
// call joins the call bridge, so the engine's offer rings the agent's phone and its answer
// connects the contact. A callee's hang-up tells the dialer; the agent's ends the callee's leg.
import type { CallResult } from '@relais/dialer';
import type { Campaign } from '@relais/protocol';
import type { Store } from '@relais/store';
import { CallControlError, type OutboundEvent, type OutboundFailure } from '@relais/telephony';
import type {
  OutboundCallListener,
  OutboundCalls,
  OutboundCallsFactory,
  OutboundDial,
} from '../campaigns/live/outbound-calls.ts';
import type { BridgeLog } from './call-bridge.ts';
import type { TelephonyService } from './telephony-service.ts';

export interface TrunkCallsDeps {
  /** Telephony once started (the dialer may build campaigns before it is up). */
  readonly telephony: Promise<TelephonyService>;
  /** Where campaigns are read (the queue their answered calls wait in). */
  readonly store: Store;
  readonly log: BridgeLog;
}

const RESULT_OF: Record<Exclude<OutboundFailure, 'cancelled'>, CallResult> = {
  'no-answer': 'noAnswer',
  busy: 'busy',
  'wrong-number': 'wrongNumber',
  failed: 'failed',
};

export function trunkCalls(deps: TrunkCallsDeps): OutboundCallsFactory {
  return (tenantId, campaignId, listener) => new TrunkLines(tenantId, campaignId, listener, deps);
}

class TrunkLines implements OutboundCalls {
  /** Calls of this campaign not ended yet: the queue their contact waits in, a preview agent. */
  private readonly calls = new Map<string, { queueId?: string; agentId?: string }>();
  private unsubscribe: (() => void) | undefined;
  private closed = false;

  constructor(
    private readonly tenantId: string,
    private readonly campaignId: string,
    private readonly listener: OutboundCallListener,
    private readonly deps: TrunkCallsDeps,
  ) {}

  dial(call: OutboundDial): void {
    this.calls.set(call.callId, call.agentId === undefined ? {} : { agentId: call.agentId });
    void this.place(call).catch((error: unknown) => {
      this.deps.log.warn({ err: error, callId: call.callId }, 'outbound call not placed');
      this.finish(call.callId, 'failed');
    });
  }

  playIdentification(callId: string): void {
    if (!this.calls.has(callId)) return; // the callee hung up already: nobody to play it to
    void this.deps.telephony
      .then(async (telephony) => {
        const file = telephony.identificationFile;
        if (telephony.outbound === undefined || file === undefined) return;
        await telephony.outbound.announceThenHangUp(callId, file);
      })
      .catch((error: unknown) => {
        // The callee hung up first (unknown call): there is nobody to play it to.
        if (error instanceof CallControlError && error.code === 'unknown-call') return;
        this.deps.log.warn({ err: error, callId }, 'identification message not played');
      });
  }

  hangUp(callId: string): void {
    void this.deps.telephony
      .then((telephony) => telephony.outbound?.hangUp(callId))
      .catch((error: unknown) => {
        if (error instanceof CallControlError && error.code !== 'media-failed') return;
        this.deps.log.warn({ err: error, callId }, 'outbound call not hung up');
      });
  }

  close(): void {
    this.closed = true;
    for (const callId of this.calls.keys()) this.hangUp(callId);
    this.calls.clear();
    this.unsubscribe?.();
  }

  private async place(call: OutboundDial): Promise<void> {
    const telephony = await this.deps.telephony;
    if (this.closed) return;
    if (telephony.outbound === undefined) throw new Error('telephony has no SIP trunk');
    // Read before the INVITE: once the callee answers, nothing may wait (TEL28).
    const campaign = await this.deps.store.getCampaign<Campaign>(this.tenantId, this.campaignId);
    const entry = this.calls.get(call.callId);
    if (this.closed || entry === undefined) return;
    entry.queueId = campaign?.config.queueId ?? '';
    this.unsubscribe ??= telephony.onCall((event) => this.onEvent(telephony, event));
    telephony.outbound.dial({
      callId: call.callId,
      number: call.number,
      callerId: call.callerId,
      ringTimeoutMs: call.ringTimeoutMs,
    });
  }

  private onEvent(
    telephony: TelephonyService,
    event: OutboundEvent | { type: string; callId: string },
  ): void {
    const call = this.calls.get(event.callId);
    if (call === undefined) return;
    const typed = event as
      OutboundEvent | { type: 'caller-hung-up' | 'call-ended'; callId: string };
    switch (typed.type) {
      case 'outbound-answered':
        this.answered(telephony, typed.callId, typed.answeredBy, call);
        return;
      case 'outbound-failed':
        if (typed.reason === 'cancelled') this.calls.delete(typed.callId);
        else this.finish(typed.callId, RESULT_OF[typed.reason]);
        return;
      case 'caller-hung-up':
        this.listener.remoteHangUp(typed.callId);
        return;
      case 'call-ended':
        this.calls.delete(typed.callId);
        return;
      default:
        return;
    }
  }

  private answered(
    telephony: TelephonyService,
    callId: string,
    answeredBy: 'person' | 'machine' | 'unknown',
    call: { queueId?: string; agentId?: string },
  ): void {
    if (answeredBy === 'machine') {
      // No agent for a machine: the dialer records it, the line hangs up.
      this.listener.result(callId, 'answeringMachine');
      this.hangUp(callId);
      return;
    }
    // In the bridge in this same turn, before the callee's next event (a BYE at once) can come;
    // the dialer queues the contact once the bridge hears the engine: its offer finds the call.
    telephony.bridge.adoptOutbound(callId, this.tenantId, call.queueId ?? '', call.agentId, (ok) =>
      this.listener.result(callId, ok ? 'person' : 'failed'),
    );
  }

  private finish(callId: string, result: CallResult): void {
    if (!this.calls.delete(callId)) return;
    this.listener.result(callId, result);
  }
}

/** Telephony, promised before it starts: the dialer's lines wait for it. */
export class LateTelephony {
  readonly promise: Promise<TelephonyService>;
  resolve: (telephony: TelephonyService) => void = () => undefined;

  constructor() {
    this.promise = new Promise((resolve) => (this.resolve = resolve));
  }
}
