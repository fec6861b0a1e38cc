// The bench's agent phones register from one Node UDP socket: a REGISTER per SIP user, the
// registrar's 401 answered with digest credentials, every Contact pointing at the one sipp phone
// that answers for all. (sipp's [authentication] takes no injection-file fields, so one sipp run
// cannot register many users.)
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import {
  callIdOf,
  DigestClient,
  parseMessage,
  serializeMessage,
  type SipRequest,
  type SipResponse,
} from '@relais/telephony';

export interface PhoneRegistration {
  readonly user: string;
  readonly password: string;
}

/** Registers every user at 127.0.0.1:`sipPort` with its Contact at 127.0.0.1:`phonePort`; throws on the first refusal. */
export async function registerPhones(
  registrations: readonly PhoneRegistration[],
  sipPort: number,
  phonePort: number,
  inFlight = 50,
): Promise<void> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const localPort = socket.address().port;
  const waiting = new Map<string, (response: SipResponse) => void>();
  socket.on('message', (bytes) => {
    const message = parseMessage(bytes);
    if (message.kind !== 'response') return;
    const callId = callIdOf(message);
    if (callId !== undefined) waiting.get(callId)?.(message);
  });
  const send = (request: SipRequest): Promise<SipResponse> =>
    new Promise((resolve, reject) => {
      const callId = callIdOf(request) ?? '';
      const bytes = serializeMessage(request);
      // Loopback rarely drops, but a busy registrar may: resend as a UDP client would (§17.1.2).
      const resend = setInterval(() => socket.send(bytes, sipPort, '127.0.0.1'), 1000);
      const give = setTimeout(() => {
        clearInterval(resend);
        waiting.delete(callId);
        reject(new Error(`no answer to REGISTER ${callId} within 16 s`));
      }, 16_000);
      waiting.set(callId, (response) => {
        if (response.status < 200) return;
        clearInterval(resend);
        clearTimeout(give);
        waiting.delete(callId);
        resolve(response);
      });
      socket.send(bytes, sipPort, '127.0.0.1');
    });
  const one = async ({ user, password }: PhoneRegistration): Promise<void> => {
    const request = registerRequest(user, sipPort, localPort, phonePort);
    let response = await send(request);
    if (response.status === 401) {
      const client = new DigestClient({ username: user, password }, () => hex());
      const retry = client.retry(request, response, hex());
      if (retry === undefined)
        throw new Error(`${user}: the registrar's 401 has no usable challenge`);
      response = await send(retry);
    }
    if (response.status !== 200)
      throw new Error(`${user}: REGISTER answered ${response.status} ${response.reason}`);
  };
  try {
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < registrations.length) {
        const registration = registrations[next++];
        if (registration !== undefined) await one(registration);
      }
    };
    await Promise.all(Array.from({ length: inFlight }, worker));
  } finally {
    socket.close();
  }
}

function hex(): string {
  return randomBytes(8).toString('hex');
}

function registerRequest(
  user: string,
  sipPort: number,
  localPort: number,
  phonePort: number,
): SipRequest {
  const text =
    `REGISTER sip:127.0.0.1:${sipPort} SIP/2.0\r\n` +
    `Via: SIP/2.0/UDP 127.0.0.1:${localPort};branch=z9hG4bK${hex()};rport\r\n` +
    `From: <sip:${user}@127.0.0.1>;tag=${hex()}\r\n` +
    `To: <sip:${user}@127.0.0.1>\r\n` +
    `Call-ID: ${hex()}@bench\r\n` +
    `CSeq: 1 REGISTER\r\n` +
    `Max-Forwards: 70\r\n` +
    `Contact: <sip:${user}@127.0.0.1:${phonePort}>\r\n` +
    `Expires: 3600\r\n` +
    `Content-Length: 0\r\n\r\n`;
  const message = parseMessage(Buffer.from(text));
  if (message.kind !== 'request') throw new Error('REGISTER did not parse as a request');
  return message;
}
