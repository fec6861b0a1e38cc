// Parses one SIP message from bytes (RFC 3261 §7, §18.3, §20). Throws only SipParseError.
import { parseCSeq } from './cseq.ts';
import { SipParseError, type ParseFailureStatus, type SipParseErrorCode } from './errors.ts';
import { canonicalHeaderName, headerKey, isSplitOnParse } from './header-names.ts';
import { DEFAULT_PARSE_LIMITS, type ParseLimits } from './limits.ts';
import { splitList, type SipHeader, type SipMessage } from './message.ts';
import { parseNameAddr } from './name-addr.ts';
import { recoverResponseContext } from './recover-context.ts';
import { parseUri, UriError } from './uri.ts';
import { isTokenChar, parseVia } from './via.ts';

export interface ParseOptions {
  readonly limits?: ParseLimits;
  /** Stream transports (TCP) require Content-Length (RFC 3261 §18.3); datagrams default it to the rest. */
  readonly stream?: boolean;
}

const utf8 = new TextDecoder('utf-8');

/** Parses a whole message; a request that cannot be accepted gives an error saying how to answer it. */
export function parseMessage(bytes: Uint8Array, options: ParseOptions = {}): SipMessage {
  const limits = options.limits ?? DEFAULT_PARSE_LIMITS;
  try {
    return parseUnchecked(bytes, limits, options.stream === true);
  } catch (error) {
    if (error instanceof SipParseError) throw withContext(error, bytes, limits);
    throw error;
  }
}

/** A SipParseError whose status is a number only when a response can be built (§8.2.6). */
export function parseFailure(
  code: SipParseErrorCode,
  status: ParseFailureStatus,
  message: string,
  bytes: Uint8Array,
  limits: ParseLimits,
): SipParseError {
  return withContext(new SipParseError(code, status, message), bytes, limits);
}

function withContext(error: SipParseError, bytes: Uint8Array, limits: ParseLimits): SipParseError {
  if (error.status === 'drop' || error.context !== undefined) return error;
  const context = recoverResponseContext(bytes, limits);
  return new SipParseError(
    error.code,
    context === undefined ? 'drop' : error.status,
    error.message,
    context,
  );
}

function fail(
  code: SipParseErrorCode,
  status: Exclude<ParseFailureStatus, 'drop'>,
  message: string,
): never {
  throw new SipParseError(code, status, message);
}

function parseUnchecked(bytes: Uint8Array, limits: ParseLimits, stream: boolean): SipMessage {
  if (bytes.length > limits.maxMessageBytes) {
    fail(
      'message-too-large',
      513,
      `message of ${bytes.length} bytes exceeds ${limits.maxMessageBytes}`,
    );
  }
  let start = 0;
  // RFC 3261 §7.5: CRLFs before the start line are ignored.
  while (start < bytes.length && (bytes[start] === 13 || bytes[start] === 10)) start++;
  const { headEnd, bodyStart } = findHeadEnd(bytes, start);
  if (headEnd < 0) fail('bad-header', 400, 'no empty line ends the headers');
  const head = utf8.decode(bytes.subarray(start, headEnd));
  let lineEnd = head.indexOf('\n');
  if (lineEnd < 0) lineEnd = head.length;
  const startLine = head.slice(0, head.charCodeAt(lineEnd - 1) === 13 ? lineEnd - 1 : lineEnd);
  if (startLine.length > limits.maxHeaderLineBytes) {
    fail(
      'header-line-too-long',
      513,
      `start line of ${startLine.length} bytes exceeds ${limits.maxHeaderLineBytes}`,
    );
  }
  const headers = parseHeaderLines(head, lineEnd + 1, limits);
  const body = readBody(bytes, bodyStart, headers, limits, stream);
  if (startLine.startsWith('SIP/')) {
    const message = { kind: 'response' as const, ...parseStatusLine(startLine), headers, body };
    checkCommonHeaders(message);
    return message;
  }
  const message = { kind: 'request' as const, ...parseRequestLine(startLine), headers, body };
  checkCommonHeaders(message);
  return message;
}

/** The index where the headers end (before the empty line) and where the body starts; -1 when absent. */
function findHeadEnd(bytes: Uint8Array, from: number): { headEnd: number; bodyStart: number } {
  for (let i = from; i < bytes.length; i++) {
    if (bytes[i] !== 10) continue;
    if (bytes[i + 1] === 10) return { headEnd: i, bodyStart: i + 2 };
    if (bytes[i + 1] === 13 && bytes[i + 2] === 10)
      return { headEnd: i - (bytes[i - 1] === 13 ? 1 : 0), bodyStart: i + 3 };
  }
  return { headEnd: -1, bodyStart: -1 };
}

function parseHeaderLines(head: string, from: number, limits: ParseLimits): SipHeader[] {
  const headers: SipHeader[] = [];
  let lines = 0;
  let i = from;
  while (i < head.length) {
    let end = nextLineEnd(head, i);
    let line = head.slice(i, end.textEnd);
    i = end.next;
    // Folded lines (LWS: CRLF then space or tab) continue the header (RFC 3261 §7.3.1).
    while (i < head.length && (head.charCodeAt(i) === 32 || head.charCodeAt(i) === 9)) {
      end = nextLineEnd(head, i);
      line += ` ${head.slice(i, end.textEnd).trim()}`;
      i = end.next;
      if (line.length > limits.maxHeaderLineBytes) break;
    }
    if (line.length > limits.maxHeaderLineBytes) {
      fail('header-line-too-long', 513, `a header line exceeds ${limits.maxHeaderLineBytes} bytes`);
    }
    if (++lines > limits.maxHeaderCount) {
      fail('too-many-headers', 513, `more than ${limits.maxHeaderCount} header lines`);
    }
    addHeader(line, headers);
  }
  return headers;
}

function nextLineEnd(head: string, from: number): { textEnd: number; next: number } {
  const newline = head.indexOf('\n', from);
  if (newline < 0) return { textEnd: head.length, next: head.length };
  return {
    textEnd: head.charCodeAt(newline - 1) === 13 ? newline - 1 : newline,
    next: newline + 1,
  };
}

function addHeader(line: string, headers: SipHeader[]): void {
  const colon = line.indexOf(':');
  let nameEnd = colon;
  while (nameEnd > 0 && (line.charCodeAt(nameEnd - 1) === 32 || line.charCodeAt(nameEnd - 1) === 9))
    nameEnd--;
  if (colon < 0 || nameEnd === 0)
    fail('bad-header', 400, `header line "${clip(line)}" has no name and colon`);
  for (let c = 0; c < nameEnd; c++) {
    if (!isTokenChar(line.charCodeAt(c)))
      fail('bad-header', 400, `header name "${clip(line.slice(0, nameEnd))}" is not a token`);
  }
  const written = line.slice(0, nameEnd);
  const name = canonicalHeaderName(written);
  const key = headerKey(name);
  const value = line.slice(colon + 1).trim();
  if (isSplitOnParse(key) && value.includes(',')) {
    for (const element of splitList(value)) headers.push({ name, key, value: element });
  } else {
    headers.push({ name, key, value });
  }
}

function readBody(
  bytes: Uint8Array,
  bodyStart: number,
  headers: SipHeader[],
  limits: ParseLimits,
  stream: boolean,
): Uint8Array {
  let declared: number | undefined;
  for (const h of headers) {
    if (h.key !== 'content-length') continue;
    const length = parseDigits(h.value);
    if (length === undefined)
      fail('bad-content-length', 400, `Content-Length "${clip(h.value)}" is not a number`);
    if (declared !== undefined && declared !== length)
      fail('duplicate-header', 400, 'two different Content-Length headers');
    declared = length;
  }
  const available = bytes.length - bodyStart;
  if (declared === undefined) {
    if (stream)
      fail('bad-content-length', 400, 'Content-Length is required over a stream transport');
    declared = available;
  }
  if (declared > limits.maxBodyBytes)
    fail('body-too-large', 413, `body of ${declared} bytes exceeds ${limits.maxBodyBytes}`);
  if (declared > available)
    fail('truncated-body', 400, `Content-Length says ${declared} bytes but ${available} arrived`);
  return bytes.subarray(bodyStart, bodyStart + declared);
}

function parseStatusLine(line: string): { status: number; reason: string } {
  const first = line.indexOf(' ');
  const version = first < 0 ? line : line.slice(0, first);
  if (version.toUpperCase() !== 'SIP/2.0')
    fail('bad-version', 400, `status line "${clip(line)}" is not SIP/2.0`);
  const code = line.slice(first + 1, first + 4);
  const status = parseDigits(code);
  const after = line.charCodeAt(first + 4);
  if (
    status === undefined ||
    code.length !== 3 ||
    status < 100 ||
    status > 699 ||
    !(Number.isNaN(after) || after === 32)
  ) {
    fail('bad-start-line', 400, `status line "${clip(line)}" has no status code 100-699`);
  }
  return { status, reason: line.slice(first + 5) };
}

function parseRequestLine(line: string): { method: string; uri: string } {
  const first = line.indexOf(' ');
  const second = first < 0 ? -1 : line.indexOf(' ', first + 1);
  if (first <= 0 || second < 0 || line.indexOf(' ', second + 1) >= 0 || second === first + 1) {
    fail('bad-start-line', 400, `request line "${clip(line)}" is not "METHOD URI SIP/2.0"`);
  }
  const method = line.slice(0, first);
  for (let i = 0; i < method.length; i++) {
    if (!isTokenChar(method.charCodeAt(i)))
      fail('bad-start-line', 400, `method "${clip(method)}" is not a token`);
  }
  const version = line.slice(second + 1);
  if (version.toUpperCase() !== 'SIP/2.0') {
    if (version.toUpperCase().startsWith('SIP/'))
      fail('bad-version', 505, `version ${clip(version)} is not supported`);
    fail('bad-start-line', 400, `request line "${clip(line)}" does not end with SIP/2.0`);
  }
  const uri = line.slice(first + 1, second);
  try {
    parseUri(uri);
  } catch (error) {
    if (!(error instanceof UriError)) throw error;
    fail(
      error.code === 'unsupported-scheme' ? 'unsupported-uri-scheme' : 'bad-uri',
      error.code === 'unsupported-scheme' ? 416 : 400,
      `Request-URI: ${error.message}`,
    );
  }
  return { method, uri };
}

/** Via, From, To, Call-ID and CSeq must be present and well formed (RFC 3261 §8.1.1). */
function checkCommonHeaders(message: SipMessage): void {
  let via = 0;
  let from = 0;
  let to = 0;
  let callId = 0;
  let cseq = 0;
  for (const h of message.headers) {
    switch (h.key) {
      case 'via':
        if (via++ === 0 && parseVia(h.value) === undefined)
          fail('bad-header', 400, `Via "${clip(h.value)}" is malformed`);
        break;
      case 'from':
      case 'to': {
        const count = h.key === 'from' ? ++from : ++to;
        if (count > 1) fail('duplicate-header', 400, `two ${h.name} headers`);
        checkAddress(h);
        break;
      }
      case 'call-id':
        if (++callId > 1) fail('duplicate-header', 400, 'two Call-ID headers');
        if (h.value === '' || h.value.includes(' '))
          fail('bad-header', 400, `Call-ID "${clip(h.value)}" is malformed`);
        break;
      case 'cseq': {
        if (++cseq > 1) fail('duplicate-header', 400, 'two CSeq headers');
        const parsed = parseCSeq(h.value);
        if (parsed === undefined) fail('bad-header', 400, `CSeq "${clip(h.value)}" is malformed`);
        if (message.kind === 'request' && parsed.method !== message.method) {
          fail(
            'cseq-method-mismatch',
            400,
            `CSeq method ${parsed.method} differs from ${message.method}`,
          );
        }
        break;
      }
      case 'max-forwards':
        if (parseDigits(h.value) === undefined)
          fail('bad-header', 400, `Max-Forwards "${clip(h.value)}" is not a number`);
        break;
    }
  }
  const missing = [
    via === 0 && 'Via',
    from === 0 && 'From',
    to === 0 && 'To',
    callId === 0 && 'Call-ID',
    cseq === 0 && 'CSeq',
  ].filter(Boolean);
  if (missing.length > 0) fail('missing-header', 400, `missing ${missing.join(', ')}`);
}

function checkAddress(h: SipHeader): void {
  const address = parseNameAddr(h.value);
  if (address === undefined) fail('bad-header', 400, `${h.name} "${clip(h.value)}" is malformed`);
  try {
    parseUri(address.uri);
  } catch (error) {
    if (!(error instanceof UriError)) throw error;
    fail('bad-uri', 400, `${h.name}: ${error.message}`);
  }
}

/** A non-negative decimal integer of at most 10 digits, or undefined. */
export function parseDigits(text: string): number | undefined {
  if (text.length === 0 || text.length > 10) return undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  return Number(text);
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
