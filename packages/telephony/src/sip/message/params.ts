// `;name=value` parameter lists of URIs and headers (RFC 3261 §19.1.1, §20), kept in order.

/** Parameters in their written order; names lower case, a flag without `=` has value null. */
export type Params = Array<[name: string, value: string | null]>;

/** The value of a parameter: its string, null for a flag, undefined when absent. */
export function paramValue(params: Params, name: string): string | null | undefined {
  for (const [n, v] of params) if (n === name) return v;
  return undefined;
}

/** Sets (or adds) a parameter in place. */
export function setParam(params: Params, name: string, value: string | null): void {
  for (const entry of params) {
    if (entry[0] === name) {
      entry[1] = value;
      return;
    }
  }
  params.push([name, value]);
}

/**
 * Reads `;a=1;b;c="x;y"` from `text` at `start` (which holds the first `;`) to `end`.
 * Returns the parameters, or undefined when a name is empty or a quote is not closed.
 */
export function parseParams(text: string, start: number, end: number): Params | undefined {
  const params: Params = [];
  let i = start;
  while (i < end) {
    if (text.charCodeAt(i) !== 59 /* ; */) return undefined;
    i++;
    let nameEnd = i;
    while (nameEnd < end) {
      const c = text.charCodeAt(nameEnd);
      if (c === 59 || c === 61 /* = */) break;
      nameEnd++;
    }
    const name = text.slice(i, nameEnd).trim().toLowerCase();
    if (name === '') return undefined;
    if (nameEnd >= end || text.charCodeAt(nameEnd) === 59) {
      params.push([name, null]);
      i = nameEnd;
      continue;
    }
    let valueStart = nameEnd + 1;
    while (valueStart < end && isSpace(text.charCodeAt(valueStart))) valueStart++;
    let valueEnd = valueStart;
    if (text.charCodeAt(valueStart) === 34 /* " */) {
      valueEnd = closingQuote(text, valueStart, end);
      if (valueEnd < 0) return undefined;
      valueEnd++;
    }
    while (valueEnd < end && text.charCodeAt(valueEnd) !== 59) valueEnd++;
    params.push([name, text.slice(valueStart, valueEnd).trim()]);
    i = valueEnd;
  }
  return params;
}

/** `;a=1;b` for a parameter list. */
export function serializeParams(params: Params): string {
  let out = '';
  for (const [name, value] of params) out += value === null ? `;${name}` : `;${name}=${value}`;
  return out;
}

/** The index of the `"` closing the quoted string opened at `open`, honouring `\` escapes; -1 if none. */
export function closingQuote(text: string, open: number, end: number): number {
  for (let i = open + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) i++;
    else if (c === 34) return i;
  }
  return -1;
}

export function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}
