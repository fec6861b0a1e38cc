import { describe, expect, it } from 'vitest';
import { bytes, requestText, responseText, sdpBody } from '../testing/message-builders.ts';
import { header, type SipMessage } from './message.ts';
import { parseMessage } from './parse.ts';
import { buildResponse } from './response.ts';
import { serializeMessage } from './serialize.ts';

const roundTrip = (message: SipMessage): SipMessage => parseMessage(serializeMessage(message));

describe('serializeMessage', () => {
  it('[MSG9] parse(serialize(parse(x))) equals parse(x) for requests and responses', () => {
    const samples = [
      requestText({
        method: 'INVITE',
        body: sdpBody(),
        extra: ['c: application/sdp', 'Subject: a,', ' folded'],
      }),
      requestText({
        via: 'SIP/2.0/UDP a.example.com;branch=z9hG4bK1, SIP/2.0/TCP b.example.com;branch=z9hG4bK2',
      }),
      responseText({ status: 486, reason: 'Busy Here', extra: ['Retry-After: 30'] }),
      requestText({ body: 'abcdef', contentLength: '2' }),
    ];
    for (const text of samples) {
      const parsed = parseMessage(bytes(text));
      expect(roundTrip(parsed)).toEqual(parsed);
      expect(serializeMessage(roundTrip(parsed))).toEqual(serializeMessage(parsed));
    }
  });

  it('[MSG9] writes the real Content-Length, whatever the header said', () => {
    const message = parseMessage(bytes(requestText({ body: 'hello' })));
    const changed = {
      ...message,
      body: bytes('hi'),
      headers: [...message.headers, header('l', '99')],
    };
    const text = new TextDecoder().decode(serializeMessage(changed));
    expect(text.match(/Content-Length: \d+/g)).toEqual(['Content-Length: 2']);
    expect(text.endsWith('\r\n\r\nhi')).toBe(true);
  });

  it('[MSG9] builds responses that copy Via, From, To, Call-ID and CSeq and add a To tag', () => {
    const request = parseMessage(bytes(requestText({ extra: ['Subject: not copied'] })));
    if (request.kind !== 'request') throw new Error('request expected');
    const ok = buildResponse(request, 200, { toTag: 'r1', headers: [header('Allow', 'OPTIONS')] });
    const text = new TextDecoder().decode(serializeMessage(ok));
    expect(text).toContain('SIP/2.0 200 OK\r\n');
    expect(text).toContain('To: <sip:queue-sales@relais.example.com>;tag=r1\r\n');
    expect(text).not.toContain('Subject');
    expect(roundTrip(ok)).toMatchObject({ kind: 'response', status: 200 });
    const trying = buildResponse(request, 100, { toTag: 'r1' });
    expect(trying.headers.find((h) => h.key === 'to')?.value).not.toContain('tag=');
  });
});
