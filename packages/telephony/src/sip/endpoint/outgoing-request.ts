// Builds the requests the endpoint sends: a new request with its mandatory headers, the ACK of a 2xx.
import { cseqOf } from '../message/fields.ts';
import {
  EMPTY_BODY,
  header,
  headerValue,
  type SipHeader,
  type SipRequest,
  type SipResponse,
} from '../message/message.ts';
import { parseNameAddr } from '../message/name-addr.ts';
import { MAGIC_COOKIE } from '../message/via.ts';
import type { TransportProtocol } from '../transport/types.ts';

export interface OutgoingRequestSpec {
  readonly method: string;
  readonly uri: string;
  /** From and To as name-addr values; a From tag is added when missing. */
  readonly from: string;
  readonly to: string;
  readonly callId?: string;
  readonly cseq?: number;
  readonly headers?: readonly SipHeader[];
  readonly body?: Uint8Array;
}

export interface LocalVia {
  readonly protocol: TransportProtocol;
  readonly address: string;
  readonly port: number;
}

/** A request with Via (fresh magic-cookie branch, rport), Max-Forwards, From tag, Call-ID, CSeq. */
export function buildRequest(
  spec: OutgoingRequestSpec,
  local: LocalVia,
  newId: () => string,
): SipRequest {
  const from = parseNameAddr(spec.from);
  const hasTag = from?.params.some(([name]) => name === 'tag') === true;
  return {
    kind: 'request',
    method: spec.method,
    uri: spec.uri,
    headers: [
      viaHeader(local, newId),
      header('Max-Forwards', '70'),
      header('From', hasTag ? spec.from : `${spec.from};tag=${newId()}`),
      header('To', spec.to),
      header('Call-ID', spec.callId ?? newId()),
      header('CSeq', `${spec.cseq ?? 1} ${spec.method}`),
      ...(spec.headers ?? []),
    ],
    body: spec.body ?? EMPTY_BODY,
  };
}

/**
 * The ACK of a 2xx (RFC 3261 §13.2.2.4): a new transaction-less request to the Contact, same CSeq
 * number. No route set yet: Record-Route handling comes with the dialog layer.
 */
export function buildAckFor2xx(
  invite: SipRequest,
  response: SipResponse,
  local: LocalVia,
  newId: () => string,
): SipRequest {
  const contact = parseNameAddr(headerValue(response, 'contact') ?? '');
  const headers: SipHeader[] = [viaHeader(local, newId), header('Max-Forwards', '70')];
  for (const h of invite.headers) if (h.key === 'from' || h.key === 'call-id') headers.push(h);
  const toHeader = response.headers.find((h) => h.key === 'to');
  if (toHeader !== undefined) headers.push(toHeader);
  headers.push(header('CSeq', `${cseqOf(invite)?.seq ?? 1} ACK`));
  return {
    kind: 'request',
    method: 'ACK',
    uri: contact?.uri ?? invite.uri,
    headers,
    body: EMPTY_BODY,
  };
}

function viaHeader(local: LocalVia, newId: () => string): SipHeader {
  const transport = local.protocol.toUpperCase();
  return header(
    'Via',
    `SIP/2.0/${transport} ${local.address}:${local.port};branch=${MAGIC_COOKIE}${newId()};rport`,
  );
}
