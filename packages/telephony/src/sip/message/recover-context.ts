// Finds, in a request that failed to parse, what an error response must copy (RFC 3261 §8.2.6).
import { parseCSeq } from './cseq.ts';
import type { ResponseContext } from './errors.ts';
import { canonicalHeaderName, headerKey } from './header-names.ts';
import type { ParseLimits } from './limits.ts';
import { splitList, type SipHeader } from './message.ts';
import { parseNameAddr } from './name-addr.ts';
import { isTokenChar, parseVia } from './via.ts';

const latin1 = new TextDecoder('latin1');
const WANTED = new Set(['via', 'from', 'to', 'call-id', 'cseq']);

/**
 * The method and the Via, From, To, Call-ID and CSeq headers of a request, read leniently
 * (bad lines skipped), or undefined when the bytes are a response, an ACK (never answered) or
 * lack one of them: then the message is dropped.
 */
export function recoverResponseContext(
  bytes: Uint8Array,
  limits: ParseLimits,
): ResponseContext | undefined {
  const text = latin1.decode(bytes.subarray(0, Math.min(bytes.length, limits.maxMessageBytes)));
  let i = 0;
  while (i < text.length && (text.charCodeAt(i) === 13 || text.charCodeAt(i) === 10)) i++;
  const methodEnd = text.indexOf(' ', i);
  if (methodEnd <= i || text.startsWith('SIP/', i)) return undefined;
  const method = text.slice(i, methodEnd);
  for (let c = 0; c < method.length; c++) if (!isTokenChar(method.charCodeAt(c))) return undefined;
  if (method === 'ACK') return undefined;
  const headers: SipHeader[] = [];
  const seen = new Set<string>();
  let lineStart = text.indexOf('\n', i) + 1;
  while (lineStart > 0 && lineStart < text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    const line = text.slice(lineStart, lineEnd).trim();
    if (line === '') break;
    lineStart = newline < 0 ? text.length : newline + 1;
    if (line.length > limits.maxHeaderLineBytes) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = canonicalHeaderName(line.slice(0, colon).trim());
    const key = headerKey(name);
    if (!WANTED.has(key) || (key !== 'via' && seen.has(key))) continue;
    const value = line.slice(colon + 1).trim();
    for (const element of key === 'via' ? splitList(value) : [value]) {
      headers.push({ name, key, value: element });
    }
    seen.add(key);
  }
  return isUsable(headers) ? { method, headers } : undefined;
}

function isUsable(headers: SipHeader[]): boolean {
  const first = (key: string) => headers.find((h) => h.key === key)?.value;
  const via = first('via');
  const from = first('from');
  const to = first('to');
  const cseq = first('cseq');
  return (
    via !== undefined &&
    parseVia(via) !== undefined &&
    from !== undefined &&
    parseNameAddr(from) !== undefined &&
    to !== undefined &&
    parseNameAddr(to) !== undefined &&
    (first('call-id') ?? '') !== '' &&
    cseq !== undefined &&
    parseCSeq(cseq) !== undefined
  );
}
