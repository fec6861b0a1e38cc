import { SeededRandom } from '@relais/engine';
import { describe, expect, it } from 'vitest';
import {
  decodeBencode,
  encodeBencode,
  MAX_BENCODE_DEPTH,
  type BencodeDictionary,
  type BencodeValue,
} from './bencode.ts';
import { MediaError } from './errors.ts';

const text = (value: BencodeValue): string => encodeBencode(value).toString('latin1');
const decodeText = (input: string): BencodeValue => decodeBencode(Buffer.from(input, 'latin1'));

function errorOf(run: () => unknown): MediaError {
  try {
    run();
  } catch (error) {
    if (error instanceof MediaError) return error;
    throw error;
  }
  throw new Error('expected a MediaError, nothing was thrown');
}

describe('bencode', () => {
  it('[MED1] encodes integers, byte strings, lists and dictionaries as the standard writes them', () => {
    expect(text(42)).toBe('i42e');
    expect(text(-7)).toBe('i-7e');
    expect(text(-0)).toBe('i0e');
    expect(text(2n ** 70n)).toBe(`i${2n ** 70n}e`);
    expect(text('spam')).toBe('4:spam');
    expect(text('')).toBe('0:');
    expect(text('é')).toBe('2:\u00c3\u00a9'); // length in bytes, not characters
    expect(text(new Uint8Array([0, 255]))).toBe('2:\u0000\u00ff');
    expect(text(['a', 1, []])).toBe('l1:ai1elee');
    expect(text({ command: 'ping' })).toBe('d7:command4:pinge');
  });

  it('[MED1] writes dictionary keys in byte order and leaves undefined members out', () => {
    const value: BencodeDictionary = { 'to-tag': 'b', 'call-id': 'x', flags: undefined, a: 1 };
    expect(text(value)).toBe('d1:ai1e7:call-id1:x6:to-tag1:be');
    // Byte order, not UTF-16 order: U+FF5E (3 bytes, EF BD 9E) sorts after U+E000 (EE 80 80).
    expect(text({ '\uff5e': 1, '\ue000': 2 })).toBe(
      'd3:\u00ee\u0080\u0080i2e3:\u00ef\u00bd\u009ei1ee',
    );
  });

  it('[MED1] refuses values bencode cannot carry, naming where they are', () => {
    const cases: [unknown, string][] = [
      [{ ptime: 1.5 }, '$.ptime'],
      [{ list: [true] }, '$.list[0]'],
      [{ x: null }, '$.x'],
      [{ when: new Date(0) }, '$.when'],
      [Number.NaN, '$'],
    ];
    for (const [value, path] of cases) {
      const error = errorOf(() => encodeBencode(value as BencodeValue));
      expect(error.code).toBe('BencodeUnsupported');
      expect(error.details['path']).toBe(path);
    }
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    expect(errorOf(() => encodeBencode(cycle as BencodeDictionary)).code).toBe(
      'BencodeUnsupported',
    );
  });

  it('[MED2] decodes text as strings and other bytes as Buffers, or all as Buffers on request', () => {
    expect(decodeText('d6:result4:ponge')).toEqual({ result: 'pong' });
    expect(decodeText('li-3ei0e3:abce')).toEqual([-3, 0, 'abc']);
    expect(decodeText(`i${2n ** 64n}e`)).toBe(2n ** 64n);
    expect(decodeBencode(Buffer.from([0x32, 0x3a, 0xc3, 0x28]))).toEqual(Buffer.from([0xc3, 0x28]));
    expect(decodeBencode(Buffer.from('3:abc'), { strings: 'bytes' })).toEqual(Buffer.from('abc'));
  });

  it('[MED2] keeps a "__proto__" key from the wire as plain data', () => {
    const decoded = decodeText('d9:__proto__d5:admini1eee') as Record<string, BencodeValue>;
    expect(Object.keys(decoded)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>)['admin']).toBeUndefined();
  });

  it('[MED2] rejects malformed input with the byte offset and the reason', () => {
    const cases: [string, number, RegExp][] = [
      ['', 0, /ends before/],
      ['i42', 0, /closing "e"/],
      ['i-0e', 0, /malformed integer/],
      ['i042e', 0, /malformed integer/],
      ['ie', 0, /malformed integer/],
      ['5:abc', 0, /runs past the end/],
      ['01:a', 0, /malformed byte string length/],
      ['3abc', 0, /without its ":"/],
      ['l1:a', 4, /ends before/],
      ['di1e1:ae', 1, /key is not a byte string/],
      ['d1:ai1e1:ai2ee', 7, /duplicate dictionary key "a"/],
      ['i1ei2e', 3, /3 bytes after the value/],
      ['x', 0, /unexpected byte 0x78/],
    ];
    for (const [input, offset, reason] of cases) {
      const error = errorOf(() => decodeText(input));
      expect(error.code, input).toBe('BencodeInvalid');
      expect(error.details['offset'], input).toBe(offset);
      expect(error.message, input).toMatch(reason);
    }
  });

  it('[MED2] refuses nesting deeper than the limit on both sides instead of overflowing the stack', () => {
    const deep = 'l'.repeat(MAX_BENCODE_DEPTH + 2) + 'e'.repeat(MAX_BENCODE_DEPTH + 2);
    expect(errorOf(() => decodeText(deep)).message).toMatch(/nesting deeper/);
    let value: BencodeValue = [];
    for (let i = 0; i < MAX_BENCODE_DEPTH + 2; i++) value = [value];
    expect(errorOf(() => encodeBencode(value)).code).toBe('BencodeUnsupported');
    expect(errorOf(() => decodeText('l'.repeat(100_000))).code).toBe('BencodeInvalid');
  });

  it('[MED3] seeded fuzz: decode(encode(v)) gives v back for random values', () => {
    for (const seed of [1, 2, 3, 42, 2026]) {
      const random = new SeededRandom(seed);
      for (let round = 0; round < 300; round++) {
        const value = randomValue(random, 0);
        const encoded = encodeBencode(value);
        expect(decodeBencode(encoded), `seed ${seed} round ${round}`).toEqual(normalised(value));
        // Canonical: encoding the decoded value gives the same bytes.
        expect(encodeBencode(decodeBencode(encoded)).equals(encoded)).toBe(true);
      }
    }
  });

  it('[MED2] seeded fuzz: corrupted input decodes or fails with BencodeInvalid, never otherwise', () => {
    const random = new SeededRandom(7);
    for (let round = 0; round < 2000; round++) {
      const bytes = Buffer.from(encodeBencode(randomValue(random, 0)));
      const cuts = random.int(1, 3);
      for (let i = 0; i < cuts && bytes.length > 0; i++) {
        bytes[random.int(0, bytes.length - 1)] = random.int(0, 255);
      }
      const input = random.chance(0.3) ? bytes.subarray(0, random.int(0, bytes.length)) : bytes;
      try {
        decodeBencode(input);
      } catch (error) {
        expect(error, `round ${round}`).toBeInstanceOf(MediaError);
        expect((error as MediaError).code).toBe('BencodeInvalid');
      }
    }
  });
});

function randomValue(random: SeededRandom, depth: number): BencodeValue {
  const kind = random.int(0, depth > 3 ? 2 : 4);
  if (kind === 0) return random.int(-1_000_000, 1_000_000) * (random.chance(0.1) ? 2 ** 30 : 1);
  if (kind === 1) return randomText(random);
  if (kind === 2) return Uint8Array.from({ length: random.int(0, 8) }, () => random.int(0, 255));
  if (kind === 3)
    return Array.from({ length: random.int(0, 4) }, () => randomValue(random, depth + 1));
  const dictionary: Record<string, BencodeValue> = {};
  for (let i = random.int(0, 4); i > 0; i--) {
    dictionary[randomText(random)] = randomValue(random, depth + 1);
  }
  return dictionary;
}

function randomText(random: SeededRandom): string {
  const alphabet = ['a', 'z', '-', ' ', '0', 'é', '€', '\u{1f4de}', ':', 'e', 'd'];
  return Array.from({ length: random.int(0, 6) }, () => random.pick(alphabet)).join('');
}

/** What decoding gives for a value: byte strings that are valid UTF-8 come back as text. */
function normalised(value: BencodeValue): BencodeValue {
  if (value instanceof Uint8Array) {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(value);
    } catch {
      return Buffer.from(value);
    }
  }
  if (Array.isArray(value)) return value.map((item: BencodeValue) => normalised(item));
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as BencodeDictionary).map(([key, member]) => [
        key,
        normalised(member as BencodeValue),
      ]),
    );
  }
  return value;
}
