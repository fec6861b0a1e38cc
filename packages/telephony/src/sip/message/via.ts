// Via values (RFC 3261 §20.42, RFC 3581 rport): protocol, transport, sent-by and parameters.
import { paramValue, parseParams, serializeParams, type Params } from './params.ts';

export interface Via {
  /** Upper case: UDP, TCP, TLS, WS, WSS, SCTP. */
  readonly transport: string;
  readonly host: string;
  readonly port?: number;
  readonly params: Params;
}

/** The branch prefix of RFC 3261 transactions (§8.1.1.7). */
export const MAGIC_COOKIE = 'z9hG4bK';

/** Parses one Via value (not a comma list); undefined when malformed. */
export function parseVia(value: string): Via | undefined {
  const end = value.length;
  let i = 0;
  const parts: string[] = [];
  // "SIP / 2.0 / UDP": three slash-separated tokens, spaces allowed around the slashes.
  for (let part = 0; part < 3; part++) {
    i = skipSpace(value, i);
    const start = i;
    while (i < end && isTokenChar(value.charCodeAt(i))) i++;
    if (i === start) return undefined;
    parts.push(value.slice(start, i));
    i = skipSpace(value, i);
    if (part < 2) {
      if (value.charCodeAt(i) !== 47 /* / */) return undefined;
      i++;
    }
  }
  if (parts[0]?.toUpperCase() !== 'SIP' || parts[1] !== '2.0') return undefined;
  const transport = (parts[2] ?? '').toUpperCase();
  const hostStart = i;
  if (value.charCodeAt(i) === 91 /* [ */) {
    i = value.indexOf(']', i);
    if (i < 0) return undefined;
    i++;
  } else {
    while (i < end && isHostChar(value.charCodeAt(i))) i++;
  }
  if (i === hostStart) return undefined;
  const host = value.slice(hostStart, i);
  let port: number | undefined;
  i = skipSpace(value, i);
  if (value.charCodeAt(i) === 58 /* : */) {
    i = skipSpace(value, i + 1);
    const portStart = i;
    while (i < end && value.charCodeAt(i) >= 48 && value.charCodeAt(i) <= 57) i++;
    if (i === portStart || i - portStart > 5) return undefined;
    port = Number(value.slice(portStart, i));
    if (port > 65535) return undefined;
  }
  i = skipSpace(value, i);
  const params = parseParams(value, i, end);
  if (params === undefined) return undefined;
  return port === undefined ? { transport, host, params } : { transport, host, port, params };
}

export function serializeVia(via: Via): string {
  const port = via.port === undefined ? '' : `:${via.port}`;
  return `SIP/2.0/${via.transport} ${via.host}${port}${serializeParams(via.params)}`;
}

/** The branch parameter, or undefined. */
export function branchOf(via: Via): string | undefined {
  return paramValue(via.params, 'branch') ?? undefined;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && text.charCodeAt(i) <= 32) i++;
  return i;
}

function isHostChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 45 || c === 46
  );
}

/** RFC 3261 token characters. */
export function isTokenChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 45 /* - */ ||
    c === 46 /* . */ ||
    c === 33 /* ! */ ||
    c === 37 /* % */ ||
    c === 42 /* * */ ||
    c === 95 /* _ */ ||
    c === 43 /* + */ ||
    c === 96 /* ` */ ||
    c === 39 /* ' */ ||
    c === 126 /* ~ */
  );
}
