// received and rport on the top Via of incoming requests (RFC 3261 §18.2.1, RFC 3581 §4),
// and where responses go (RFC 3261 §18.2.2, RFC 3581 §4).
import { header, type SipRequest, type SipResponse } from '../message/message.ts';
import { paramValue, setParam } from '../message/params.ts';
import { parseVia, serializeVia } from '../message/via.ts';
import type { RemoteAddress } from './types.ts';

/** The request with its top Via stamped: `received` when the sent-by host is not the source address (or rport asks), `rport` filled in. */
export function stampVia(request: SipRequest, source: RemoteAddress): SipRequest {
  const index = request.headers.findIndex((h) => h.key === 'via');
  const current = request.headers[index];
  const via = current === undefined ? undefined : parseVia(current.value);
  if (via === undefined) return request;
  const wantsRport = paramValue(via.params, 'rport') !== undefined;
  if (!wantsRport && via.host === source.address) return request;
  const params = via.params.map(([n, v]): [string, string | null] => [n, v]);
  setParam(params, 'received', source.address);
  if (wantsRport) setParam(params, 'rport', String(source.port));
  const headers = [...request.headers];
  headers[index] = header('Via', serializeVia({ ...via, params }));
  return { ...request, headers };
}

/** Where a response to a stamped request goes: the connection it came on for TCP and WebSocket, else received:rport (or the Via's port, 5060 by default). */
export function responseDestination(response: SipResponse, source: RemoteAddress): RemoteAddress {
  if (source.protocol !== 'udp') return source;
  const value = response.headers.find((h) => h.key === 'via')?.value;
  const via = value === undefined ? undefined : parseVia(value);
  if (via === undefined) return source;
  const received = paramValue(via.params, 'received');
  const rport = Number(paramValue(via.params, 'rport') ?? Number.NaN);
  const port = Number.isInteger(rport) && rport > 0 ? rport : (via.port ?? 5060);
  return { protocol: 'udp', address: received ?? via.host, port };
}
