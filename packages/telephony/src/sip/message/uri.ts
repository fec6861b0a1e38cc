// SIP, SIPS and tel URIs (RFC 3261 §19.1, RFC 3966), parsed by index scans (no regex).
import { parseParams, serializeParams, type Params } from './params.ts';

export interface SipUri {
  readonly scheme: 'sip' | 'sips';
  readonly user?: string;
  readonly password?: string;
  /** Host name, IPv4 address, or IPv6 reference with its brackets. */
  readonly host: string;
  readonly port?: number;
  readonly params: Params;
  /** `?name=value&...` pairs, kept escaped as written. */
  readonly headers: Array<[name: string, value: string]>;
}

export interface TelUri {
  readonly scheme: 'tel';
  /** The number as written, visual separators included (`+1-212-555-0101`). */
  readonly number: string;
  readonly params: Params;
}

export type Uri = SipUri | TelUri;

/** Why a URI was refused; `unsupported-scheme` is answered with 416 (RFC 3261 §8.2.2.1). */
export class UriError extends Error {
  override readonly name = 'UriError';
  constructor(
    readonly code: 'bad-uri' | 'unsupported-scheme',
    message: string,
  ) {
    super(message);
  }
}

/** Parses a sip:, sips: or tel: URI; throws UriError. */
export function parseUri(text: string): Uri {
  const colon = text.indexOf(':');
  if (colon <= 0) throw new UriError('bad-uri', `URI "${clip(text)}" has no scheme`);
  const scheme = text.slice(0, colon).toLowerCase();
  if (scheme === 'tel') return parseTel(text, colon + 1);
  if (scheme !== 'sip' && scheme !== 'sips') {
    throw new UriError('unsupported-scheme', `URI scheme "${clip(scheme)}" is not supported`);
  }
  const end = text.length;
  let hostStart = colon + 1;
  let user: string | undefined;
  let password: string | undefined;
  const at = text.indexOf('@', hostStart);
  if (at >= 0) {
    if (text.indexOf('@', at + 1) >= 0) throw bad(text, 'holds two "@"');
    const userinfo = text.slice(hostStart, at);
    const passwordColon = userinfo.indexOf(':');
    user = passwordColon < 0 ? userinfo : userinfo.slice(0, passwordColon);
    if (passwordColon >= 0) password = userinfo.slice(passwordColon + 1);
    if (user === '' || hasSpaceOrControl(userinfo)) throw bad(text, 'has a bad user part');
    hostStart = at + 1;
  }
  let hostEnd = hostStart;
  if (text.charCodeAt(hostStart) === 91 /* [ */) {
    hostEnd = text.indexOf(']', hostStart);
    if (hostEnd < 0) throw bad(text, 'has an unclosed IPv6 reference');
    hostEnd++;
    if (!isIpv6Reference(text, hostStart, hostEnd)) throw bad(text, 'has a bad IPv6 reference');
  } else {
    while (hostEnd < end && isHostChar(text.charCodeAt(hostEnd))) hostEnd++;
    if (hostEnd === hostStart) throw bad(text, 'has no host');
  }
  const host = text.slice(hostStart, hostEnd);
  let i = hostEnd;
  let port: number | undefined;
  if (text.charCodeAt(i) === 58 /* : */) {
    const portStart = ++i;
    while (i < end && isDigit(text.charCodeAt(i))) i++;
    port = Number(text.slice(portStart, i));
    if (i === portStart || i - portStart > 5 || port > 65535) throw bad(text, 'has a bad port');
  }
  const question = text.indexOf('?', i);
  const paramsEnd = question < 0 ? end : question;
  const params = parseParams(text, i, paramsEnd);
  if (params === undefined || hasSpaceOrControl(text.slice(i, end))) {
    throw bad(text, 'has bad parameters after the host');
  }
  const headers = question < 0 ? [] : parseUriHeaders(text, question + 1);
  return {
    scheme,
    ...(user === undefined ? {} : { user }),
    ...(password === undefined ? {} : { password }),
    host,
    ...(port === undefined ? {} : { port }),
    params,
    headers,
  };
}

/** Writes a URI back as text. */
export function serializeUri(uri: Uri): string {
  if (uri.scheme === 'tel') return `tel:${uri.number}${serializeParams(uri.params)}`;
  let out = `${uri.scheme}:`;
  if (uri.user !== undefined) {
    out += uri.password === undefined ? `${uri.user}@` : `${uri.user}:${uri.password}@`;
  }
  out += uri.host;
  if (uri.port !== undefined) out += `:${uri.port}`;
  out += serializeParams(uri.params);
  if (uri.headers.length > 0) out += `?${uri.headers.map(([n, v]) => `${n}=${v}`).join('&')}`;
  return out;
}

function parseTel(text: string, start: number): TelUri {
  const semicolon = text.indexOf(';', start);
  const numberEnd = semicolon < 0 ? text.length : semicolon;
  const number = text.slice(start, numberEnd);
  if (number === '' || !isTelNumber(number)) throw bad(text, 'has a bad telephone number');
  const params = parseParams(text, numberEnd, text.length);
  if (params === undefined) throw bad(text, 'has bad parameters');
  return { scheme: 'tel', number, params };
}

function parseUriHeaders(text: string, start: number): Array<[string, string]> {
  const headers: Array<[string, string]> = [];
  for (const pair of text.slice(start).split('&')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw bad(text, 'has a bad header part');
    headers.push([pair.slice(0, eq), pair.slice(eq + 1)]);
  }
  return headers;
}

function isTelNumber(number: string): boolean {
  for (let i = 0; i < number.length; i++) {
    const c = number.charCodeAt(i);
    const ok =
      isDigit(c) ||
      (c === 43 /* + */ && i === 0) ||
      c === 45 /* - */ ||
      c === 46 /* . */ ||
      c === 40 /* ( */ ||
      c === 41 /* ) */ ||
      c === 42 /* * */ ||
      c === 35 /* # */ ||
      (c >= 65 && c <= 70) ||
      (c >= 97 && c <= 102);
    if (!ok) return false;
  }
  return true;
}

function isIpv6Reference(text: string, start: number, end: number): boolean {
  if (end - start < 4) return false;
  for (let i = start + 1; i < end - 1; i++) {
    const c = text.charCodeAt(i);
    if (!(isHexDigit(c) || c === 58 /* : */ || c === 46 /* . */)) return false;
  }
  return true;
}

function isHostChar(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 46;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

function hasSpaceOrControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) <= 32) return true;
  return false;
}

function bad(text: string, what: string): UriError {
  return new UriError('bad-uri', `URI "${clip(text)}" ${what}`);
}

function clip(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
