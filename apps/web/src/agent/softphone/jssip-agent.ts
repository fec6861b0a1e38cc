// The SipAgent on JsSIP: registers over WebSocket (RFC 7118) with digest credentials (JsSIP
// answers MD5 challenges only, and only the first one: the registrar must offer MD5 first) and
// answers incoming calls with WebRTC audio, playing the far end in an <audio> element.
import { C, UA, WebSocketInterface } from 'jssip';
import type { RTCSession } from 'jssip/lib/RTCSession.js';
import type { IncomingCallHandle, SipAgent, SipAgentEvents, SoftphoneConfig } from './sip-agent.ts';

export function jsSipAgent(initial: SoftphoneConfig, remoteAudio?: HTMLAudioElement): SipAgent {
  let config = initial;
  let ua: UA | undefined;
  return {
    start(events: SipAgentEvents) {
      ua = new UA({
        sockets: [new WebSocketInterface(config.webSocketUrl)],
        uri: config.sipUri,
        password: config.password,
        ...(config.authorizationUser === undefined
          ? {}
          : { authorization_user: config.authorizationUser }),
        ...(config.displayName === undefined ? {} : { display_name: config.displayName }),
        register: true,
        register_expires: config.registerExpires ?? 600,
        // The B2BUA refreshes nothing with session timers; they would only add re-INVITEs.
        session_timers: false,
        user_agent: 'Relais softphone (JsSIP)',
      });
      ua.on('connecting', () => events.onConnecting());
      ua.on('registered', () => events.onRegistered());
      ua.on('unregistered', () => events.onUnregistered());
      ua.on('registrationFailed', (event) => events.onRegistrationFailed(event.cause ?? 'failed'));
      ua.on('disconnected', () => events.onDisconnected());
      ua.on('newRTCSession', (event: { originator: string; session: RTCSession }) => {
        if (event.originator !== 'remote') return;
        events.onIncomingCall(incomingCall(event.session, events, remoteAudio));
      });
      ua.start();
    },
    stop() {
      ua?.stop();
      ua = undefined;
    },
    setCredentials(authorizationUser, password) {
      config = { ...config, authorizationUser, password };
      // The running agent answers the next challenge (its refresh REGISTER) with them.
      ua?.set('authorization_user', authorizationUser);
      ua?.set('password', password);
    },
  };
}

function incomingCall(
  session: RTCSession,
  events: SipAgentEvents,
  remoteAudio: HTMLAudioElement | undefined,
): IncomingCallHandle {
  const id = session.id;
  session.on('peerconnection', ({ peerconnection }) => {
    peerconnection.addEventListener('track', (event: RTCTrackEvent) => {
      if (remoteAudio !== undefined && event.streams[0] !== undefined) {
        remoteAudio.srcObject = event.streams[0];
        void remoteAudio.play().catch(() => undefined);
      }
    });
  });
  session.on('confirmed', () => events.onCallConfirmed(id));
  session.on('ended', (event) => events.onCallEnded(id, event.cause));
  session.on('failed', (event) => events.onCallEnded(id, event.cause));
  const identity = session.remote_identity;
  return {
    id,
    from: identity.uri.toString(),
    displayName: identity.display_name === '' ? undefined : identity.display_name,
    answer: () => session.answer({ mediaConstraints: { audio: true, video: false } }),
    hangUp: (busy = false) => {
      if (session.isEnded()) return;
      session.terminate(busy ? { status_code: 486, reason_phrase: 'Busy Here' } : {});
    },
    mute: (muted) => (muted ? session.mute({ audio: true }) : session.unmute({ audio: true })),
    // INFO, not RFC 4733 in the media: the B2BUA reads the agent leg's DTMF from SIP INFO.
    sendDtmf: (digit) => session.sendDTMF(digit, { transportType: C.DTMF_TRANSPORT.INFO }),
  };
}
