// A development relay, not the B2BUA: an INVITE for `sip:USER@…` rings USER's best registered
// contact with media anchored in rtpengine (plain RTP to the caller, WebRTC to a browser),
// answers the caller once the phone answers, and passes the caller's BYE on. It lets a sipp
// caller reach the browser softphone before the B2BUA exists. No CANCEL, no re-INVITE, no
// queue, no hang-up from the phone's side; one contact tried, no forking.
import type { SipEndpoint } from '../endpoint/sip-endpoint.ts';
import { callIdOf, fromOf } from '../message/fields.ts';
import { header, headerValue, type SipRequest, type SipResponse } from '../message/message.ts';
import { serializeNameAddr } from '../message/name-addr.ts';
import { parseUri } from '../message/uri.ts';
import type { RemoteAddress } from '../transport/types.ts';
import type { MediaControl } from '../../media/media-control.ts';
import type { Registrar } from './registrar.ts';

interface RelayedCall {
  readonly invite: SipRequest;
  readonly answer: SipResponse;
  readonly destination: RemoteAddress;
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

export function relayCallsToRegisteredPhones(
  endpoint: SipEndpoint,
  registrar: Registrar,
  media: MediaControl,
  realm: string,
  print: (line: object) => void,
): void {
  const calls = new Map<string, RelayedCall>();

  endpoint.handle('INVITE', async (incoming) => {
    const { request } = incoming;
    const callId = callIdOf(request) ?? '';
    const target = parseUri(request.uri);
    const user = target.scheme === 'tel' ? target.number : (target.user ?? '');
    const [contact] = registrar.resolve(`sip:${user}@${realm}`);
    if (contact === undefined) {
      print({ call: { callId, result: 'no-binding', user } });
      incoming.respond(480, { reason: 'Temporarily Unavailable' });
      return;
    }
    try {
      const callerAnswer = await media.anchorCaller(callId, decoder.decode(request.body));
      const offer = await media.offerToAgent(
        callId,
        contact.destination.protocol === 'ws' || contact.destination.protocol === 'wss'
          ? 'webrtc'
          : 'rtp',
      );
      const local = endpoint.local(contact.destination.protocol);
      const transport =
        contact.destination.protocol === 'udp' ? '' : `;transport=${contact.destination.protocol}`;
      const from = fromOf(request);
      const invite = endpoint.createRequest(
        {
          method: 'INVITE',
          uri: contact.uri,
          from: serializeNameAddr({
            ...(from?.displayName === undefined ? {} : { displayName: from.displayName }),
            uri: from?.uri ?? 'sip:anonymous@anonymous.invalid',
            params: [],
          }),
          to: `<${contact.aor}>`,
          headers: [
            header('Contact', `<sip:relais@${local.address}:${local.port}${transport}>`),
            header('Content-Type', 'application/sdp'),
          ],
          body: encoder.encode(offer),
        },
        contact.destination.protocol,
      );
      print({ call: { callId, result: 'ringing', contact: contact.uri } });
      const answer = await endpoint.send(invite, contact.destination, {
        onResponse: (response) => {
          if (response.status === 180) incoming.respond(180);
        },
      });
      if (answer.status !== 200) {
        print({ call: { callId, result: 'declined', status: answer.status } });
        await media.release(callId);
        incoming.respond(answer.status >= 400 ? answer.status : 500);
        return;
      }
      endpoint.ack(invite, answer, contact.destination);
      await media.bridge(callId, decoder.decode(answer.body));
      calls.set(callId, { invite, answer, destination: contact.destination });
      const me = endpoint.local(incoming.source.protocol);
      incoming.respond(200, {
        headers: [
          header('Contact', `<sip:relais@${me.address}:${me.port}>`),
          header('Content-Type', 'application/sdp'),
        ],
        body: encoder.encode(callerAnswer),
      });
      print({ call: { callId, result: 'answered' } });
    } catch (error) {
      print({
        call: {
          callId,
          result: 'failed',
          detail: error instanceof Error ? error.message : String(error),
        },
      });
      await media.release(callId);
      incoming.respond(500);
    }
  });

  endpoint.handle('BYE', async (incoming) => {
    const callId = callIdOf(incoming.request) ?? '';
    const call = calls.get(callId);
    incoming.respond(call === undefined ? 481 : 200);
    if (call === undefined) return;
    calls.delete(callId);
    const bye = endpoint.createRequest(
      {
        method: 'BYE',
        uri: parseContact(call.answer) ?? call.invite.uri,
        from: headerValue(call.invite, 'from') ?? '',
        to: headerValue(call.answer, 'to') ?? '',
        callId: headerValue(call.invite, 'call-id') ?? '',
        cseq: 2,
      },
      call.destination.protocol,
    );
    const answered = await endpoint.send(bye, call.destination).catch(() => undefined);
    await media.release(callId);
    print({ call: { callId, result: 'ended', byeStatus: answered?.status ?? null } });
  });
}

function parseContact(response: SipResponse): string | undefined {
  const value = headerValue(response, 'contact');
  if (value === undefined) return undefined;
  const start = value.indexOf('<');
  const end = value.indexOf('>', start);
  return start >= 0 && end > start ? value.slice(start + 1, end) : value.split(';')[0];
}
