// Calls Relais places through a SIP trunk (the dialer's lines): INVITE with rtpengine's offer,
// digest answer to the trunk's 401/407, ring timeout → CANCEL, the final status read as a
// result. Once the callee answers, the call is handed to the B2BUA (`adoptAnswered`) and is then
// driven like an answered inbound call: ring an agent, bridge, hang up.
import type { MediaControl, OutboundMediaControl } from '../media/media-control.ts';
import { DigestClient } from '../sip/auth/digest-client.ts';
import type { DialogLayer, InviteOutcome, OutgoingInvite } from '../sip/dialog/dialog-layer.ts';
import { header, headerValue, type SipHeader, type SipResponse } from '../sip/message/message.ts';
import type { TimerScheduler } from '../sip/transaction/timers.ts';
import type { CallCenterB2bua } from './b2bua.ts';
import { CallControlError } from './errors.ts';
import type { TrunkSettings } from './trunk-settings.ts';

/** Who picked up, as far as the trunk says (`unknown` when it says nothing). */
export type AnsweredBy = 'person' | 'machine' | 'unknown';

/** Why an outbound call was not answered. */
export type OutboundFailure =
  /** Rang until the ring timeout (CANCEL sent), or 408/480. */
  | 'no-answer'
  /** 486, 600, 603. */
  | 'busy'
  /** 404, 484, 604: the number does not exist. */
  | 'wrong-number'
  /** Any other status, no response, a refused credential, media that could not be set up. */
  | 'failed'
  /** Hung up by us (`hangUp`) while it rang. */
  | 'cancelled';

export type OutboundEvent =
  | { readonly type: 'outbound-ringing'; readonly callId: string }
  /** Answered: the call is now the B2BUA's (CallControl acts on it; its events follow). */
  | { readonly type: 'outbound-answered'; readonly callId: string; readonly answeredBy: AnsweredBy }
  /** Not answered; nothing is left of the call. */
  | {
      readonly type: 'outbound-failed';
      readonly callId: string;
      readonly reason: OutboundFailure;
      readonly status?: number;
    };

export interface OutboundDialRequest {
  readonly callId: string;
  /** The number to call: E.164 (`+33…`) or digits, put as is in the Request-URI's user part. */
  readonly number: string;
  /** The number shown to the callee (From and P-Asserted-Identity). */
  readonly callerId: string;
  readonly ringTimeoutMs: number;
}

export interface OutboundCallerOptions {
  readonly dialogs: DialogLayer;
  readonly media: MediaControl & OutboundMediaControl;
  readonly b2bua: CallCenterB2bua;
  readonly trunk: TrunkSettings;
  readonly scheduler: TimerScheduler;
  /** Client nonces of digest answers. */
  readonly newCnonce: () => string;
  readonly onEvent: (event: OutboundEvent) => void;
}

interface Pending {
  readonly request: OutboundDialRequest;
  invite?: OutgoingInvite;
  /** Why we cancel it, once we do. */
  cancelled?: 'no-answer' | 'cancelled';
  rang: boolean;
  authenticated: boolean;
  stopTimer: () => void;
}

/** A number the trunk can take: an optional `+` then 3 to 20 digits. */
const NUMBER = /^\+?\d{3,20}$/;

export class OutboundCaller {
  private readonly pending = new Map<string, Pending>();
  /** Answered calls whose media is being anchored: a hang-up asked meanwhile waits for it. */
  private readonly anchoring = new Map<string, { hangUp: boolean }>();
  private readonly digest: DigestClient | undefined;

  constructor(private readonly options: OutboundCallerOptions) {
    const { credentials } = options.trunk;
    this.digest =
      credentials === undefined ? undefined : new DigestClient(credentials, options.newCnonce);
  }

  /** Calls ringing (not answered yet). */
  get ringing(): number {
    return this.pending.size;
  }

  /** Places the call; its result comes as an event. A bad number or a reused id throws at once. */
  dial(request: OutboundDialRequest): void {
    if (!NUMBER.test(request.number)) {
      throw new CallControlError(
        'wrong-state',
        `cannot dial "${request.number}" for call ${request.callId}: give an E.164 number (+ and digits) or digits only`,
      );
    }
    if (!NUMBER.test(request.callerId)) {
      throw new CallControlError(
        'wrong-state',
        `caller ID "${request.callerId}" of call ${request.callId}: give an E.164 number (+ and digits) or digits only`,
      );
    }
    if (this.pending.has(request.callId)) {
      throw new CallControlError('wrong-state', `call ${request.callId} is dialing already`);
    }
    const call: Pending = {
      request,
      rang: false,
      authenticated: false,
      stopTimer: () => undefined,
    };
    this.pending.set(request.callId, call);
    call.stopTimer = this.options.scheduler.schedule(request.ringTimeoutMs, () =>
      this.cancel(call, 'no-answer'),
    );
    void this.start(call);
  }

  /** Hangs up a call: CANCEL while it rings, BYE once answered (through the B2BUA). */
  async hangUp(callId: string): Promise<void> {
    const call = this.pending.get(callId);
    if (call !== undefined) {
      this.cancel(call, 'cancelled');
      return;
    }
    const anchoring = this.anchoring.get(callId);
    if (anchoring !== undefined) {
      anchoring.hangUp = true;
      return;
    }
    await this.options.b2bua.hangUp(callId);
  }

  /** Cancels every call still ringing (shutting down); each ends with `outbound-failed`. */
  cancelAll(): void {
    for (const call of [...this.pending.values()]) this.cancel(call, 'cancelled');
  }

  /**
   * Plays a file once to an answered callee who waits for no agent (a drop), then hangs up.
   * Playback starts at once (COMPLIANCE.md: within 2 s of the answer).
   */
  async announceThenHangUp(callId: string, file: string): Promise<void> {
    let durationMs: number | undefined;
    try {
      durationMs = (await this.options.media.playAnnouncement(callId, file)).durationMs;
    } catch (error) {
      await this.options.b2bua.hangUp(callId).catch(() => undefined);
      throw error;
    }
    // Without a known duration rtpengine still plays it; 10 s covers an identification message.
    const waitMs = (durationMs ?? 10_000) + 500;
    await new Promise<void>((resolve) => this.options.scheduler.schedule(waitMs, resolve));
    await this.options.b2bua.hangUp(callId).catch((error: unknown) => {
      // The callee hung up while it played: nothing left to end.
      if (!(error instanceof CallControlError && error.code === 'unknown-call')) throw error;
    });
  }

  private async start(call: Pending): Promise<void> {
    const { callId } = call.request;
    let offer: string;
    try {
      offer = await this.options.media.offerToCallee(callId);
    } catch {
      await this.release(call, 'failed');
      return;
    }
    if (call.cancelled !== undefined) {
      await this.release(call, call.cancelled);
      return;
    }
    this.send(call, offer, 1, []);
  }

  private send(call: Pending, offer: string, cseq: number, extra: readonly SipHeader[]): void {
    const { trunk } = this.options;
    const { number, callerId, callId } = call.request;
    const domain = trunk.domain;
    const previous = call.invite?.request;
    const invite = this.options.dialogs.invite({
      uri: `sip:${number}@${domain}`,
      // Resent with credentials: same Call-ID and From tag, next CSeq (RFC 3261 §22.2).
      from:
        previous === undefined
          ? `<sip:${trunk.fromUser ?? callerId}@${domain}>`
          : (headerValue(previous, 'from') ?? ''),
      to: `<sip:${number}@${domain}>`,
      sdp: offer,
      destination: trunk.destination,
      cseq,
      ...(previous === undefined ? {} : { callId: headerValue(previous, 'call-id') ?? callId }),
      headers: [header('P-Asserted-Identity', `<sip:${callerId}@${domain}>`), ...extra],
      onProvisional: (response) => {
        if (call.rang || (response.status !== 180 && response.status !== 183)) return;
        call.rang = true;
        this.options.onEvent({ type: 'outbound-ringing', callId });
      },
      handlers: {},
    });
    call.invite = invite;
    if (call.cancelled !== undefined) invite.cancel();
    void invite.result.then((outcome) => this.outcome(call, offer, outcome));
  }

  private async outcome(call: Pending, offer: string, outcome: InviteOutcome): Promise<void> {
    const { callId } = call.request;
    switch (outcome.kind) {
      case 'answered': {
        call.stopTimer();
        this.pending.delete(callId);
        const anchoring = { hangUp: false };
        this.anchoring.set(callId, anchoring);
        try {
          await this.options.media.calleeAnswered(callId, outcome.sdp);
        } catch {
          this.anchoring.delete(callId);
          await outcome.dialog.bye();
          await this.release(call, 'failed');
          return;
        }
        this.anchoring.delete(callId);
        this.options.b2bua.adoptAnswered(
          callId,
          outcome.dialog,
          `sip:${call.request.number}@${this.options.trunk.domain}`,
        );
        this.options.onEvent({
          type: 'outbound-answered',
          callId,
          answeredBy: answeredBy(outcome.response, this.options.trunk.amdHeader),
        });
        if (anchoring.hangUp) await this.options.b2bua.hangUp(callId).catch(() => undefined);
        return;
      }
      case 'rejected': {
        const challenged = outcome.status === 401 || outcome.status === 407;
        if (challenged && call.cancelled === undefined && !call.authenticated) {
          const authorization = this.authorize(call, outcome.response);
          if (authorization !== undefined) {
            call.authenticated = true;
            this.send(call, offer, (cseqNumber(call) ?? 1) + 1, [authorization]);
            return;
          }
        }
        if (call.cancelled !== undefined && outcome.status === 487) {
          await this.release(call, call.cancelled);
          return;
        }
        await this.release(call, failureOf(outcome.status), outcome.status);
        return;
      }
      case 'cancelled':
        await this.release(call, call.cancelled ?? 'failed');
        return;
      default:
        await this.release(call, call.cancelled ?? 'failed');
    }
  }

  private authorize(call: Pending, challenge: SipResponse): SipHeader | undefined {
    const request = call.invite?.request;
    if (this.digest === undefined || request === undefined) return undefined;
    return this.digest.authorize(request, challenge);
  }

  private cancel(call: Pending, why: 'no-answer' | 'cancelled'): void {
    if (call.cancelled !== undefined || this.pending.get(call.request.callId) !== call) return;
    call.cancelled = why;
    call.stopTimer();
    call.invite?.cancel();
  }

  private async release(call: Pending, reason: OutboundFailure, status?: number): Promise<void> {
    call.stopTimer();
    const { callId } = call.request;
    if (this.pending.get(callId) === call) this.pending.delete(callId);
    await this.options.media.release(callId).catch(() => undefined);
    this.options.onEvent({
      type: 'outbound-failed',
      callId,
      reason,
      ...(status === undefined ? {} : { status }),
    });
  }
}

/** The result of a final failure status. */
export function failureOf(status: number): OutboundFailure {
  if (status === 486 || status === 600 || status === 603) return 'busy';
  if (status === 404 || status === 484 || status === 604) return 'wrong-number';
  if (status === 408 || status === 480) return 'no-answer';
  return 'failed';
}

/** The trunk's answering-machine verdict in `header` of the 200 OK, when configured and present. */
export function answeredBy(response: SipResponse, header: string | undefined): AnsweredBy {
  if (header === undefined) return 'unknown';
  const value = headerValue(response, header.toLowerCase());
  if (value === undefined) return 'unknown';
  if (/machine|voicemail|fax/i.test(value)) return 'machine';
  if (/human|person/i.test(value)) return 'person';
  return 'unknown';
}

function cseqNumber(call: Pending): number | undefined {
  const value = call.invite === undefined ? undefined : headerValue(call.invite.request, 'cseq');
  const seq = Number(value?.split(/\s+/)[0]);
  return Number.isInteger(seq) ? seq : undefined;
}
