import { describe, expect, it } from 'vitest';
import { bytes, requestText, responseText, sdpBody } from '../testing/message-builders.ts';
import { SipParseError } from './errors.ts';
import { DEFAULT_PARSE_LIMITS } from './limits.ts';
import { headerValue, headerValues, type SipMessage, type SipRequest } from './message.ts';
import { parseMessage } from './parse.ts';

const parse = (text: string, stream = false): SipMessage => parseMessage(bytes(text), { stream });
const request = (text: string): SipRequest => {
  const message = parse(text);
  if (message.kind !== 'request') throw new Error('expected a request');
  return message;
};

function parseError(text: string | Uint8Array, stream = false): SipParseError {
  try {
    parseMessage(typeof text === 'string' ? bytes(text) : text, { stream });
  } catch (error) {
    if (error instanceof SipParseError) return error;
    throw error;
  }
  throw new Error('expected a SipParseError');
}

describe('parseMessage', () => {
  it('[MSG1] reads the request line, the headers in order and the body byte for byte', () => {
    const sdp = sdpBody();
    const message = request(
      requestText({ method: 'INVITE', body: sdp, extra: ['Content-Type: application/sdp'] }),
    );
    expect(message.method).toBe('INVITE');
    expect(message.uri).toBe('sip:queue-sales@relais.example.com');
    expect(message.headers.map((h) => h.name)).toEqual([
      'Via',
      'Max-Forwards',
      'From',
      'To',
      'Call-ID',
      'CSeq',
      'Content-Type',
      'Content-Length',
    ]);
    expect(message.body).toEqual(bytes(sdp));
    expect(headerValue(message, 'cseq')).toBe('1 INVITE');
  });

  it('[MSG1] reads a status line, an empty reason phrase included', () => {
    const ok = parse(responseText({ status: 180, reason: 'Ringing' }));
    expect(ok).toMatchObject({ kind: 'response', status: 180, reason: 'Ringing' });
    const bare = parse(responseText({ status: 183, reason: '' }).replace('183 \r\n', '183\r\n'));
    expect(bare).toMatchObject({ status: 183, reason: '' });
  });

  it('[MSG2] normalises compact forms and letter case to canonical names', () => {
    const text = [
      'INVITE sip:agent-7@relais.example.com SIP/2.0',
      'v: SIP/2.0/UDP 192.0.2.10;branch=z9hG4bK-compact',
      'f: <sip:caller@192.0.2.10>;tag=a1',
      't: <sip:agent-7@relais.example.com>',
      'i: compact-call',
      'CSEQ: 9 INVITE',
      'm: <sip:caller@192.0.2.10:5062>',
      'c: application/sdp',
      'k: timer',
      's: help',
      'e: identity',
      'o: refer',
      'u: dialog',
      'r: <sip:queue@relais.example.com>',
      'b: <sip:supervisor@relais.example.com>',
      'x: 1800',
      'y: token',
      'a: *;audio',
      'j: *;video',
      'd: proxy',
      'call-info: <http://example.com/photo.png>;purpose=icon',
      'l: 0',
      '',
      '',
    ].join('\r\n');
    const names = request(text).headers.map((h) => h.name);
    expect(names).toEqual([
      'Via',
      'From',
      'To',
      'Call-ID',
      'CSeq',
      'Contact',
      'Content-Type',
      'Supported',
      'Subject',
      'Content-Encoding',
      'Event',
      'Allow-Events',
      'Refer-To',
      'Referred-By',
      'Session-Expires',
      'Identity',
      'Accept-Contact',
      'Reject-Contact',
      'Request-Disposition',
      'Call-Info',
      'Content-Length',
    ]);
  });

  it('[MSG3] joins folded lines, accepts space before the colon, leading CRLFs and bare LF', () => {
    const folded = requestText({
      extra: ['Subject: first part', ' \t second part', 'X-Odd-Header\t : spaced value  '],
    });
    const message = request(`\r\n\r\n${folded}`);
    expect(headerValue(message, 'subject')).toBe('first part second part');
    expect(headerValue(message, 'x-odd-header')).toBe('spaced value');
    const lf = request(
      requestText({ eol: '\n', body: 'v=0\n', extra: ['Content-Type: application/sdp'] }),
    );
    expect(new TextDecoder().decode(lf.body)).toBe('v=0\n');
  });

  it('[MSG4] splits comma lists of Via, Contact and Route; keeps commas inside quotes and <>', () => {
    const message = request(
      requestText({
        via: 'SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK-a, SIP/2.0/TCP [2001:db8::9]:5070;branch=z9hG4bK-b',
        extra: [
          'Contact: "Doe, Jane" <sip:jane@192.0.2.7;transport=tcp>;q=0.5, <sip:jane@198.51.100.3>',
          'Route: <sip:p1.example.com;lr>,<sip:p2.example.com;lr>',
          'Allow: INVITE, ACK, BYE',
        ],
      }),
    );
    expect(headerValues(message, 'via')).toHaveLength(2);
    expect(message.headers.filter((h) => h.key === 'via')).toHaveLength(2);
    expect(headerValues(message, 'm')).toEqual([
      '"Doe, Jane" <sip:jane@192.0.2.7;transport=tcp>;q=0.5',
      '<sip:jane@198.51.100.3>',
    ]);
    expect(headerValues(message, 'route')).toEqual([
      '<sip:p1.example.com;lr>',
      '<sip:p2.example.com;lr>',
    ]);
    expect(message.headers.filter((h) => h.key === 'allow')).toHaveLength(1);
    expect(headerValues(message, 'allow')).toEqual(['INVITE', 'ACK', 'BYE']);
  });

  it('[MSG5] cuts the body at Content-Length and defaults it to the rest of a datagram', () => {
    expect(request(requestText({ body: 'abcdef', contentLength: '3' })).body).toEqual(bytes('abc'));
    expect(request(requestText({ body: 'abcdef', contentLength: null })).body).toEqual(
      bytes('abcdef'),
    );
  });

  it('[MSG5] refuses a body shorter than announced, a bad length, and a stream without length', () => {
    expect(parseError(requestText({ body: 'ab', contentLength: '10' }))).toMatchObject({
      code: 'truncated-body',
      status: 400,
    });
    expect(parseError(requestText({ contentLength: '-1' }))).toMatchObject({
      code: 'bad-content-length',
      status: 400,
    });
    expect(parseError(requestText({ contentLength: null }), true)).toMatchObject({
      code: 'bad-content-length',
      status: 400,
    });
    const twice = requestText({ extra: ['l: 7'] });
    expect(parseError(twice)).toMatchObject({ code: 'duplicate-header', status: 400 });
  });

  it('[MSG6] answers a too large message, header line or header count with 513, a large body with 413', () => {
    const huge = requestText({
      extra: [`Subject: ${'x'.repeat(DEFAULT_PARSE_LIMITS.maxHeaderLineBytes)}`],
    });
    const hugeError = parseError(huge);
    expect(hugeError).toMatchObject({ code: 'header-line-too-long', status: 513 });
    expect(hugeError.context?.method).toBe('OPTIONS');
    const many = requestText({ extra: Array.from({ length: 130 }, (_, i) => `X-H${i}: ${i}`) });
    expect(parseError(many)).toMatchObject({ code: 'too-many-headers', status: 513 });
    const big = requestText({ body: 'x'.repeat(40_000), extra: ['Content-Type: text/plain'] });
    expect(parseError(big)).toMatchObject({ code: 'body-too-large', status: 413 });
    const whole = requestText({
      extra: Array.from({ length: 10 }, (_, i) => `X-Pad${i}: ${'p'.repeat(7000)}`),
    });
    expect(parseError(whole)).toMatchObject({ code: 'message-too-large', status: 513 });
    const folded = requestText({
      extra: ['Subject: a', ...Array.from({ length: 200 }, () => ` ${'f'.repeat(60)}`)],
    });
    expect(parseError(folded)).toMatchObject({ code: 'header-line-too-long', status: 513 });
  });

  it('[MSG6] drops a failing response, an ACK, and a request whose answer cannot be built', () => {
    const longResponse = responseText({ extra: [`Subject: ${'y'.repeat(9000)}`] });
    expect(parseError(longResponse)).toMatchObject({
      code: 'header-line-too-long',
      status: 'drop',
    });
    expect(parseError(requestText({ method: 'ACK', contentLength: 'x' })).status).toBe('drop');
    const noVia = requestText().replace(/^Via:.*\r\n/m, '');
    expect(parseError(noVia)).toMatchObject({ code: 'missing-header', status: 'drop' });
  });

  it('[MSG7] refuses missing or doubled mandatory headers with 400 and the context to answer', () => {
    const noCallId = requestText().replace(/^Call-ID:.*\r\n/m, '');
    const error = parseError(noCallId);
    expect(error).toMatchObject({ code: 'missing-header', status: 'drop' });
    const noMaxForwardsIsFine = request(requestText().replace(/^Max-Forwards:.*\r\n/m, ''));
    expect(noMaxForwardsIsFine.method).toBe('OPTIONS');
    const twoFrom = parseError(requestText({ extra: ['From: <sip:other@192.0.2.99>;tag=x'] }));
    expect(twoFrom).toMatchObject({ code: 'duplicate-header', status: 400 });
    expect(twoFrom.context?.headers.map((h) => h.name)).toEqual([
      'Via',
      'From',
      'To',
      'Call-ID',
      'CSeq',
    ]);
  });

  it('[MSG7] checks CSeq, the version, the Request-URI and the From and To addresses', () => {
    expect(parseError(requestText({ cseq: '1 INVITE' }))).toMatchObject({
      code: 'cseq-method-mismatch',
      status: 400,
    });
    expect(parseError(requestText({ cseq: '2147483648 OPTIONS' }))).toMatchObject({
      code: 'bad-header',
    });
    expect(parseError(requestText({ cseq: '-3 OPTIONS' }))).toMatchObject({ code: 'bad-header' });
    expect(parseError(requestText({ cseq: '3OPTIONS' }))).toMatchObject({ code: 'bad-header' });
    expect(parseError(requestText({ version: 'SIP/7.0' }))).toMatchObject({
      code: 'bad-version',
      status: 505,
    });
    expect(parseError(requestText({ version: 'HTTP/1.1' }))).toMatchObject({
      code: 'bad-start-line',
      status: 400,
    });
    expect(parseError(requestText({ uri: 'mailto:someone@example.com' }))).toMatchObject({
      status: 416,
    });
    expect(parseError(requestText({ uri: 'sip:host:99999' }))).toMatchObject({
      code: 'bad-uri',
      status: 400,
    });
    expect(parseError(requestText({ from: '"unclosed <sip:a@b>;tag=1' }))).toMatchObject({
      code: 'bad-header',
      status: 'drop',
    });
    expect(parseError(requestText({ to: '<sip:@nohost>' }))).toMatchObject({
      code: 'bad-uri',
      status: 400,
    });
    expect(parseError(requestText({ via: 'SIP/2.0 UDP host' }))).toMatchObject({
      code: 'bad-header',
      status: 'drop',
    });
  });

  it('[MSG7] refuses extra spaces in the request line and a status code out of range', () => {
    const spaced = requestText().replace('OPTIONS sip:', 'OPTIONS  sip:');
    expect(parseError(spaced)).toMatchObject({ code: 'bad-start-line', status: 400 });
    expect(parseError(responseText({ status: 700 }))).toMatchObject({
      code: 'bad-start-line',
      status: 'drop',
    });
    expect(parseError(responseText().replace('200 OK', '20 OK'))).toMatchObject({
      code: 'bad-start-line',
    });
    expect(parseError('\r\n\r\n')).toMatchObject({ status: 'drop' });
    expect(parseError(requestText().replace('\r\n\r\n', '\r\n'))).toMatchObject({
      code: 'bad-header',
    });
  });

  it('[MSG7] accepts unusual but valid forms (torture style)', () => {
    const odd = request(
      requestText({
        method: 'NEWMETHOD',
        uri: 'sip:%61lice;x-weird=!~*@[2001:db8::10]:5061;transport=tcp;lr?subject=hi&priority=urgent',
        via: 'SIP  /  2.0  /  udp   192.0.2.2 : 5060 ;  branch = z9hG4bK-space ; rport',
        from: '"A \\"quoted\\" name" <sips:a@b.example.com>;tag=q',
        to: 'sip:t@example.com;tag=addr-spec-param',
        callId: "j2qu348ek2328ws!@.~_%`'+*",
        extra: ['X-Empty:', 'Max-Forwards: 0'],
      }),
    );
    expect(odd.method).toBe('NEWMETHOD');
    expect(headerValue(odd, 'x-empty')).toBe('');
  });
});
