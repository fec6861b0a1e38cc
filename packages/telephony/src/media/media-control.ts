// The port the B2BUA drives media through. One call = one caller leg, answered at once and held
// with music, later bridged to one agent leg at a time (MEDIA.md has the sequence).

/** How the agent's phone speaks media: plain RTP (desk phone, sipp) or WebRTC (the browser). */
export type AgentMediaKind = 'rtp' | 'webrtc';

export interface BridgeResult {
  /** The SDP rtpengine now advertises to the caller. */
  readonly callerSdp: string;
  /** True when that SDP differs in address or port from the caller's answer: re-INVITE the caller. */
  readonly callerSdpChanged: boolean;
}

/** What a caller's new offer (re-INVITE) became: an answer for it, or an offer for the agent. */
export type CallerUpdate =
  /** Held with music: rtpengine took the new offer; answer the caller with `callerSdp`. */
  | { readonly kind: 'answered'; readonly callerSdp: string }
  /**
   * Bridged: re-INVITE the agent with `agentOfferSdp`, then `bridge` its answer (which gives the
   * caller's answer), or `restoreBridge` with `previousCallerOfferSdp` when the agent refuses.
   */
  | {
      readonly kind: 'relay';
      readonly agentOfferSdp: string;
      readonly previousCallerOfferSdp: string;
    };

export interface MediaControl {
  /** Anchors the caller's offer in the media relay; returns the SDP to answer the caller with. */
  anchorCaller(callId: string, callerOfferSdp: string): Promise<string>;
  /** Plays music on hold to the caller (looping) until `stopHold` or `bridge`. */
  playHold(callId: string): Promise<void>;
  stopHold(callId: string): Promise<void>;
  /**
   * Plays a file once to the held caller in place of the music (an announcement, a menu prompt);
   * resolves with its length when rtpengine knows it. Silence follows until `playHold`.
   */
  playAnnouncement(callId: string, file: string): Promise<{ durationMs?: number }>;
  /** The SDP to offer the agent's phone in the INVITE that rings it. */
  offerToAgent(callId: string, kind: AgentMediaKind): Promise<string>;
  /** Connects the agent's answer to the caller; music stops and media flows both ways. */
  bridge(callId: string, agentAnswerSdp: string): Promise<BridgeResult>;
  /**
   * The agent leg failed or ended: the caller hears music again and waits for the next agent.
   * `agentStays`: a hold, the same agent resumes later (a WebRTC agent stays attached, MED21).
   */
  returnToHold(callId: string, options?: { readonly agentStays?: boolean }): Promise<void>;
  /** The caller re-offered (re-INVITE with changed media): see CallerUpdate. `agent`: the bridged agent's kind. */
  updateCaller(
    callId: string,
    callerOfferSdp: string,
    agent: AgentMediaKind,
  ): Promise<CallerUpdate>;
  /** The agent's relay of a caller re-offer failed: back to the previous offer and agent answer. */
  restoreBridge(callId: string, callerOfferSdp: string, agent: AgentMediaKind): Promise<void>;
  /** The bridged agent's phone moved its media (re-INVITE): rtpengine sends to the new place. */
  updateAgent(callId: string, agentSdp: string): Promise<void>;
  /** Frees the call's media (ports, playback); unknown calls are ignored. */
  release(callId: string): Promise<void>;
}

/**
 * Media of calls Relais places (outbound, MEDIA.md "Outbound calls"): rtpengine offers to the
 * callee for a stand-in agent; once the callee answers, the call is in the same held state as an
 * answered caller's, so agents are rung and bridged through `MediaControl` as for inbound calls.
 */
export interface OutboundMediaControl {
  /** The SDP offer for the INVITE to the callee. */
  offerToCallee(callId: string): Promise<string>;
  /** The callee's answer: anchors it; its media goes nowhere until `bridge` (no music). */
  calleeAnswered(callId: string, answerSdp: string): Promise<void>;
  /** Plays a file once to the callee (an answered outbound call); resolves with its length when known. */
  playAnnouncement(callId: string, file: string): Promise<{ durationMs?: number }>;
}
