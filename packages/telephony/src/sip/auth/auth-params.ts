// `Digest name=value, name="quoted"` credentials and challenges (RFC 7616 §3.3-3.4, RFC 3261 §25).
import { isTokenChar } from '../message/via.ts';

export interface AuthHeader {
  /** Lower case, e.g. `digest`. */
  readonly scheme: string;
  /** Parameter names lower case; quoted values unquoted and unescaped. */
  readonly params: ReadonlyMap<string, string>;
}

/** Parses an Authorization, Proxy-Authorization or WWW-Authenticate value; undefined when malformed or a name repeats. */
export function parseAuthHeader(value: string): AuthHeader | undefined {
  const text = value.trim();
  let i = 0;
  while (i < text.length && isTokenChar(text.charCodeAt(i))) i++;
  if (i === 0) return undefined;
  const scheme = text.slice(0, i).toLowerCase();
  const params = new Map<string, string>();
  for (;;) {
    i = skipSpace(text, i);
    if (i >= text.length) break;
    const nameStart = i;
    while (i < text.length && isTokenChar(text.charCodeAt(i))) i++;
    const name = text.slice(nameStart, i).toLowerCase();
    i = skipSpace(text, i);
    if (name === '' || text.charCodeAt(i) !== 61 /* = */ || params.has(name)) return undefined;
    i = skipSpace(text, i + 1);
    let paramValue = '';
    if (text.charCodeAt(i) === 34 /* " */) {
      i++;
      for (;;) {
        if (i >= text.length) return undefined;
        const c = text.charCodeAt(i);
        if (c === 34) break;
        if (c === 92 /* \ */) i++;
        paramValue += text.charAt(i);
        i++;
      }
      i++;
    } else {
      const valueStart = i;
      while (i < text.length && isTokenChar(text.charCodeAt(i))) i++;
      if (i === valueStart) return undefined;
      paramValue = text.slice(valueStart, i);
    }
    params.set(name, paramValue);
    i = skipSpace(text, i);
    if (i < text.length) {
      if (text.charCodeAt(i) !== 44 /* , */) return undefined;
      i++;
    }
  }
  return { scheme, params };
}

/** Writes `Digest a="x", b=y`; values listed in `unquoted` are written as tokens. */
export function serializeAuthHeader(
  scheme: string,
  params: ReadonlyArray<readonly [string, string]>,
  unquoted: ReadonlySet<string>,
): string {
  const parts = params.map(([name, value]) =>
    unquoted.has(name)
      ? `${name}=${value}`
      : `${name}="${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`,
  );
  return `${scheme} ${parts.join(', ')}`;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && text.charCodeAt(i) <= 32) i++;
  return i;
}
