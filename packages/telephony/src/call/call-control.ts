// The port between the server and the call-center B2BUA. The server maps events to engine
// commands and engine decisions to actions (README: "The call-control port"). Telephony does
// not import the engine; the engine does not know SIP.
import type { AgentMediaKind } from '../media/media-control.ts';
import type { RemoteAddress } from '../sip/transport/types.ts';

/** Where an agent's phone is reached: its SIP URI and the address to send to. */
export interface AgentEndpoint {
  readonly uri: string;
  readonly destination: RemoteAddress;
  readonly media: AgentMediaKind;
}

/** Finds an agent's phone (the registrar supplies it); undefined when the agent has none. */
export type ResolveAgent = (agentId: string) => AgentEndpoint | undefined;

/** How an agent leg ended without being answered. */
export type AgentFailure =
  /** The phone rang (or said 100 Trying) until the ring timeout, or answered 408/480. */
  | 'no-answer'
  /** 486, 600. */
  | 'busy'
  /** 403, 603. */
  | 'declined'
  /** No phone known, no response at all until the ring timeout, a transport error, or any other failure status. */
  | 'unreachable'
  /** Ended by us: `cancelAgent`, `hangUp`, or the caller hanging up while it rang. */
  | 'cancelled';

/** Where the caller was when it hung up. */
export type CallerPhase = 'offered' | 'queued' | 'ringing-agent' | 'bridged' | 'on-hold';

export type CallEvent =
  /** A new call on a routing number (DID): answer it (or reject it). */
  | {
      readonly type: 'inbound';
      readonly callId: string;
      readonly did: string;
      readonly from: string;
    }
  /** The caller hung up (BYE, or CANCEL before the answer). The call then ends. */
  | { readonly type: 'caller-hung-up'; readonly callId: string; readonly phase: CallerPhase }
  | {
      readonly type: 'agent-ringing';
      readonly callId: string;
      readonly legId: string;
      readonly agentId: string;
    }
  /** The agent answered and is bridged to the caller: media flows both ways. */
  | {
      readonly type: 'agent-answered';
      readonly callId: string;
      readonly legId: string;
      readonly agentId: string;
    }
  /** The agent leg ended before an answer; the caller (if still there) hears music again. */
  | {
      readonly type: 'agent-failed';
      readonly callId: string;
      readonly legId: string;
      readonly agentId: string;
      readonly reason: AgentFailure;
      /** The SIP status the phone answered, when it answered one. */
      readonly status?: number;
    }
  /** The agent hung up a bridged call (BYE): the caller is hung up too, the call ends. */
  | {
      readonly type: 'agent-hung-up';
      readonly callId: string;
      readonly legId: string;
      readonly agentId: string;
    }
  /** A DTMF digit: SIP INFO (application/dtmf-relay or application/dtmf) or RFC 4733 in RTP. */
  | {
      readonly type: 'dtmf';
      readonly callId: string;
      readonly leg: 'caller' | 'agent';
      readonly digit: string;
    }
  /**
   * A phone put the call on hold or took it off hold by re-INVITE (`sendonly`/`inactive`, then
   * `sendrecv`). The agent's phone holding puts the caller on music, as `hold` does.
   */
  | {
      readonly type: 'phone-hold';
      readonly callId: string;
      readonly leg: 'caller' | 'agent';
      readonly held: boolean;
    }
  /** The last event of a call: its dialogs, timers and media are gone. */
  | { readonly type: 'call-ended'; readonly callId: string };

export interface AnnounceOptions {
  /** Music on hold again once the file has played (default); false leaves silence (a menu). */
  readonly thenMusic?: boolean;
}

export interface RingOptions {
  /** How long the agent's phone rings before the leg is cancelled (`no-answer`). */
  readonly ringTimeoutMs: number;
}

/** The actions the server takes on calls; each fails with CallControlError when out of place. */
export interface CallControl {
  /** Answers the caller at once (200 OK with rtpengine's SDP) and plays music on hold. */
  answer(callId: string): Promise<void>;
  /** Refuses an inbound call that was not answered (404 unknown DID, 486, 503…). */
  reject(callId: string, status: number): Promise<void>;
  /** Rings an agent's phone with the caller's media offer; resolves with the leg's id once sent. */
  ringAgent(callId: string, agentId: string, options: RingOptions): Promise<string>;
  /** Cancels the ringing agent leg (`agent-failed` with `cancelled`); the caller keeps the music. */
  cancelAgent(callId: string): Promise<void>;
  /**
   * Plays a file once to a caller who waits (queued, or an agent ringing) in place of the music,
   * then the music again unless `thenMusic` is false; resolves with the file's length when known.
   */
  announce(
    callId: string,
    file: string,
    options?: AnnounceOptions,
  ): Promise<{ durationMs?: number }>;
  /** Music on hold again for a waiting caller (after a menu left it in silence). */
  playMusic(callId: string): Promise<void>;
  /** Hangs up the bridged agent and puts the caller back on music (blind transfer to a queue). */
  releaseAgent(callId: string): Promise<void>;
  /** Blind transfer to an agent: the current agent is released, a new leg rings `agentId`. */
  transferToAgent(callId: string, agentId: string, options: RingOptions): Promise<string>;
  /** The caller hears music; the agent's leg stays up. */
  hold(callId: string): Promise<void>;
  /** Reconnects a held caller to the agent (a re-INVITE to the agent's phone). */
  resume(callId: string): Promise<void>;
  /** Ends the call: every leg is hung up or cancelled and the media is released. */
  hangUp(callId: string): Promise<void>;
}
