// The SIP message model: start line, ordered headers (raw values), body bytes (RFC 3261 §7).
import { canonicalHeaderName, headerKey } from './header-names.ts';

export interface SipHeader {
  /** Canonical name for known headers (`Call-ID`, also for the compact `i`), otherwise as written. */
  readonly name: string;
  /** Lower-case canonical name, for lookups. */
  readonly key: string;
  /** The value, trimmed, with folded lines joined by one space. */
  readonly value: string;
}

interface SipMessageBase {
  readonly headers: SipHeader[];
  /** The body bytes exactly as received (an SDP offer stays byte for byte). */
  readonly body: Uint8Array;
}

export interface SipRequest extends SipMessageBase {
  readonly kind: 'request';
  readonly method: string;
  /** The Request-URI as written; `parseUri` reads it. */
  readonly uri: string;
}

export interface SipResponse extends SipMessageBase {
  readonly kind: 'response';
  readonly status: number;
  readonly reason: string;
}

export type SipMessage = SipRequest | SipResponse;

export const EMPTY_BODY = new Uint8Array(0);

/** A header entry under its canonical name. */
export function header(name: string, value: string): SipHeader {
  return { name: canonicalHeaderName(name), key: headerKey(name), value };
}

/** The first value of a header, or undefined. */
export function headerValue(message: SipMessage, name: string): string | undefined {
  const key = headerKey(name);
  for (const h of message.headers) if (h.key === key) return h.value;
  return undefined;
}

/** Every value of a header in order, comma-separated lists split into their elements (RFC 3261 §7.3.1). */
export function headerValues(message: SipMessage, name: string): string[] {
  const key = headerKey(name);
  const values: string[] = [];
  for (const h of message.headers) if (h.key === key) splitList(h.value, values);
  return values;
}

/** Sets a header to one value: replaces the first, removes the others, appends when absent. */
export function setHeader(message: SipMessage, name: string, value: string): void {
  const entry = header(name, value);
  const first = message.headers.findIndex((h) => h.key === entry.key);
  removeHeader(message, name, first + 1);
  if (first === -1) message.headers.push(entry);
  else message.headers[first] = entry;
}

/** Removes a header's entries at or after `from`. */
export function removeHeader(message: SipMessage, name: string, from = 0): void {
  const key = headerKey(name);
  for (let i = message.headers.length - 1; i >= from; i--) {
    if (message.headers[i]?.key === key) message.headers.splice(i, 1);
  }
}

/**
 * Splits a header value at the commas that separate list elements, skipping commas inside
 * quoted strings and `<...>` (a display name or a URI may hold one). Appends to `into`.
 */
export function splitList(value: string, into: string[] = []): string[] {
  let start = 0;
  let inQuotes = false;
  let inAngle = false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (inQuotes) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inQuotes = false;
    } else if (c === 34) inQuotes = true;
    else if (c === 60 /* < */) inAngle = true;
    else if (c === 62 /* > */) inAngle = false;
    else if (c === 44 /* , */ && !inAngle) {
      pushTrimmed(value, start, i, into);
      start = i + 1;
    }
  }
  pushTrimmed(value, start, value.length, into);
  return into;
}

function pushTrimmed(value: string, start: number, end: number, into: string[]): void {
  const element = value.slice(start, end).trim();
  if (element !== '') into.push(element);
}
