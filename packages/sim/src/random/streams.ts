/**
 * Independent random streams from one scenario seed: a stream is named by labels
 * (`'replication', 3, 'arrivals', 'en'`), so adding a queue or a purpose does not shift the
 * draws of the others. The seed and labels are hashed to 64 bits, expanded by splitmix32 into
 * xoshiro128** state.
 */
import type { Random } from './random.ts';
import { Xoshiro128 } from './xoshiro128.ts';

export type StreamLabel = string | number;

/** The splitmix32 finaliser (a bijection on 32-bit integers with good avalanche). */
export function mix32(value: number): number {
  let z = value | 0;
  z = Math.imul(z ^ (z >>> 16), 0x21f0aaad);
  z = Math.imul(z ^ (z >>> 15), 0x735a2d97);
  return (z ^ (z >>> 15)) >>> 0;
}

/** splitmix32: a generator of 32-bit words from one 32-bit seed, used only to fill state. */
export function splitmix32(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    return mix32(state);
  };
}

const NUMBER_TAG = 0x6e756d62;
const STRING_TAG = 0x73747269;

/** Hashes seed and labels into two 32-bit lanes; tags and lengths keep `['ab']` ≠ `['a', 'b']`. */
function streamKey(seed: number, labels: readonly StreamLabel[]): [number, number] {
  let a = 0x243f6a88;
  let b = 0x85a308d3;
  const absorb = (word: number): void => {
    a = mix32(a ^ word);
    b = mix32((b + word) ^ 0x9e3779b9);
  };
  const absorbNumber = (value: number): void => {
    absorb(value >>> 0); // low 32 bits (ToUint32 works modulo 2^32 for any integer)
    absorb(Math.floor(value / 4294967296) >>> 0);
  };
  absorbNumber(seed);
  for (const label of labels) {
    if (typeof label === 'number') {
      absorb(NUMBER_TAG);
      absorbNumber(label);
    } else {
      absorb(STRING_TAG ^ label.length);
      for (let i = 0; i < label.length; i++) absorb(label.charCodeAt(i));
    }
  }
  return [a, b];
}

function checkInteger(what: string, value: number): void {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${what} must be a safe integer, got ${value}`);
  }
}

/** A seeded xoshiro128** generator for the stream `labels` of `seed`. */
export function generatorFor(seed: number, ...labels: StreamLabel[]): Xoshiro128 {
  checkInteger('seed', seed);
  for (const label of labels) if (typeof label === 'number') checkInteger('a label', label);
  const [a, b] = streamKey(seed, labels);
  const [fillA, fillB] = [splitmix32(a), splitmix32(b)];
  const words = [fillA(), fillA(), fillB(), fillB()] as const;
  // All zero is the one forbidden state; it needs 128 zero bits from splitmix32, but cheap to rule out.
  if ((words[0] | words[1] | words[2] | words[3]) === 0) return new Xoshiro128(1, 0, 0, 0);
  return new Xoshiro128(...words);
}

/** A Random for the stream `labels` of `seed`: same seed and labels, same numbers. */
export function randomStream(seed: number, ...labels: StreamLabel[]): Random {
  const generator = generatorFor(seed, ...labels);
  return () => generator.next();
}
