// The agent desktop's softphone: registration state and the one call an agent handles at a
// time, over a SipAgent (JsSIP in the browser). The B2BUA rings it when the engine offers a
// call; `autoAnswer` answers at once, else the agent answers from the panel. Mute and DTMF act
// on the call; a dropped WebSocket and a refused microphone are kept for the panel to explain.
import type { IncomingCallHandle, SipAgent, SipAgentEvents } from './sip-agent.ts';

export type RegistrationState = 'unregistered' | 'registering' | 'registered' | 'error';

export interface SoftphoneCall {
  readonly id: string;
  readonly from: string;
  readonly displayName: string | undefined;
  readonly state: 'ringing' | 'answering' | 'active';
  /** The microphone is not sent. */
  readonly muted: boolean;
}

/** Why the last call failed, when the agent can do something about it. */
export type CallProblem = 'microphone';

/** What the library says when the browser refused the microphone (JsSIP's cause). */
const MICROPHONE_REFUSED = 'User Denied Media Access';
const DTMF_DIGIT = /^[0-9*#A-D]$/;

export interface SoftphoneState {
  readonly registration: RegistrationState;
  /** Why registration failed (state `error`), as the library says it. */
  readonly error: string | undefined;
  readonly call: SoftphoneCall | undefined;
  /** Every incoming call is answered at once. */
  readonly autoAnswer: boolean;
  /** The WebSocket closed and the library is trying again. */
  readonly socketDown: boolean;
  readonly callProblem: CallProblem | undefined;
}

export interface SoftphoneHooks {
  /** Answer every call as soon as it rings (the engine already offered it to this agent). */
  readonly autoAnswer?: boolean;
  readonly onIncomingCall?: (call: SoftphoneCall) => void;
  readonly onCallAnswered?: (call: SoftphoneCall) => void;
  readonly onCallEnded?: (call: SoftphoneCall, cause: string) => void;
}

export const INITIAL_SOFTPHONE_STATE: SoftphoneState = {
  registration: 'unregistered',
  error: undefined,
  call: undefined,
  autoAnswer: false,
  socketDown: false,
  callProblem: undefined,
};

export class Softphone {
  private state: SoftphoneState;
  private readonly listeners = new Set<() => void>();
  private handle: IncomingCallHandle | undefined;
  private started = false;

  constructor(
    private readonly agent: SipAgent,
    private readonly hooks: SoftphoneHooks = {},
  ) {
    this.state = { ...INITIAL_SOFTPHONE_STATE, autoAnswer: hooks.autoAnswer === true };
  }

  getState = (): SoftphoneState => this.state;

  /** For useSyncExternalStore: returns the unsubscribe. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  start(): void {
    if (this.started) return;
    this.started = true;
    this.set({ registration: 'registering', error: undefined });
    this.agent.start(this.events());
  }

  stop(): void {
    if (!this.started) return;
    this.started = false;
    this.handle?.hangUp();
    this.handle = undefined;
    this.agent.stop();
    this.set({
      registration: 'unregistered',
      error: undefined,
      call: undefined,
      socketDown: false,
    });
  }

  /** Closes the WebSocket and starts again at once (the agent's "retry", new credentials). */
  reconnect(): void {
    if (!this.started) return;
    this.stop();
    this.start();
  }

  /** The next registrations use these digest credentials (a renewed softphone credential). */
  setCredentials(authorizationUser: string, password: string): void {
    this.agent.setCredentials(authorizationUser, password);
  }

  setAutoAnswer(on: boolean): void {
    this.set({ autoAnswer: on });
  }

  /** Stops or resumes sending the microphone on the active call. */
  mute(muted: boolean): void {
    const call = this.state.call;
    if (call?.state !== 'active' || this.handle === undefined || call.muted === muted) return;
    this.handle.mute(muted);
    this.set({ call: { ...call, muted } });
  }

  /** Sends a DTMF digit on the active call; anything but 0-9, *, #, A-D is a RangeError. */
  sendDtmf(digit: string): void {
    if (!DTMF_DIGIT.test(digit)) {
      throw new RangeError(`DTMF digit: expected one of 0-9 * # A-D, got "${digit}"`);
    }
    if (this.state.call?.state !== 'active' || this.handle === undefined) return;
    this.handle.sendDtmf(digit);
  }

  /** The agent has read why the last call failed. */
  dismissProblem(): void {
    this.set({ callProblem: undefined });
  }

  /** Answers the ringing call; nothing when none rings. */
  answer(): void {
    const call = this.state.call;
    if (call?.state !== 'ringing' || this.handle === undefined) return;
    this.set({ call: { ...call, state: 'answering' } });
    this.handle.answer();
  }

  /** Hangs up the call, or declines it while it rings; nothing when there is none. */
  hangUp(): void {
    this.handle?.hangUp();
  }

  private events(): SipAgentEvents {
    return {
      onConnecting: () => {
        if (this.state.registration !== 'registered') this.set({ registration: 'registering' });
      },
      onRegistered: () =>
        this.set({ registration: 'registered', error: undefined, socketDown: false }),
      onUnregistered: () => {
        if (this.started) this.set({ registration: 'unregistered' });
      },
      onRegistrationFailed: (cause) => this.set({ registration: 'error', error: cause }),
      onDisconnected: () => {
        // The library reconnects and registers again by itself.
        if (!this.started) return;
        this.set({
          socketDown: true,
          ...(this.state.registration === 'registered' ? { registration: 'registering' } : {}),
        });
      },
      onIncomingCall: (handle) => this.ring(handle),
      onCallConfirmed: (id) => {
        const call = this.state.call;
        // Only the answer being made comes up, once (a repeated or stray confirmation is not news).
        if (call === undefined || call.id !== id || call.state !== 'answering') return;
        const active: SoftphoneCall = { ...call, state: 'active' };
        this.set({ call: active, callProblem: undefined });
        this.hooks.onCallAnswered?.(active);
      },
      onCallEnded: (id, cause) => {
        const call = this.state.call;
        if (call === undefined || call.id !== id) return;
        this.handle = undefined;
        this.set({
          call: undefined,
          ...(cause === MICROPHONE_REFUSED ? { callProblem: 'microphone' as const } : {}),
        });
        this.hooks.onCallEnded?.(call, cause);
      },
    };
  }

  private ring(handle: IncomingCallHandle): void {
    // One call at a time: a second one while busy is declined with 486 Busy Here.
    if (this.state.call !== undefined) {
      handle.hangUp(true);
      return;
    }
    this.handle = handle;
    const call: SoftphoneCall = {
      id: handle.id,
      from: handle.from,
      displayName: handle.displayName,
      state: 'ringing',
      muted: false,
    };
    // A refused microphone stays said while the next call rings: it will fail the same way.
    this.set({ call });
    this.hooks.onIncomingCall?.(call);
    if (this.state.autoAnswer) this.answer();
  }

  private set(patch: Partial<SoftphoneState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
