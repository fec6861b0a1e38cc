// A SipAgent the softphone tests drive by hand: they fire the library's events and read what the
// softphone asked of it; fake calls record the actions taken on them.
import type {
  IncomingCallHandle,
  SipAgent,
  SipAgentEvents,
  SoftphoneConfig,
} from '../agent/softphone/sip-agent.ts';

export class FakeAgent implements SipAgent {
  constructor(readonly config?: SoftphoneConfig) {}
  events: SipAgentEvents | undefined;
  starts = 0;
  stops = 0;
  credentials: string[] = [];
  start(events: SipAgentEvents): void {
    this.events = events;
    this.starts++;
  }
  stop(): void {
    this.stops++;
  }
  setCredentials(user: string, password: string): void {
    this.credentials.push(`${user}:${password}`);
  }
  get on(): SipAgentEvents {
    if (this.events === undefined) throw new Error('not started');
    return this.events;
  }
}

export function fakeCall(id = 'call-1', from = 'sip:+212600123456@relais.example.com') {
  const actions: string[] = [];
  const handle: IncomingCallHandle = {
    id,
    from,
    displayName: undefined,
    answer: () => actions.push('answer'),
    hangUp: (busy) => actions.push(busy === true ? 'busy' : 'hangUp'),
    mute: (muted) => actions.push(muted ? 'mute' : 'unmute'),
    sendDtmf: (digit) => actions.push(`dtmf ${digit}`),
  };
  return { handle, actions };
}
