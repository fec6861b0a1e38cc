// MediaControl on rtpengine: one rtpengine call per caller, with two participants, `caller`
// and `agent`. The caller's offer is answered at once with a stand-in for the agent; each agent
// is attached by re-offering the caller's SDP and re-answering with the agent's. `port latching`
// on every answer keeps the caller's port, so the caller never needs a re-INVITE (MEDIA.md).
import type { AudioCodec } from './sdp-audio.ts';
import { MediaError } from './errors.ts';
import type {
  AgentMediaKind,
  BridgeResult,
  CallerUpdate,
  MediaControl,
  OutboundMediaControl,
} from './media-control.ts';
import type { AnswerRequest, NgClient, SdpRequest } from './ng-client.ts';
import {
  readAudio,
  standInAnswer,
  standInOffer,
  voiceCodec,
  withDtlsSetupActive,
} from './sdp-audio.ts';

export const CALLER_TAG = 'caller';
export const AGENT_TAG = 'agent';

/** Music on hold: a file on rtpengine's host (WAV, MP3… whatever its ffmpeg reads) or its bytes. */
export type HoldMusic = { readonly file: string } | { readonly blob: Uint8Array };

export interface RtpengineMediaControlOptions {
  readonly holdMusic: HoldMusic;
  /** Loops of the music per `playHold`; default 1000 (about 8 hours for a 30 s file). */
  readonly holdRepeatTimes?: number;
}

type Phase = 'held' | 'ringing-agent' | 'bridged';

interface CallMedia {
  callerOfferSdp: string;
  standInSdp: string;
  readonly codec: AudioCodec;
  callerAnswerSdp: string;
  phase: Phase;
  holdPlaying: boolean;
  /** The caller's media is blocked in rtpengine (waiting, not bridged). */
  blocked: boolean;
  /**
   * rtpengine's plain-RTP offer for the agent side, from the last caller offer while held: the
   * next plain-RTP agent is rung with it, no new `offer` needed (the agent-facing port never
   * changes on a re-offer, MEDIA.md). Cleared when another offer changes the agent side.
   */
  agentOfferSdp: string | undefined;
  /** The bridged agent's last answer, to restore the bridge after a refused caller re-offer. */
  agentAnswerSdp: string | undefined;
  /** The media of the agent last offered or bridged: a browser's DTLS session outlives a hold. */
  agentKind: AgentMediaKind | undefined;
  /** The agent's media is blocked in rtpengine (a browser kept attached while the caller waits). */
  agentBlocked: boolean;
  /** A held browser agent stays attached (MED21) until it resumes or another agent is rung. */
  browserParked: boolean;
  /** A command sent without waiting (block media after the anchor); the next operation awaits it. */
  pipelined: Promise<unknown> | undefined;
}

// rtpengine rewrites the origin and session c= lines too, not only the media ones.
const REPLACE = ['origin', 'session-connection'] as const;
// Keep rtpengine's local ports when the far end changes (stand-in → agent → stand-in…).
const LATCH = ['port latching'] as const;

export class RtpengineMediaControl implements MediaControl, OutboundMediaControl {
  private readonly calls = new Map<string, CallMedia>();
  /** Outbound calls offered to their callee and not answered yet: the SDP sent to the callee. */
  private readonly offered = new Map<string, string>();
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    private readonly ng: NgClient,
    private readonly options: RtpengineMediaControlOptions,
  ) {}

  anchorCaller(callId: string, callerOfferSdp: string): Promise<string> {
    return this.serial(callId, async () => {
      if (this.calls.has(callId)) {
        throw stateError(callId, 'is already anchored; release it before anchoring it again');
      }
      const where = `caller of call ${callId}`;
      const codec = voiceCodec(readAudio(callerOfferSdp, where), where);
      // Offered as the first plain-RTP agent will be: its INVITE then reuses this SDP.
      const offered = await this.ng.offer(agentOffer(callId, callerOfferSdp, codec, 'rtp'));
      let standIn: ReturnType<typeof standInAnswer>;
      let answered: { sdp: string };
      try {
        standIn = standInAnswer(offered.sdp);
        answered = await this.ng.answer(standInRequest(callId, standIn.sdp));
      } catch (error) {
        // Half an anchor is no anchor: free rtpengine's ports before reporting the failure.
        await this.ng.delete({ callId }).catch(() => undefined);
        throw error;
      }
      // Nothing the caller sends goes anywhere until an agent is there. Sent without waiting:
      // the caller's 200 OK need not wait for it, and the call's next operation awaits it.
      const blocked = this.ng.blockMedia({ callId, fromTag: CALLER_TAG });
      blocked.catch(() => undefined);
      this.calls.set(callId, {
        callerOfferSdp,
        standInSdp: standIn.sdp,
        codec: standIn.codec,
        callerAnswerSdp: answered.sdp,
        phase: 'held',
        holdPlaying: false,
        blocked: true,
        agentOfferSdp: offered.sdp,
        agentAnswerSdp: undefined,
        agentKind: undefined,
        agentBlocked: false,
        browserParked: false,
        pipelined: blocked,
      });
      return answered.sdp;
    });
  }

  playHold(callId: string): Promise<void> {
    return this.serial(callId, async () => {
      const call = this.known(callId);
      if (call.phase === 'bridged') throw stateError(callId, 'is bridged to an agent: no music');
      // The block sent after the anchor travels with the music: one round trip for both.
      await Promise.all([this.flush(call), this.startMusic(callId, call)]);
    });
  }

  stopHold(callId: string): Promise<void> {
    return this.serial(callId, () => this.stopMusic(callId, this.known(callId)));
  }

  playAnnouncement(callId: string, file: string): Promise<{ durationMs?: number }> {
    return this.serial(callId, async () => {
      const call = this.known(callId);
      if (call.phase === 'bridged') {
        throw stateError(callId, 'is bridged to an agent: no announcement');
      }
      // A new playback replaces the music; `holdPlaying` now means "a player may run".
      const played = await this.ng.playMedia({ callId, fromTag: CALLER_TAG, file, repeatTimes: 1 });
      call.holdPlaying = true;
      return played;
    });
  }

  offerToAgent(callId: string, kind: AgentMediaKind): Promise<string> {
    return this.serial(callId, async () => {
      const call = this.known(callId);
      if (call.phase === 'bridged') {
        throw stateError(callId, 'is bridged already; returnToHold before ringing another agent');
      }
      await this.flush(call);
      let sdp = kind === 'rtp' ? call.agentOfferSdp : undefined;
      if (sdp === undefined) {
        // The caller was answered with one codec: the agent gets that one (and DTMF) only.
        const offered = await this.ng.offer(
          agentOffer(callId, call.callerOfferSdp, call.codec, kind),
        );
        sdp = offered.sdp;
        call.agentOfferSdp = kind === 'rtp' ? sdp : undefined;
      }
      if (kind !== call.agentKind) call.agentAnswerSdp = undefined;
      call.agentKind = kind;
      call.phase = 'ringing-agent';
      return kind === 'webrtc' ? withDtlsSetupActive(sdp) : sdp;
    });
  }

  bridge(callId: string, agentAnswerSdp: string): Promise<BridgeResult> {
    return this.serial(callId, async () => {
      const call = this.known(callId);
      if (call.phase !== 'ringing-agent') {
        throw stateError(callId, `is ${call.phase}: call offerToAgent first, then bridge`);
      }
      readAudio(agentAnswerSdp, `agent of call ${callId}`);
      await this.flush(call);
      const answered = await this.ng.answer({
        callId,
        fromTag: CALLER_TAG,
        toTag: AGENT_TAG,
        sdp: agentAnswerSdp,
        replace: REPLACE,
        flags: LATCH,
      });
      call.agentAnswerSdp = agentAnswerSdp;
      // Independent of each other: sent together, one round trip instead of two.
      await Promise.all([
        this.stopMusic(callId, call),
        this.unblock(callId, call),
        this.unblockAgent(callId, call),
      ]);
      call.browserParked = false;
      call.phase = 'bridged';
      return {
        callerSdp: answered.sdp,
        callerSdpChanged: !sameEndpoint(answered.sdp, call.callerAnswerSdp),
      };
    });
  }

  returnToHold(callId: string, options: { readonly agentStays?: boolean } = {}): Promise<void> {
    return this.serial(callId, async () => {
      const call = this.known(callId);
      await this.flush(call);
      await this.detachAgent(callId, call, options.agentStays === true);
      call.phase = 'held';
      await this.startMusic(callId, call);
    });
  }

  updateCaller(
    callId: string,
    callerOfferSdp: string,
    agent: AgentMediaKind,
  ): Promise<CallerUpdate> {
    return this.serial(callId, async () => {
      const call = this.known(callId);
      const where = `caller's new offer in call ${callId}`;
      const audio = readAudio(callerOfferSdp, where);
      if (
        !audio.codecs.some((c) => c.encoding.toLowerCase() === call.codec.encoding.toLowerCase())
      ) {
        throw new MediaError(
          'MediaInvalidInput',
          `the SDP of ${where} drops ${call.codec.encoding}, the codec the call uses; re-offer it (codec changes are not supported)`,
          { callId },
        );
      }
      await this.flush(call);
      const previousOffer = call.callerOfferSdp;
      call.callerOfferSdp = callerOfferSdp;
      if (call.phase === 'bridged') {
        const offered = await this.ng.offer(agentOffer(callId, callerOfferSdp, call.codec, agent));
        call.agentOfferSdp = undefined;
        call.phase = 'ringing-agent';
        const sdp = agent === 'webrtc' ? withDtlsSetupActive(offered.sdp) : offered.sdp;
        return { kind: 'relay', agentOfferSdp: sdp, previousCallerOfferSdp: previousOffer };
      }
      if (call.phase === 'ringing-agent') {
        call.callerOfferSdp = previousOffer;
        throw stateError(
          callId,
          "is ringing an agent with the caller's previous offer: retry later",
        );
      }
      // Held (music): re-anchor the new offer against the stand-in; music plays on.
      const answer = await this.detachAgent(callId, call, call.browserParked);
      call.callerAnswerSdp = answer;
      if (call.holdPlaying) await this.startMusic(callId, call);
      return { kind: 'answered', callerSdp: answer };
    });
  }

  updateAgent(callId: string, agentSdp: string): Promise<void> {
    return this.serial(callId, async () => {
      const call = this.known(callId);
      if (call.phase !== 'bridged') throw stateError(callId, `is ${call.phase}, not bridged`);
      readAudio(agentSdp, `agent's new offer in call ${callId}`);
      await this.flush(call);
      await this.ng.answer({
        callId,
        fromTag: CALLER_TAG,
        toTag: AGENT_TAG,
        sdp: agentSdp,
        replace: REPLACE,
        flags: LATCH,
      });
      call.agentAnswerSdp = agentSdp;
    });
  }

  restoreBridge(callId: string, callerOfferSdp: string, agent: AgentMediaKind): Promise<void> {
    return this.serial(callId, async () => {
      const call = this.known(callId);
      const agentAnswer = call.agentAnswerSdp;
      if (call.phase !== 'ringing-agent' || agentAnswer === undefined) {
        throw stateError(callId, `is ${call.phase}: nothing to restore`);
      }
      call.callerOfferSdp = callerOfferSdp;
      await this.ng.offer(agentOffer(callId, callerOfferSdp, call.codec, agent));
      await this.ng.answer({
        callId,
        fromTag: CALLER_TAG,
        toTag: AGENT_TAG,
        sdp: agentAnswer,
        replace: REPLACE,
        flags: LATCH,
      });
      call.phase = 'bridged';
    });
  }

  offerToCallee(callId: string): Promise<string> {
    return this.serial(callId, async () => {
      if (this.calls.has(callId) || this.offered.has(callId)) {
        throw stateError(callId, 'is already anchored; release it before offering it again');
      }
      // The stand-in agent offers; the callee is the `caller` participant, as in inbound calls.
      const offered = await this.ng.offer({
        callId,
        fromTag: AGENT_TAG,
        sdp: standInOffer(),
        replace: REPLACE,
        ...agentLegOptions('rtp'),
      });
      this.offered.set(callId, offered.sdp);
      return offered.sdp;
    });
  }

  calleeAnswered(callId: string, answerSdp: string): Promise<void> {
    return this.serial(callId, async () => {
      const sentToCallee = this.offered.get(callId);
      if (sentToCallee === undefined) {
        throw stateError(callId, 'was not offered to a callee: call offerToCallee first');
      }
      const where = `callee of call ${callId}`;
      const codec = voiceCodec(readAudio(answerSdp, where), where);
      await this.ng.answer({
        callId,
        fromTag: AGENT_TAG,
        toTag: CALLER_TAG,
        sdp: answerSdp,
        replace: REPLACE,
        flags: LATCH,
      });
      // Turned round once: the callee re-offers (its own SDP), the stand-in answers. From here
      // on the callee is a held caller; the callee-facing port stays (MED20).
      const reoffered = await this.ng.offer({
        callId,
        fromTag: CALLER_TAG,
        sdp: answerSdp,
        replace: REPLACE,
        codec: { strip: ['all'], except: [codec.encoding, 'telephone-event'] },
        ...agentLegOptions('rtp'),
      });
      const standIn = standInAnswer(reoffered.sdp);
      await this.ng.answer({
        callId,
        fromTag: CALLER_TAG,
        toTag: AGENT_TAG,
        sdp: standIn.sdp,
        replace: REPLACE,
        flags: LATCH,
      });
      await this.ng.blockMedia({ callId, fromTag: CALLER_TAG });
      this.offered.delete(callId);
      this.calls.set(callId, {
        callerOfferSdp: answerSdp,
        standInSdp: standIn.sdp,
        codec,
        callerAnswerSdp: sentToCallee,
        phase: 'held',
        holdPlaying: false,
        blocked: true,
        agentOfferSdp: undefined,
        agentAnswerSdp: undefined,
        agentKind: undefined,
        agentBlocked: false,
        browserParked: false,
        pipelined: undefined,
      });
    });
  }

  release(callId: string): Promise<void> {
    return this.serial(callId, async () => {
      this.calls.delete(callId);
      this.offered.delete(callId);
      await this.ng.delete({ callId });
    });
  }

  /** Runs `work` after the earlier operations on the same call: one call, one ng sequence. */
  private serial<T>(callId: string, work: () => Promise<T>): Promise<T> {
    if (callId.length === 0) {
      return Promise.reject(
        new MediaError(
          'MediaInvalidInput',
          'media operation without a call id: give a non-empty one',
        ),
      );
    }
    const previous = this.queues.get(callId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    this.queues.set(callId, settled);
    void settled.then(() => {
      if (this.queues.get(callId) === settled) this.queues.delete(callId);
    });
    return next;
  }

  private known(callId: string): CallMedia {
    const call = this.calls.get(callId);
    if (call === undefined) throw stateError(callId, 'is not anchored (or was released)');
    return call;
  }

  /** Waits for a command sent without waiting; its failure is this operation's failure. */
  private async flush(call: CallMedia): Promise<void> {
    const pending = call.pipelined;
    if (pending === undefined) return;
    call.pipelined = undefined;
    await pending;
  }

  /**
   * Blocks the caller and answers it again with the stand-in after a re-offer of its SDP (a
   * leg that never answered left a pending offer); returns the caller's answer SDP.
   */
  private async detachAgent(callId: string, call: CallMedia, agentStays: boolean): Promise<string> {
    const browserAnswer = call.agentKind === 'webrtc' ? call.agentAnswerSdp : undefined;
    if (agentStays && browserAnswer !== undefined) {
      return this.parkBrowser(callId, call, browserAnswer);
    }
    // A parked browser that leaves: the stand-in's plain RTP ends its DTLS session too, so that
    // the next browser gets a handshake of its own.
    call.browserParked = false;
    call.agentAnswerSdp = undefined;
    const [, , answered] = await Promise.all([
      this.block(callId, call),
      this.unblockAgent(callId, call),
      (async () => {
        const offered = await this.ng.offer(
          agentOffer(callId, call.callerOfferSdp, call.codec, 'rtp'),
        );
        call.agentOfferSdp = offered.sdp;
        // Rebuilt from this offer: a caller's new offer may number its payload types anew.
        call.standInSdp = standInAnswer(offered.sdp).sdp;
        return this.ng.answer(standInRequest(callId, call.standInSdp));
      })(),
    ]);
    return answered.sdp;
  }

  /**
   * A browser agent stays attached while the caller waits, both sides blocked: re-offering its
   * side as plain RTP would end rtpengine's DTLS session, and the browser, whose own session
   * lives on, ignores the new handshake a resume starts (no audio after a resume, MED21).
   */
  private async parkBrowser(
    callId: string,
    call: CallMedia,
    browserAnswer: string,
  ): Promise<string> {
    const [, , answered] = await Promise.all([
      this.block(callId, call),
      this.blockAgent(callId, call),
      (async () => {
        await this.ng.offer(agentOffer(callId, call.callerOfferSdp, call.codec, 'webrtc'));
        call.agentOfferSdp = undefined;
        return this.ng.answer({
          callId,
          fromTag: CALLER_TAG,
          toTag: AGENT_TAG,
          sdp: browserAnswer,
          replace: REPLACE,
          flags: LATCH,
        });
      })(),
    ]);
    call.browserParked = true;
    return answered.sdp;
  }

  private async blockAgent(callId: string, call: CallMedia): Promise<void> {
    if (call.agentBlocked) return;
    await this.ng.blockMedia({ callId, fromTag: AGENT_TAG });
    call.agentBlocked = true;
  }

  private async unblockAgent(callId: string, call: CallMedia): Promise<void> {
    if (!call.agentBlocked) return;
    await this.ng.unblockMedia({ callId, fromTag: AGENT_TAG });
    call.agentBlocked = false;
  }

  private async block(callId: string, call: CallMedia): Promise<void> {
    if (call.blocked) return;
    await this.ng.blockMedia({ callId, fromTag: CALLER_TAG });
    call.blocked = true;
  }

  private async unblock(callId: string, call: CallMedia): Promise<void> {
    if (!call.blocked) return;
    await this.ng.unblockMedia({ callId, fromTag: CALLER_TAG });
    call.blocked = false;
  }

  private async startMusic(callId: string, call: CallMedia): Promise<void> {
    await this.ng.playMedia({
      callId,
      fromTag: CALLER_TAG,
      ...this.options.holdMusic,
      repeatTimes: this.options.holdRepeatTimes ?? 1000,
    });
    call.holdPlaying = true;
  }

  private async stopMusic(callId: string, call: CallMedia): Promise<void> {
    if (!call.holdPlaying) return;
    await this.ng.stopMedia({ callId, fromTag: CALLER_TAG });
    call.holdPlaying = false;
  }
}

/** The caller's offer towards an agent of `kind`, restricted to the call's codec and DTMF. */
function agentOffer(
  callId: string,
  callerOfferSdp: string,
  codec: AudioCodec,
  kind: AgentMediaKind,
): SdpRequest {
  const options = agentLegOptions(kind);
  return {
    callId,
    fromTag: CALLER_TAG,
    sdp: callerOfferSdp,
    replace: REPLACE,
    codec: { strip: ['all'], except: [codec.encoding, 'telephone-event'] },
    ...options,
    // Without it a caller's re-offer with a new address or direction moves the agent-facing
    // port (measured, test MED18): the agent's phone would be re-pointed for nothing.
    flags: [...LATCH, ...(options.flags ?? [])],
  };
}

function standInRequest(callId: string, standInSdp: string): AnswerRequest {
  return {
    callId,
    fromTag: CALLER_TAG,
    toTag: AGENT_TAG,
    sdp: standInSdp,
    replace: REPLACE,
    flags: LATCH,
  };
}

/** The offer options towards the agent's phone: plain RTP, or ICE + DTLS-SRTP for a browser. */
export function agentLegOptions(kind: AgentMediaKind): Partial<SdpRequest> {
  if (kind === 'webrtc') {
    return {
      ice: 'force',
      // rtpengine is the DTLS client: see withDtlsSetupActive.
      dtls: 'active',
      sdes: ['off'],
      transportProtocol: 'UDP/TLS/RTP/SAVPF',
      rtcpMux: ['require'],
      flags: ['generate mid'],
    };
  }
  return { ice: 'remove', transportProtocol: 'RTP/AVP', rtcpMux: ['demux'] };
}

function sameEndpoint(a: string, b: string): boolean {
  const left = readAudio(a, 'rtpengine answer');
  const right = readAudio(b, 'rtpengine answer');
  return left.port === right.port && left.address === right.address;
}

function stateError(callId: string, problem: string): MediaError {
  return new MediaError('MediaCallState', `media of call ${callId} ${problem}`, { callId });
}
