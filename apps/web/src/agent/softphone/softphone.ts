// The agent desktop's softphone: registration state and the one call an agent handles at a
// time, over a SipAgent (JsSIP in the browser). The B2BUA rings it when the engine offers a
// call; `autoAnswer` answers at once, else the agent answers from the panel.
import type { IncomingCallHandle, SipAgent, SipAgentEvents } from './sip-agent.ts';

export type RegistrationState = 'unregistered' | 'registering' | 'registered' | 'error';

export interface SoftphoneCall {
  readonly id: string;
  readonly from: string;
  readonly displayName: string | undefined;
  readonly state: 'ringing' | 'answering' | 'active';
}

export interface SoftphoneState {
  readonly registration: RegistrationState;
  /** Why registration failed (state `error`), as the library says it. */
  readonly error: string | undefined;
  readonly call: SoftphoneCall | undefined;
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
};

export class Softphone {
  private state: SoftphoneState = INITIAL_SOFTPHONE_STATE;
  private readonly listeners = new Set<() => void>();
  private handle: IncomingCallHandle | undefined;
  private started = false;

  constructor(
    private readonly agent: SipAgent,
    private readonly hooks: SoftphoneHooks = {},
  ) {}

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
    this.set({ registration: 'unregistered', error: undefined, call: undefined });
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
      onRegistered: () => this.set({ registration: 'registered', error: undefined }),
      onUnregistered: () => {
        if (this.started) this.set({ registration: 'unregistered' });
      },
      onRegistrationFailed: (cause) => this.set({ registration: 'error', error: cause }),
      onDisconnected: () => {
        // The library reconnects and registers again by itself.
        if (this.started && this.state.registration === 'registered')
          this.set({ registration: 'registering' });
      },
      onIncomingCall: (handle) => this.ring(handle),
      onCallConfirmed: (id) => {
        const call = this.state.call;
        if (call === undefined || call.id !== id) return;
        const active: SoftphoneCall = { ...call, state: 'active' };
        this.set({ call: active });
        this.hooks.onCallAnswered?.(active);
      },
      onCallEnded: (id, cause) => {
        const call = this.state.call;
        if (call === undefined || call.id !== id) return;
        this.handle = undefined;
        this.set({ call: undefined });
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
    };
    this.set({ call });
    this.hooks.onIncomingCall?.(call);
    if (this.hooks.autoAnswer === true) this.answer();
  }

  private set(patch: Partial<SoftphoneState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
