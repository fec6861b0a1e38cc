// Builds a response to a request (RFC 3261 §8.2.6): Via, From, To, Call-ID and CSeq copied.
import type { ResponseContext } from './errors.ts';
import {
  EMPTY_BODY,
  header,
  type SipHeader,
  type SipRequest,
  type SipResponse,
} from './message.ts';
import { parseNameAddr, serializeNameAddr } from './name-addr.ts';
import { paramValue } from './params.ts';

const COPIED = new Set(['via', 'from', 'to', 'call-id', 'cseq']);

/** The reason phrases of RFC 3261 §21 the stack sends. */
export const REASON_PHRASES: Record<number, string> = {
  100: 'Trying',
  180: 'Ringing',
  200: 'OK',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  407: 'Proxy Authentication Required',
  408: 'Request Timeout',
  413: 'Request Entity Too Large',
  416: 'Unsupported URI Scheme',
  481: 'Call/Transaction Does Not Exist',
  487: 'Request Terminated',
  500: 'Server Internal Error',
  501: 'Not Implemented',
  503: 'Service Unavailable',
  505: 'Version Not Supported',
  513: 'Message Too Large',
};

export interface ResponseOptions {
  readonly reason?: string;
  /** Added to To when it has no tag yet (not on 100 Trying, RFC 3261 §8.2.6.2). */
  readonly toTag?: string;
  readonly headers?: readonly SipHeader[];
  readonly body?: Uint8Array;
}

/** A response to `request` (or to a request known only by its ResponseContext). */
export function buildResponse(
  request: SipRequest | ResponseContext,
  status: number,
  options: ResponseOptions = {},
): SipResponse {
  const headers: SipHeader[] = [];
  for (const h of request.headers) {
    if (!COPIED.has(h.key)) continue;
    headers.push(h.key === 'to' && status > 100 ? withToTag(h, options.toTag) : h);
  }
  if (options.headers !== undefined) headers.push(...options.headers);
  return {
    kind: 'response',
    status,
    reason: options.reason ?? REASON_PHRASES[status] ?? 'Unknown',
    headers,
    body: options.body ?? EMPTY_BODY,
  };
}

function withToTag(to: SipHeader, tag: string | undefined): SipHeader {
  if (tag === undefined) return to;
  const address = parseNameAddr(to.value);
  if (address === undefined || paramValue(address.params, 'tag') !== undefined) return to;
  return header('To', serializeNameAddr({ ...address, params: [...address.params, ['tag', tag]] }));
}
