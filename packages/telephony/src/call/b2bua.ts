// The call-center B2BUA: a caller's INVITE on a DID is answered at once against rtpengine and
// held with music; agent legs are rung one at a time with rtpengine's offer and bridged on their
// 200 OK (MEDIA.md, "The hold → bridge sequence"). Every end path releases the media, ends the
// dialogs and stops the timers, then says `call-ended`.
import type { MediaDtmf } from '../media/dtmf-events.ts';
import { AGENT_TAG, CALLER_TAG } from '../media/rtpengine-media-control.ts';
import { MediaError } from '../media/errors.ts';
import type { CallerUpdate, MediaControl } from '../media/media-control.ts';
import {
  answeringDirection,
  audioDirection,
  followUp,
  isHold,
  reviseSdp,
  sameAudio,
  type Direction,
} from '../media/sdp-direction.ts';
import type {
  DialogHandlers,
  DialogLayer,
  IncomingInvite,
  InviteOutcome,
  OutgoingInvite,
  SipDialog,
} from '../sip/dialog/dialog-layer.ts';
import { DialogError } from '../sip/dialog/errors.ts';
import { SipRequestFailed } from '../sip/endpoint/errors.ts';
import { fromOf, toOf } from '../sip/message/fields.ts';
import type { SipRequest } from '../sip/message/message.ts';
import { parseUri, UriError } from '../sip/message/uri.ts';
import type { TimerScheduler } from '../sip/transaction/timers.ts';
import type {
  AgentEndpoint,
  AgentFailure,
  AnnounceOptions,
  CallControl,
  CallEvent,
  CallerPhase,
  ResolveAgent,
  RingOptions,
} from './call-control.ts';
import { dtmfDigitOf } from './dtmf.ts';
import { CallControlError } from './errors.ts';

export interface B2buaOptions {
  readonly dialogs: DialogLayer;
  readonly media: MediaControl;
  readonly resolveAgent: ResolveAgent;
  readonly onEvent: (event: CallEvent) => void;
  /** Ring timeouts; the real scheduler in production. */
  readonly scheduler: TimerScheduler;
  /** Ids of calls and agent legs. */
  readonly newId: () => string;
}

type CallPhase =
  'offered' | 'answering' | 'queued' | 'ringing-agent' | 'bridged' | 'on-hold' | 'ending';

interface AgentLeg {
  readonly legId: string;
  readonly agentId: string;
  readonly endpoint: AgentEndpoint;
  invite?: OutgoingInvite;
  dialog?: SipDialog;
  phase: 'ringing' | 'connected' | 'ended';
  rang: boolean;
  /** The last SDP we sent the agent's phone, and the last it sent us (for its re-INVITEs). */
  offerSdp?: string;
  answerSdp?: string;
  stopTimer: () => void;
}

interface Call {
  readonly callId: string;
  readonly did: string;
  /** The caller's INVITE; none for a call Relais placed (outbound.ts), adopted once answered. */
  readonly invite: IncomingInvite | undefined;
  /** The caller's URI (the callee's, for an outbound call): the agent's phone shows it. */
  readonly from: string;
  phase: CallPhase;
  caller?: SipDialog;
  agent: AgentLeg | undefined;
  /** A final failure response went to the caller's INVITE. */
  refused: boolean;
  /** Cancels the music's return after an announcement. */
  stopAnnouncement: () => void;
  /** The caller's last offer and our last answer to it (for its re-INVITEs). */
  callerOfferSdp: string;
  callerAnswerSdp?: string;
  /** Who put the call `on-hold`: the server (`hold`) or the agent's phone (re-INVITE). */
  heldBy: 'server' | 'agent-phone' | undefined;
  /** The caller put the call on hold from its phone (relayed to the agent). */
  callerHolding: boolean;
  /** The re-INVITE being handled, if any: the next one waits for it. */
  reinvites: Promise<unknown>;
}

export class CallCenterB2bua implements CallControl {
  private readonly calls = new Map<string, Call>();

  constructor(private readonly options: B2buaOptions) {
    options.dialogs.onInvite((invite) => this.inbound(invite));
  }

  /** Calls not yet ended (for leak checks and metrics). */
  get activeCalls(): number {
    return this.calls.size;
  }

  async answer(callId: string): Promise<void> {
    const call = this.expect(callId, ['offered'], 'answer');
    const invite = inviteOf(call);
    call.phase = 'answering';
    let sdp: string;
    try {
      sdp = await this.options.media.anchorCaller(callId, invite.offerSdp);
    } catch (error) {
      if (call.phase === 'answering') {
        invite.reject(488);
        call.refused = true;
        await this.end(call, false);
      }
      throw mediaFailed(callId, 'anchor the caller', error);
    }
    if (call.phase !== 'answering') return; // the caller cancelled meanwhile: already ending
    call.callerAnswerSdp = sdp;
    try {
      call.caller = invite.answer(sdp, this.callerHandlers(call));
    } catch (error) {
      if (!(error instanceof DialogError)) throw error;
      await this.callerGone(call);
      return;
    }
    call.phase = 'queued';
    await this.options.media.playHold(callId).catch((error: unknown) => {
      throw mediaFailed(callId, 'play music on hold', error);
    });
  }

  async reject(callId: string, status: number): Promise<void> {
    const call = this.expect(callId, ['offered'], 'reject');
    if (!Number.isInteger(status) || status < 300 || status > 699) {
      throw new CallControlError(
        'wrong-state',
        `reject(${callId}, ${status}): give a final failure status between 300 and 699`,
      );
    }
    inviteOf(call).reject(status);
    call.refused = true;
    await this.end(call, false);
  }

  async ringAgent(callId: string, agentId: string, options: RingOptions): Promise<string> {
    const call = this.expect(callId, ['queued'], 'ring an agent for');
    const endpoint = this.options.resolveAgent(agentId);
    const leg: AgentLeg = {
      legId: this.options.newId(),
      agentId,
      endpoint: endpoint ?? {
        uri: '',
        destination: { protocol: 'udp', address: '', port: 0 },
        media: 'rtp',
      },
      phase: 'ringing',
      rang: false,
      stopTimer: () => undefined,
    };
    if (endpoint === undefined) {
      queueMicrotask(() => this.emitFailure(call, leg, 'unreachable'));
      leg.phase = 'ended';
      return leg.legId;
    }
    call.phase = 'ringing-agent';
    call.agent = leg;
    leg.stopTimer = this.options.scheduler.schedule(options.ringTimeoutMs, () => {
      // A phone that never answered anything, not even 100 Trying, is not there at all.
      const heard = leg.invite?.responded === true;
      void this.legFailed(call, leg, heard ? 'no-answer' : 'unreachable');
    });
    let offer: string;
    try {
      offer = await this.options.media.offerToAgent(callId, endpoint.media);
    } catch (error) {
      await this.legFailed(call, leg, 'unreachable');
      throw mediaFailed(callId, `offer media to agent ${agentId}`, error);
    }
    if (leg.phase !== 'ringing') return leg.legId; // the caller left or the timer fired meanwhile
    leg.offerSdp = offer;
    const invite = this.options.dialogs.invite({
      uri: endpoint.uri,
      from: `<${call.from}>`,
      to: `<${endpoint.uri}>`,
      sdp: offer,
      destination: endpoint.destination,
      onProvisional: (response) => {
        if (
          leg.rang ||
          leg.phase !== 'ringing' ||
          (response.status !== 180 && response.status !== 183)
        )
          return;
        leg.rang = true;
        this.emit({ type: 'agent-ringing', callId, legId: leg.legId, agentId });
      },
      handlers: this.agentHandlers(call, leg),
    });
    leg.invite = invite;
    void invite.result.then((outcome) => this.agentOutcome(call, leg, outcome));
    return leg.legId;
  }

  async cancelAgent(callId: string): Promise<void> {
    const call = this.expect(callId, ['ringing-agent'], 'cancel the agent leg of');
    const leg = call.agent;
    if (leg !== undefined) await this.legFailed(call, leg, 'cancelled');
  }

  async releaseAgent(callId: string): Promise<void> {
    const call = this.expect(callId, ['bridged', 'on-hold'], 'release the agent of');
    const leg = call.agent;
    // Held, a browser agent stays attached to the call (MED21): it is detached here too.
    const agentAttached = call.phase === 'bridged' || call.phase === 'on-hold';
    call.agent = undefined;
    call.phase = 'queued';
    if (leg !== undefined) {
      leg.phase = 'ended';
      await leg.dialog?.bye();
    }
    if (agentAttached)
      await this.media('put the caller back on hold', call, (m) => m.returnToHold(callId));
  }

  async transferToAgent(callId: string, agentId: string, options: RingOptions): Promise<string> {
    await this.releaseAgent(callId);
    return this.ringAgent(callId, agentId, options);
  }

  async hold(callId: string): Promise<void> {
    const current = this.calls.get(callId);
    if (current?.phase === 'on-hold' && current.heldBy === 'agent-phone') {
      // The agent's phone put it on hold already: the server's hold takes it over.
      current.heldBy = 'server';
      return;
    }
    const call = this.expect(callId, ['bridged'], 'hold');
    call.phase = 'on-hold';
    call.heldBy = 'server';
    await this.media('hold the caller', call, (m) => m.returnToHold(callId, { agentStays: true }));
  }

  async resume(callId: string): Promise<void> {
    const call = this.expect(callId, ['on-hold'], 'resume');
    const leg = call.agent;
    const dialog = leg?.dialog;
    if (leg === undefined || dialog === undefined) {
      throw new CallControlError('wrong-state', `call ${callId} has no agent to resume with`);
    }
    const fresh = await this.media('offer media to the agent again', call, (m) =>
      m.offerToAgent(callId, leg.endpoint.media),
    );
    const offer = leg.offerSdp === undefined ? fresh : followUp(fresh, leg.offerSdp);
    let result: { sdp: string } | { status: number };
    try {
      result = await dialog.reinvite(offer);
    } catch (error) {
      // The agent's leg ended or its phone went silent: no re-INVITE answer.
      if (!(error instanceof DialogError || error instanceof SipRequestFailed)) throw error;
      result = { status: 0 };
    }
    if (call.agent !== leg || call.phase !== 'on-hold') throw endedMeanwhile(callId, 'resume');
    if ('status' in result) {
      await this.media('keep the caller on hold', call, (m) =>
        m.returnToHold(callId, { agentStays: true }),
      );
      throw new CallControlError(
        'wrong-state',
        `the agent's phone ${result.status === 0 ? 'did not answer' : `refused with ${result.status}`} the re-INVITE of call ${callId}: the caller stays on hold`,
      );
    }
    await this.media('bridge again', call, (m) => m.bridge(callId, result.sdp));
    leg.offerSdp = offer;
    leg.answerSdp = result.sdp;
    call.phase = 'bridged';
    call.heldBy = undefined;
  }

  async announce(
    callId: string,
    file: string,
    options: AnnounceOptions = {},
  ): Promise<{ durationMs?: number }> {
    const call = this.expect(callId, ['queued', 'ringing-agent'], 'play an announcement to');
    call.stopAnnouncement();
    const played = await this.media(`play the announcement ${file}`, call, (m) =>
      m.playAnnouncement(callId, file),
    );
    if (options.thenMusic !== false) {
      // The music's return is one more media step: it loses to a bridge that came first.
      call.stopAnnouncement = this.options.scheduler.schedule(played.durationMs ?? 0, () => {
        if (call.phase === 'queued' || call.phase === 'ringing-agent')
          void this.options.media.playHold(callId).catch(() => undefined);
      });
    }
    return played;
  }

  async playMusic(callId: string): Promise<void> {
    const call = this.expect(callId, ['queued', 'ringing-agent'], 'play music to');
    call.stopAnnouncement();
    await this.media('play music on hold', call, (m) => m.playHold(callId));
  }

  /** A digit rtpengine saw in a participant's RTP (RFC 4733), from its DTMF log. */
  mediaDtmf(dtmf: MediaDtmf): void {
    const call = this.calls.get(dtmf.callId);
    if (call === undefined || call.phase === 'ending') return;
    const leg =
      dtmf.fromTag === CALLER_TAG ? 'caller' : dtmf.fromTag === AGENT_TAG ? 'agent' : undefined;
    if (leg !== undefined) this.emit({ type: 'dtmf', callId: call.callId, leg, digit: dtmf.digit });
  }

  async hangUp(callId: string): Promise<void> {
    const call = this.calls.get(callId);
    if (call === undefined) throw unknownCall(callId, 'hang up');
    if (call.phase === 'ending') return;
    await this.end(call, true);
  }

  private inbound(invite: IncomingInvite): void {
    const callId = this.options.newId();
    const call: Call = {
      callId,
      did: didOf(invite.request),
      invite,
      from: callerUri(invite.request),
      phase: 'offered',
      agent: undefined,
      refused: false,
      stopAnnouncement: () => undefined,
      callerOfferSdp: invite.offerSdp,
      callerHolding: false,
      heldBy: undefined,
      reinvites: Promise.resolve(),
    };
    this.calls.set(callId, call);
    invite.onCancel(() => void this.callerGone(call));
    this.emit({ type: 'inbound', callId, did: call.did, from: call.from });
  }

  /**
   * An outbound call answered by its callee (outbound.ts): from here it is a call like an
   * answered caller's, waiting for an agent (no music), with the callee as the caller leg.
   */
  adoptAnswered(callId: string, callee: SipDialog, calleeUri: string): void {
    if (this.calls.has(callId)) {
      throw new CallControlError('wrong-state', `call ${callId} exists already: give a new id`);
    }
    const call: Call = {
      callId,
      did: '',
      invite: undefined,
      from: calleeUri,
      phase: 'queued',
      caller: callee,
      agent: undefined,
      refused: false,
      stopAnnouncement: () => undefined,
      // The callee's SDP was an answer to ours: its re-INVITEs are refused (488, see callerReinvite).
      callerOfferSdp: '',
      callerHolding: false,
      heldBy: undefined,
      reinvites: Promise.resolve(),
    };
    this.calls.set(callId, call);
    callee.handlers = this.callerHandlers(call);
    if (callee.terminated) queueMicrotask(() => void this.callerGone(call));
  }

  private callerHandlers(call: Call): DialogHandlers {
    return {
      onBye: () => void this.callerGone(call),
      onAckTimeout: () => void this.callerGone(call),
      onInfo: (_dialog, request) => this.dtmf(call, 'caller', request),
      onReinvite: (_dialog, offer) =>
        this.oneReinviteAtATime(call, () => this.callerReinvite(call, offer)),
    };
  }

  private agentHandlers(call: Call, leg: AgentLeg): DialogHandlers {
    return {
      onBye: () => {
        if (leg.phase !== 'connected' || call.agent !== leg) return;
        leg.phase = 'ended';
        this.emit({
          type: 'agent-hung-up',
          callId: call.callId,
          legId: leg.legId,
          agentId: leg.agentId,
        });
        void this.end(call, true);
      },
      onInfo: (_dialog, request) => this.dtmf(call, 'agent', request),
      onReinvite: (_dialog, offer) =>
        this.oneReinviteAtATime(call, () => this.agentReinvite(call, leg, offer)),
    };
  }

  private async agentOutcome(call: Call, leg: AgentLeg, outcome: InviteOutcome): Promise<void> {
    if (leg.phase !== 'ringing') {
      // Settled after we gave up on the leg (the INVITE layer hung up a late answer already).
      if (outcome.kind === 'answered') await outcome.dialog.bye();
      return;
    }
    switch (outcome.kind) {
      case 'answered':
        leg.stopTimer();
        leg.dialog = outcome.dialog;
        leg.answerSdp = outcome.sdp;
        leg.phase = 'connected';
        try {
          await this.options.media.bridge(call.callId, outcome.sdp);
        } catch {
          // legFailed hangs up the answered leg and puts the caller back on music.
          await this.legFailed(call, leg, 'unreachable');
          return;
        }
        if (call.agent !== leg || leg.phase !== 'connected') return;
        call.phase = 'bridged';
        this.emit({
          type: 'agent-answered',
          callId: call.callId,
          legId: leg.legId,
          agentId: leg.agentId,
        });
        return;
      case 'rejected':
        await this.legFailed(call, leg, failureOf(outcome.status), outcome.status);
        return;
      default:
        await this.legFailed(call, leg, outcome.kind === 'cancelled' ? 'cancelled' : 'unreachable');
    }
  }

  /** Ends a ringing (or just answered) agent leg and puts the caller back on music. */
  private async legFailed(
    call: Call,
    leg: AgentLeg,
    reason: AgentFailure,
    status?: number,
  ): Promise<void> {
    if (leg.phase === 'ended') return;
    const answered = leg.phase === 'connected';
    leg.phase = 'ended';
    leg.stopTimer();
    leg.invite?.cancel();
    if (answered) await leg.dialog?.bye();
    if (call.agent === leg && call.phase === 'ringing-agent') {
      call.agent = undefined;
      call.phase = 'queued';
      try {
        await this.options.media.returnToHold(call.callId);
      } catch {
        // The music could not restart: the caller would wait in silence; end the call instead.
        this.emitFailure(call, leg, reason, status);
        await this.end(call, true);
        return;
      }
    }
    this.emitFailure(call, leg, reason, status);
  }

  private async callerGone(call: Call): Promise<void> {
    if (call.phase === 'ending') return;
    const phase: CallerPhase = call.phase === 'answering' ? 'offered' : call.phase;
    this.emit({ type: 'caller-hung-up', callId: call.callId, phase });
    await this.end(call, false);
  }

  /** Ends every leg, releases the media, forgets the call; `call-ended` comes last. */
  private async end(call: Call, byeCaller: boolean): Promise<void> {
    if (call.phase === 'ending') return;
    const wasOffered = call.phase === 'offered' || call.phase === 'answering';
    call.phase = 'ending';
    call.stopAnnouncement();
    const leg = call.agent;
    call.agent = undefined;
    const work: Promise<unknown>[] = [];
    if (leg !== undefined && leg.phase === 'ringing') {
      leg.phase = 'ended';
      leg.stopTimer();
      leg.invite?.cancel();
      this.emitFailure(call, leg, 'cancelled');
    } else if (leg !== undefined && leg.phase === 'connected') {
      leg.phase = 'ended';
      if (leg.dialog !== undefined) work.push(leg.dialog.bye());
    }
    if (byeCaller && call.caller !== undefined) work.push(call.caller.bye());
    if (wasOffered && call.caller === undefined && !call.invite?.cancelled && !call.refused)
      call.invite?.reject(480);
    work.push(this.options.media.release(call.callId));
    await Promise.allSettled(work);
    this.calls.delete(call.callId);
    this.emit({ type: 'call-ended', callId: call.callId });
  }

  /** Runs re-INVITEs of a call's two phones one after the other: each sees the other's result. */
  private oneReinviteAtATime(
    call: Call,
    handle: () => Promise<ReinviteAnswer>,
  ): Promise<ReinviteAnswer> {
    const next = call.reinvites.then(handle, handle);
    call.reinvites = next.catch(() => undefined);
    return next;
  }

  /**
   * The caller's re-INVITE: the same media (a session refresh) is answered as before; new media
   * goes to rtpengine, and while bridged on to the agent in a re-INVITE of its own (a hold from
   * the caller reaches the agent as `sendonly`).
   */
  private async callerReinvite(call: Call, offer: string): Promise<ReinviteAnswer> {
    const where = `the caller's re-INVITE in call ${call.callId}`;
    const previousAnswer = call.callerAnswerSdp;
    if (call.phase === 'ending') return { status: 481 };
    // An outbound callee (adoptAnswered) has no offer of its own on record: not supported yet.
    if (previousAnswer === undefined) return { status: 488 };
    let direction: Direction;
    try {
      direction = audioDirection(offer, where);
      if (sameAudio(offer, call.callerOfferSdp, where)) return { sdp: previousAnswer };
    } catch (error) {
      if (error instanceof MediaError) return { status: 488 };
      throw error;
    }
    // An agent INVITE in flight carries the previous offer: the caller retries later (§14.1).
    if (call.phase === 'ringing-agent') return { status: 491 };
    let update: CallerUpdate;
    try {
      update = await this.media("take the caller's new offer", call, (m) =>
        m.updateCaller(call.callId, offer, call.agent?.endpoint.media ?? 'rtp'),
      );
    } catch {
      return { status: 488 };
    }
    if (update.kind === 'answered') {
      call.callerOfferSdp = offer;
      call.callerAnswerSdp = followUp(update.callerSdp, previousAnswer);
      return { sdp: call.callerAnswerSdp };
    }
    const leg = call.agent;
    const relayed =
      leg?.offerSdp === undefined
        ? update.agentOfferSdp
        : followUp(update.agentOfferSdp, leg.offerSdp);
    const result = await relayOffer(leg?.dialog, relayed);
    if (ending(call) || call.agent !== leg || leg === undefined) return { status: 487 };
    if ('sdp' in result) {
      // Recorded at once: the agent's phone may re-INVITE as soon as it has our ACK.
      leg.offerSdp = relayed;
      leg.answerSdp = result.sdp;
    }
    let bridgedAnswer: string;
    try {
      if ('status' in result) {
        await this.options.media.restoreBridge(
          call.callId,
          update.previousCallerOfferSdp,
          leg.endpoint.media,
        );
        return { status: result.status >= 400 ? result.status : 488 };
      }
      const bridged = await this.options.media.bridge(call.callId, result.sdp);
      call.callerOfferSdp = offer;
      call.callerAnswerSdp = followUp(bridged.callerSdp, previousAnswer);
      bridgedAnswer = call.callerAnswerSdp;
    } catch (error) {
      if (ending(call)) return { status: 487 }; // hung up meanwhile
      // The server acted meanwhile (`hold`, `releaseAgent`): the caller may try again.
      if (error instanceof MediaError && error.code === 'MediaCallState') return { status: 491 };
      // rtpengine failed half-way through: the call cannot carry media any more.
      void this.end(call, true);
      return { status: 500 };
    }
    const answer = bridgedAnswer;
    if (isHold(direction) !== call.callerHolding) {
      call.callerHolding = isHold(direction);
      this.emit({
        type: 'phone-hold',
        callId: call.callId,
        leg: 'caller',
        held: isHold(direction),
      });
    }
    return { sdp: answer };
  }

  /**
   * The agent phone's re-INVITE: a refresh is answered as before; a hold (`sendonly`,
   * `inactive`) puts the caller on music as `hold` does; `sendrecv` after its own hold bridges
   * again; new media while bridged is followed. Answers are our last SDP to the phone, revised.
   */
  private async agentReinvite(call: Call, leg: AgentLeg, offer: string): Promise<ReinviteAnswer> {
    const where = `the agent's re-INVITE in call ${call.callId}`;
    const ours = leg.offerSdp;
    if (leg.phase !== 'connected' || call.agent !== leg || ours === undefined || ending(call))
      return { status: 481 };
    let direction: Direction;
    try {
      direction = audioDirection(offer, where);
      if (leg.answerSdp !== undefined && sameAudio(offer, leg.answerSdp, where))
        return { sdp: ours };
    } catch (error) {
      if (error instanceof MediaError) return { status: 488 };
      throw error;
    }
    const callId = call.callId;
    let answer = ours;
    try {
      if (isHold(direction)) {
        if (call.phase === 'bridged') {
          call.phase = 'on-hold';
          call.heldBy = 'agent-phone';
          await this.media("hold the caller for the agent's phone", call, (m) =>
            m.returnToHold(callId, { agentStays: true }),
          );
          this.emit({ type: 'phone-hold', callId, leg: 'agent', held: true });
        }
        answer = reviseSdp(ours, ours, answeringDirection(direction));
      } else if (call.phase === 'on-hold' && call.heldBy === 'agent-phone') {
        const sdp = await this.media('offer media to the agent again', call, (m) =>
          m.offerToAgent(callId, leg.endpoint.media),
        );
        await this.media('bridge again', call, (m) => m.bridge(callId, offer));
        call.phase = 'bridged';
        call.heldBy = undefined;
        answer = reviseSdp(sdp, ours, answeringDirection(direction));
        this.emit({ type: 'phone-hold', callId, leg: 'agent', held: false });
      } else if (call.phase === 'bridged') {
        await this.media("follow the agent's new media", call, (m) => m.updateAgent(callId, offer));
      }
      // Held by the server: the phone's new media is taken up when `resume` re-offers.
    } catch {
      return { status: ending(call) ? 487 : 488 };
    }
    leg.offerSdp = answer;
    leg.answerSdp = offer;
    return { sdp: answer };
  }

  private dtmf(call: Call, leg: 'caller' | 'agent', request: SipRequest): void {
    const digit = dtmfDigitOf(request);
    if (digit !== undefined) this.emit({ type: 'dtmf', callId: call.callId, leg, digit });
  }

  private emitFailure(call: Call, leg: AgentLeg, reason: AgentFailure, status?: number): void {
    this.emit({
      type: 'agent-failed',
      callId: call.callId,
      legId: leg.legId,
      agentId: leg.agentId,
      reason,
      ...(status === undefined ? {} : { status }),
    });
  }

  /** A media step of an action; fails with CallControlError, `wrong-state` when the call ended meanwhile. */
  private async media<T>(
    what: string,
    call: Call,
    run: (media: MediaControl) => Promise<T>,
  ): Promise<T> {
    if (call.phase === 'ending') throw endedMeanwhile(call.callId, what);
    try {
      return await run(this.options.media);
    } catch (error) {
      if (ending(call)) throw endedMeanwhile(call.callId, what);
      throw mediaFailed(call.callId, what, error);
    }
  }

  private expect(callId: string, phases: readonly CallPhase[], action: string): Call {
    const call = this.calls.get(callId);
    if (call === undefined) throw unknownCall(callId, action);
    if (!phases.includes(call.phase)) {
      throw new CallControlError(
        'wrong-state',
        `cannot ${action} call ${callId}: it is ${call.phase}, and this needs ${phases.join(' or ')}`,
      );
    }
    return call;
  }

  private emit(event: CallEvent): void {
    this.options.onEvent(event);
  }
}

type ReinviteAnswer = { sdp: string } | { status: number };

/** Re-INVITEs the agent with `sdp`; a leg gone or a phone gone silent is status 0. */
async function relayOffer(dialog: SipDialog | undefined, sdp: string): Promise<ReinviteAnswer> {
  if (dialog === undefined) return { status: 0 };
  try {
    return await dialog.reinvite(sdp);
  } catch (error) {
    if (error instanceof DialogError || error instanceof SipRequestFailed) return { status: 0 };
    throw error;
  }
}

/** The status of a failed agent INVITE, as the engine needs it. */
export function failureOf(status: number): AgentFailure {
  if (status === 486 || status === 600) return 'busy';
  if (status === 403 || status === 603) return 'declined';
  if (status === 408 || status === 480) return 'no-answer';
  if (status === 487) return 'cancelled';
  return 'unreachable';
}

/**
 * The routing number: the user part of the Request-URI (or the tel: number). A trunk that sends
 * to our registered Contact (a user that is no number) puts the number dialled in To (B2B19).
 */
function didOf(request: SipRequest): string {
  const user = numberOf(request.uri);
  if (user !== undefined && /^\+?[0-9]+$/.test(user)) return user;
  const to = numberOf(toOf(request)?.uri);
  return to !== undefined && /^\+?[0-9]+$/.test(to) ? to : (user ?? '');
}

function numberOf(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    const uri = parseUri(text);
    return uri.scheme === 'tel' ? uri.number : uri.user;
  } catch (error) {
    if (error instanceof UriError) return undefined;
    throw error;
  }
}

function inviteOf(call: Call): IncomingInvite {
  if (call.invite === undefined) {
    throw new CallControlError(
      'wrong-state',
      `call ${call.callId} was placed by Relais: no INVITE to answer`,
    );
  }
  return call.invite;
}

function callerUri(request: SipRequest): string {
  return fromOf(request)?.uri ?? 'sip:anonymous@anonymous.invalid';
}

function unknownCall(callId: string, action: string): CallControlError {
  return new CallControlError(
    'unknown-call',
    `cannot ${action} call ${callId}: no such call (ended, or never existed)`,
  );
}

/** Read through a call so the compiler does not keep a phase narrowed across an await. */
function ending(call: { readonly phase: string }): boolean {
  return call.phase === 'ending';
}

function endedMeanwhile(callId: string, what: string): CallControlError {
  return new CallControlError(
    'wrong-state',
    `call ${callId} ended (or its agent left) while trying to ${what}`,
  );
}

function mediaFailed(callId: string, what: string, error: unknown): CallControlError {
  const detail = error instanceof Error ? error.message : String(error);
  return new CallControlError('media-failed', `call ${callId}: could not ${what}: ${detail}`);
}
