// Transaction matching keys (RFC 3261 §17.1.3 for responses, §17.2.3 for requests).
import { callIdOf, cseqOf, fromOf, topVia } from '../message/fields.ts';
import type { SipRequest, SipResponse } from '../message/message.ts';
import { tagOf } from '../message/name-addr.ts';
import { branchOf, MAGIC_COOKIE } from '../message/via.ts';

/** Client transactions: the top Via branch and the CSeq method (a CANCEL has the INVITE's branch). */
export function clientKey(branch: string, method: string): string {
  return `${branch}\u0000${method}`;
}

/** The client transaction a response belongs to, or undefined when it has no branch or CSeq. */
export function clientKeyOfResponse(response: SipResponse): string | undefined {
  const via = topVia(response);
  const branch = via === undefined ? undefined : branchOf(via);
  const cseq = cseqOf(response);
  return branch === undefined || cseq === undefined ? undefined : clientKey(branch, cseq.method);
}

/**
 * Server transactions: with a magic-cookie branch, the branch, the sent-by and the method (ACK
 * counting as INVITE); otherwise the RFC 2543 fields. Simplification: the RFC 2543 key leaves out
 * the To tag, so an old-style ACK matches its INVITE without comparing the tag of our response.
 */
export function serverKey(request: SipRequest, method = request.method): string | undefined {
  const via = topVia(request);
  if (via === undefined) return undefined;
  const matched = method === 'ACK' ? 'INVITE' : method;
  const branch = branchOf(via);
  if (branch?.startsWith(MAGIC_COOKIE) === true) {
    const port = via.port ?? (via.transport === 'TLS' ? 5061 : 5060);
    return `${branch}\u0000${via.host.toLowerCase()}:${port}\u0000${matched}`;
  }
  const from = fromOf(request);
  const cseq = cseqOf(request);
  const fromTag = from === undefined ? '' : (tagOf(from) ?? '');
  const topViaText = request.headers.find((h) => h.key === 'via')?.value ?? '';
  return [
    '2543',
    matched,
    request.uri,
    fromTag,
    callIdOf(request) ?? '',
    cseq?.seq ?? '',
    topViaText,
  ].join('\u0000');
}
