// The port through which the live dialer places calls (issue 8). Two implementations: real calls
// through a SIP trunk (telephony/trunk-calls.ts, `relais serve --sip-trunk`), else the simulated
// called party (simulated-calls.ts), where no real call is placed.
import type { CallResult } from '@relais/dialer';

export interface OutboundDial {
  readonly callId: string;
  readonly number: string;
  readonly callerId: string;
  readonly ringTimeoutMs: number;
  /** Preview and owned callbacks: the agent already on the line. */
  readonly agentId?: string;
}

/** What the line tells the dialer. */
export interface OutboundCallListener {
  /** The call stopped ringing: picked up by a person or a machine, or not answered, busy … */
  result(callId: string, result: CallResult): void;
  /** The callee hung up a connected call. */
  remoteHangUp(callId: string): void;
}

/** One campaign's lines. */
export interface OutboundCalls {
  dial(call: OutboundDial): void;
  /** A drop: play the identification message (COMPLIANCE.md: within 2 s), then hang up. */
  playIdentification(callId: string): void;
  /** The agent (or the campaign) ended the call: hang up the callee's leg. */
  hangUp(callId: string): void;
  /** Forget every call and timer (the campaign is rebuilt or the server closes). */
  close(): void;
}

/** Makes a campaign's lines; `listener` hears about every call. */
export type OutboundCallsFactory = (
  tenantId: string,
  campaignId: string,
  listener: OutboundCallListener,
) => OutboundCalls;
