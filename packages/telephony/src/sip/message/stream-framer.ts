// Cuts a TCP byte stream into SIP messages by Content-Length (RFC 3261 §18.3).
import { DEFAULT_PARSE_LIMITS, type ParseLimits } from './limits.ts';
import { parseDigits, parseFailure } from './parse.ts';

const latin1 = new TextDecoder('latin1');

/**
 * Collects stream bytes and returns each complete message's bytes. CRLFs between messages
 * (keepalives, RFC 5626 §3.5.1) are skipped. A stream that cannot be framed any more throws a
 * SipParseError: answer it if its status is a number, then close the connection.
 */
export class SipStreamFramer {
  private buffer: Uint8Array = new Uint8Array(0);

  constructor(private readonly limits: ParseLimits = DEFAULT_PARSE_LIMITS) {}

  /** Bytes held for a message not yet complete. */
  get pendingBytes(): number {
    return this.buffer.length;
  }

  push(chunk: Uint8Array): Uint8Array[] {
    this.buffer = this.buffer.length === 0 ? chunk : concat(this.buffer, chunk);
    const frames: Uint8Array[] = [];
    for (;;) {
      let start = 0;
      while (start < this.buffer.length && (this.buffer[start] === 13 || this.buffer[start] === 10))
        start++;
      this.buffer = this.buffer.subarray(start);
      const bodyStart = headEnd(this.buffer);
      if (bodyStart < 0) {
        if (this.buffer.length > this.limits.maxMessageBytes) {
          throw parseFailure(
            'message-too-large',
            513,
            'headers exceed the message size limit',
            this.buffer,
            this.limits,
          );
        }
        return frames;
      }
      const length = contentLength(this.buffer.subarray(0, bodyStart));
      if (length === undefined) {
        throw parseFailure(
          'bad-content-length',
          400,
          'a stream message needs a valid Content-Length',
          this.buffer,
          this.limits,
        );
      }
      if (length > this.limits.maxBodyBytes || bodyStart + length > this.limits.maxMessageBytes) {
        throw parseFailure(
          'message-too-large',
          513,
          `message of ${bodyStart + length} bytes exceeds the limits`,
          this.buffer,
          this.limits,
        );
      }
      if (this.buffer.length < bodyStart + length) return frames;
      frames.push(this.buffer.subarray(0, bodyStart + length));
      this.buffer = this.buffer.subarray(bodyStart + length);
    }
  }
}

/** Where the body starts (after the empty line), or -1. */
function headEnd(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] !== 10) continue;
    if (bytes[i + 1] === 10) return i + 2;
    if (bytes[i + 1] === 13 && bytes[i + 2] === 10) return i + 3;
  }
  return -1;
}

/** The Content-Length (or `l`) value of a header block; undefined when absent or not a number. */
function contentLength(head: Uint8Array): number | undefined {
  const text = latin1.decode(head);
  let lineStart = 0;
  while (lineStart < text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    const colon = text.indexOf(':', lineStart);
    if (colon > lineStart && colon < lineEnd) {
      const name = text.slice(lineStart, colon).trim().toLowerCase();
      if (name === 'content-length' || name === 'l')
        return parseDigits(text.slice(colon + 1, lineEnd).trim());
    }
    lineStart = lineEnd + 1;
  }
  return undefined;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
