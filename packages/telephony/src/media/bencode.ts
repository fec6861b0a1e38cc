// Bencode, the encoding of rtpengine's ng control protocol: integers `i42e`, byte strings
// `4:spam`, lists `l…e` and dictionaries `d…e` whose keys are byte strings.
import { MediaError } from './errors.ts';

/** A value bencode can carry; byte strings are `string` (UTF-8) or raw `Uint8Array`. */
export type BencodeValue =
  number | bigint | string | Uint8Array | readonly BencodeValue[] | BencodeDictionary;

/** A dictionary; `undefined` members are left out when encoding, so optional fields just work. */
export interface BencodeDictionary {
  readonly [key: string]: BencodeValue | undefined;
}

/** Nesting deeper than this is refused on both sides: a hostile reply must not blow the stack. */
export const MAX_BENCODE_DEPTH = 64;

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Encodes a value; dictionary keys are written in byte order as the bencode standard asks. */
export function encodeBencode(value: BencodeValue): Buffer {
  const parts: Uint8Array[] = [];
  encodeInto(value, parts, 0, '$');
  return Buffer.concat(parts);
}

function encodeInto(value: unknown, parts: Uint8Array[], depth: number, path: string): void {
  if (depth > MAX_BENCODE_DEPTH) {
    throw unsupported(path, `nesting deeper than ${MAX_BENCODE_DEPTH} (a cycle?)`);
  }
  if (typeof value === 'string') return pushBytes(utf8.encode(value), parts);
  if (value instanceof Uint8Array) return pushBytes(value, parts);
  if (typeof value === 'bigint') return pushAscii(`i${value}e`, parts);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) {
      throw unsupported(path, `${value} is not a safe integer; bencode has integers only`);
    }
    return pushAscii(`i${Object.is(value, -0) ? 0 : value}e`, parts);
  }
  if (Array.isArray(value)) {
    pushAscii('l', parts);
    value.forEach((item, index) => encodeInto(item, parts, depth + 1, `${path}[${index}]`));
    return pushAscii('e', parts);
  }
  if (isPlainObject(value)) {
    const entries = Object.entries(value)
      .filter(([, member]) => member !== undefined)
      .map(([key, member]) => [utf8.encode(key), key, member] as const)
      .sort(([a], [b]) => Buffer.compare(a, b));
    pushAscii('d', parts);
    for (const [keyBytes, key, member] of entries) {
      pushBytes(keyBytes, parts);
      encodeInto(member, parts, depth + 1, `${path}.${key}`);
    }
    return pushAscii('e', parts);
  }
  throw unsupported(path, `${describe(value)} has no bencode form`);
}

function pushBytes(bytes: Uint8Array, parts: Uint8Array[]): void {
  parts.push(utf8.encode(`${bytes.length}:`), bytes);
}

function pushAscii(text: string, parts: Uint8Array[]): void {
  parts.push(utf8.encode(text));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return value.constructor?.name ?? 'object';
  return typeof value === 'boolean' ? `boolean ${value}` : typeof value;
}

function unsupported(path: string, reason: string): MediaError {
  return new MediaError(
    'BencodeUnsupported',
    `cannot bencode ${path}: ${reason}; use integers, strings, Uint8Arrays, arrays and plain objects`,
    { path },
  );
}

export interface DecodeOptions {
  /**
   * `text` (the default) gives byte strings that are valid UTF-8 as `string` and any other as
   * a `Buffer`; `bytes` gives every byte string as a `Buffer`.
   */
  readonly strings?: 'text' | 'bytes';
}

/** Decodes exactly one value filling the whole input; anything else is a `BencodeInvalid` error. */
export function decodeBencode(input: Uint8Array, options: DecodeOptions = {}): BencodeValue {
  const reader = new Reader(input, options.strings ?? 'text');
  const value = reader.value(0);
  if (reader.offset !== input.length) {
    throw reader.fail(`${input.length - reader.offset} bytes after the value`);
  }
  return value;
}

class Reader {
  offset = 0;
  constructor(
    private readonly input: Uint8Array,
    private readonly strings: 'text' | 'bytes',
  ) {}

  value(depth: number): BencodeValue {
    if (depth > MAX_BENCODE_DEPTH) throw this.fail(`nesting deeper than ${MAX_BENCODE_DEPTH}`);
    const byte = this.peek();
    if (byte === 0x69 /* i */) return this.integer();
    if (byte === 0x6c /* l */) return this.list(depth);
    if (byte === 0x64 /* d */) return this.dictionary(depth);
    if (byte >= 0x30 && byte <= 0x39) return this.byteString();
    throw this.fail(`unexpected byte 0x${byte.toString(16).padStart(2, '0')}`);
  }

  private peek(): number {
    const byte = this.input[this.offset];
    if (byte === undefined) throw this.fail('input ends before the value does');
    return byte;
  }

  private integer(): number | bigint {
    const start = this.offset;
    const end = this.input.indexOf(0x65 /* e */, start + 1);
    if (end < 0) throw this.fail('integer without its closing "e"');
    const digits = Buffer.from(this.input.subarray(start + 1, end)).toString('latin1');
    // The standard forbids "-0", leading zeros and an empty integer.
    if (!/^(0|-?[1-9][0-9]*)$/.test(digits)) throw this.fail(`malformed integer "i${digits}e"`);
    this.offset = end + 1;
    const exact = BigInt(digits);
    const asNumber = Number(exact);
    return Number.isSafeInteger(asNumber) ? asNumber : exact;
  }

  private byteString(): string | Buffer {
    const colon = this.input.indexOf(0x3a /* : */, this.offset);
    if (colon < 0) throw this.fail('byte string length without its ":"');
    const lengthText = Buffer.from(this.input.subarray(this.offset, colon)).toString('latin1');
    if (!/^(0|[1-9][0-9]*)$/.test(lengthText)) {
      throw this.fail(`malformed byte string length "${lengthText}"`);
    }
    const length = Number(lengthText);
    const start = colon + 1;
    if (start + length > this.input.length) {
      throw this.fail(`byte string of ${length} bytes runs past the end of the input`);
    }
    this.offset = start + length;
    const bytes = Buffer.from(this.input.subarray(start, start + length));
    if (this.strings === 'bytes') return bytes;
    try {
      return strictUtf8.decode(bytes);
    } catch {
      return bytes;
    }
  }

  private list(depth: number): BencodeValue[] {
    this.offset += 1;
    const items: BencodeValue[] = [];
    while (this.peek() !== 0x65) items.push(this.value(depth + 1));
    this.offset += 1;
    return items;
  }

  private dictionary(depth: number): Record<string, BencodeValue> {
    this.offset += 1;
    // A null prototype: keys such as "__proto__" from the wire stay plain data.
    const result = Object.create(null) as Record<string, BencodeValue>;
    while (this.peek() !== 0x65) {
      const keyOffset = this.offset;
      if (!(this.peek() >= 0x30 && this.peek() <= 0x39)) {
        throw this.fail('dictionary key is not a byte string');
      }
      const key = this.byteString();
      if (typeof key !== 'string') {
        this.offset = keyOffset;
        throw this.fail('dictionary key is not valid UTF-8');
      }
      if (Object.hasOwn(result, key)) {
        this.offset = keyOffset;
        throw this.fail(`duplicate dictionary key "${key}"`);
      }
      result[key] = this.value(depth + 1);
    }
    this.offset += 1;
    return result;
  }

  fail(reason: string): MediaError {
    return new MediaError('BencodeInvalid', `invalid bencode at byte ${this.offset}: ${reason}`, {
      offset: this.offset,
      reason,
    });
  }
}
