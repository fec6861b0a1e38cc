// From, To, Contact, Route, Record-Route values: name-addr or addr-spec plus parameters (RFC 3261 §20.10, §20.20).
import { closingQuote, paramValue, parseParams, serializeParams, type Params } from './params.ts';

export interface NameAddr {
  /** The display name as written, quotes included (`"Alice"`), or absent. */
  readonly displayName?: string;
  /** The URI as written (without `<>`); `*` for a wildcard Contact. */
  readonly uri: string;
  /** The header parameters (`tag`, `expires`, `q`, ...), not the URI's. */
  readonly params: Params;
}

/** Parses a name-addr or addr-spec with its parameters; undefined when malformed. */
export function parseNameAddr(value: string): NameAddr | undefined {
  const text = value.trim();
  const end = text.length;
  if (end === 0) return undefined;
  let i = 0;
  let displayName: string | undefined;
  if (text.charCodeAt(0) === 34 /* " */) {
    const close = closingQuote(text, 0, end);
    if (close < 0) return undefined;
    displayName = text.slice(0, close + 1);
    i = close + 1;
    while (i < end && text.charCodeAt(i) <= 32) i++;
    if (text.charCodeAt(i) !== 60 /* < */) return undefined;
  } else {
    const open = text.indexOf('<');
    const semicolon = text.indexOf(';');
    if (open >= 0 && (semicolon < 0 || open < semicolon)) {
      const name = text.slice(0, open).trim();
      if (name !== '') displayName = name;
      i = open;
    }
  }
  if (text.charCodeAt(i) === 60) {
    const close = text.indexOf('>', i + 1);
    if (close < 0) return undefined;
    const uri = text.slice(i + 1, close).trim();
    const params = parseParams(text, skipSpace(text, close + 1), end);
    if (uri === '' || params === undefined) return undefined;
    return displayName === undefined ? { uri, params } : { displayName, uri, params };
  }
  // addr-spec: the URI ends at the first `;`, which starts the header's parameters.
  let uriEnd = 0;
  while (uriEnd < end && text.charCodeAt(uriEnd) !== 59 && text.charCodeAt(uriEnd) > 32) uriEnd++;
  const params = parseParams(text, skipSpace(text, uriEnd), end);
  if (uriEnd === 0 || params === undefined) return undefined;
  return { uri: text.slice(0, uriEnd), params };
}

/** Writes a name-addr back, always with `<>` so URI parameters stay the URI's. */
export function serializeNameAddr(value: NameAddr): string {
  const uri = value.uri === '*' ? '*' : `<${value.uri}>`;
  const name = value.displayName === undefined ? '' : `${value.displayName} `;
  return `${name}${uri}${serializeParams(value.params)}`;
}

/** The `tag` parameter of a From or To value. */
export function tagOf(value: NameAddr): string | undefined {
  return paramValue(value.params, 'tag') ?? undefined;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && text.charCodeAt(i) <= 32) i++;
  return i;
}
