// Typed reads of the headers the transaction and endpoint layers use on every message.
import { parseCSeq, type CSeq } from './cseq.ts';
import { headerValue, type SipMessage } from './message.ts';
import { parseNameAddr, type NameAddr } from './name-addr.ts';
import { parseVia, type Via } from './via.ts';

/** The first (topmost) Via, parsed. */
export function topVia(message: SipMessage): Via | undefined {
  const value = headerValue(message, 'via');
  return value === undefined ? undefined : parseVia(value);
}

export function cseqOf(message: SipMessage): CSeq | undefined {
  const value = headerValue(message, 'cseq');
  return value === undefined ? undefined : parseCSeq(value);
}

export function callIdOf(message: SipMessage): string | undefined {
  return headerValue(message, 'call-id');
}

export function fromOf(message: SipMessage): NameAddr | undefined {
  const value = headerValue(message, 'from');
  return value === undefined ? undefined : parseNameAddr(value);
}

export function toOf(message: SipMessage): NameAddr | undefined {
  const value = headerValue(message, 'to');
  return value === undefined ? undefined : parseNameAddr(value);
}
