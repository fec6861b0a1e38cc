// The port between the softphone and a SIP library: what it needs from a user agent that
// registers over WebSocket and takes calls. The JsSIP implementation is jssip-agent.ts; tests
// drive the softphone with a fake.

export interface SoftphoneConfig {
  /** The registrar's WebSocket, e.g. `wss://relais.example.com/sip` (RFC 7118). */
  readonly webSocketUrl: string;
  /** The agent's SIP address of record, e.g. `sip:agent-7@relais.example.com`. */
  readonly sipUri: string;
  /** The digest user name; the user part of `sipUri` when absent. */
  readonly authorizationUser?: string;
  readonly password: string;
  readonly displayName?: string;
  /** Seconds asked for each registration (the registrar may ask for more: 423). */
  readonly registerExpires?: number;
}

/** An incoming call as the library gives it. */
export interface IncomingCallHandle {
  readonly id: string;
  /** The caller as the INVITE's From shows it (the B2BUA puts the customer's number there). */
  readonly from: string;
  readonly displayName: string | undefined;
  /** Answers with the microphone (WebRTC audio only). */
  answer(): void;
  /** Hangs up (BYE), declines a ringing call (486 when `busy`, else 603), or cancels the answer. */
  hangUp(busy?: boolean): void;
  /** Stops (or resumes) sending the microphone; the far end hears silence. */
  mute(muted: boolean): void;
  /** Sends one DTMF digit (0-9, *, #, A-D) as SIP INFO, which the B2BUA reports. */
  sendDtmf(digit: string): void;
}

export interface SipAgentEvents {
  onConnecting(): void;
  onRegistered(): void;
  onUnregistered(): void;
  onRegistrationFailed(cause: string): void;
  /** The WebSocket closed (the library reconnects by itself). */
  onDisconnected(): void;
  onIncomingCall(call: IncomingCallHandle): void;
  /** The call is up: the 200 was acknowledged. */
  onCallConfirmed(id: string): void;
  onCallEnded(id: string, cause: string): void;
}

export interface SipAgent {
  start(events: SipAgentEvents): void;
  /** Unregisters and closes the WebSocket. */
  stop(): void;
  /** New digest credentials for the next registrations (a renewed softphone credential). */
  setCredentials(authorizationUser: string, password: string): void;
}
