// Builders of REGISTER requests for the registrar tests, and a phone that answers its challenge.
import { DigestClient } from '../auth/digest-client.ts';
import { header, type SipRequest, type SipResponse } from '../message/message.ts';
import { parseMessage } from '../message/parse.ts';
import type { Registrar, RegisterOutcome } from '../registrar/registrar.ts';
import type { RemoteAddress } from '../transport/types.ts';
import { bytes, requestText } from './message-builders.ts';

export interface RegisterSpec {
  readonly user?: string;
  /** The To URI; `sip:<user>@relais.example.com` by default. */
  readonly to?: string;
  readonly contacts?: readonly string[];
  readonly expires?: number | string;
  readonly callId?: string;
  readonly cseq?: number;
  readonly via?: string;
  readonly extra?: readonly string[];
}

/** A REGISTER as a parsed request (without credentials). */
export function registerRequest(spec: RegisterSpec = {}): SipRequest {
  const user = spec.user ?? 'agent-7';
  const extra = [
    ...(spec.contacts ?? [`<sip:${user}@192.0.2.10:5062>`]).map((c) => `Contact: ${c}`),
    ...(spec.expires === undefined ? [] : [`Expires: ${spec.expires}`]),
    ...(spec.extra ?? []),
  ];
  const message = parseMessage(
    bytes(
      requestText({
        method: 'REGISTER',
        uri: 'sip:relais.example.com',
        via: spec.via ?? 'SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK-reg',
        from: `<sip:${user}@relais.example.com>;tag=reg-${user}`,
        to: spec.to ?? `<sip:${user}@relais.example.com>`,
        callId: spec.callId ?? `reg-${user}@192.0.2.10`,
        cseq: `${spec.cseq ?? 1} REGISTER`,
        extra,
      }),
    ),
  );
  if (message.kind !== 'request') throw new Error('builder produced a response');
  return message;
}

export const phoneAt = (address = '192.0.2.10', port = 5062): RemoteAddress => ({
  protocol: 'udp',
  address,
  port,
});

/** The request again with an Authorization answering the registrar's 401 outcome. */
export function answerChallenge(
  request: SipRequest,
  challenge: RegisterOutcome,
  password: string,
  username?: string,
): SipRequest {
  const response: SipResponse = {
    kind: 'response',
    status: 401,
    reason: 'Unauthorized',
    headers: [...challenge.headers],
    body: new Uint8Array(0),
  };
  const to = request.headers.find((h) => h.key === 'to')?.value ?? '';
  const user = username ?? /sip:([^@]+)@/.exec(to)?.[1] ?? '';
  const client = new DigestClient({ username: user, password }, () => 'cnonce-1');
  const authorization = client.authorize(request, response);
  if (authorization === undefined) throw new Error('no usable challenge');
  return {
    ...request,
    headers: [...request.headers, header(authorization.name, authorization.value)],
  };
}

/**
 * Sends the REGISTER as a phone does: unauthenticated first, then with digest credentials
 * answering the 401. Returns the final outcome.
 */
export function registerWithCredentials(
  registrar: Registrar,
  request: SipRequest,
  password: string,
  source: RemoteAddress = phoneAt(),
  username?: string,
): RegisterOutcome {
  const challenge = registrar.process(request, source);
  if (challenge.status !== 401) return challenge;
  return registrar.process(answerChallenge(request, challenge, password, username), source);
}
