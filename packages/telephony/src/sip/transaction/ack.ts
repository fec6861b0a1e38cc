// The ACK a client INVITE transaction sends for a non-2xx final response (RFC 3261 §17.1.1.3).
import {
  header,
  type SipHeader,
  type SipRequest,
  type SipResponse,
  EMPTY_BODY,
} from '../message/message.ts';
import { cseqOf } from '../message/fields.ts';

/** The ACK: same Request-URI, Call-ID, From, CSeq number and top Via as the INVITE, To from the response, the INVITE's Route set. */
export function buildNon2xxAck(invite: SipRequest, response: SipResponse): SipRequest {
  const headers: SipHeader[] = [];
  let viaCopied = false;
  for (const h of invite.headers) {
    if (h.key === 'via' && !viaCopied) {
      headers.push(h);
      viaCopied = true;
    } else if (h.key === 'from' || h.key === 'call-id' || h.key === 'route') {
      headers.push(h);
    }
  }
  const to = response.headers.find((h) => h.key === 'to');
  if (to !== undefined) headers.push(to);
  headers.push(header('CSeq', `${cseqOf(invite)?.seq ?? 1} ACK`), header('Max-Forwards', '70'));
  return { kind: 'request', method: 'ACK', uri: invite.uri, headers, body: EMPTY_BODY };
}
