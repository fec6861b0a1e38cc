// CSeq values (RFC 3261 §20.16): a sequence number below 2^31 and a method.
import { isTokenChar } from './via.ts';

export interface CSeq {
  readonly seq: number;
  readonly method: string;
}

/** Parses `4711 INVITE`; undefined when malformed. */
export function parseCSeq(value: string): CSeq | undefined {
  const text = value.trim();
  let i = 0;
  while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  if (i === 0 || i > 10) return undefined;
  const seq = Number(text.slice(0, i));
  if (seq >= 2 ** 31) return undefined;
  if (i >= text.length || text.charCodeAt(i) > 32) return undefined;
  while (i < text.length && text.charCodeAt(i) <= 32) i++;
  const methodStart = i;
  while (i < text.length && isTokenChar(text.charCodeAt(i))) i++;
  if (i === methodStart || i !== text.length) return undefined;
  return { seq, method: text.slice(methodStart) };
}
