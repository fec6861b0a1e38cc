import { describe, expect, it } from 'vitest';
import { bytes, requestText, sdpBody } from '../testing/message-builders.ts';
import { seededRandom } from '../testing/seeded-random.ts';
import { SipParseError } from './errors.ts';
import { parseMessage } from './parse.ts';
import { SipStreamFramer } from './stream-framer.ts';

const decode = (b: Uint8Array) => new TextDecoder().decode(b);

describe('SipStreamFramer', () => {
  it('[MSG10] cuts messages by Content-Length across any chunking and skips keepalive CRLFs', () => {
    const one = requestText({ method: 'INVITE', body: sdpBody() });
    const two = requestText({ callId: 'second' });
    const stream = bytes(`\r\n\r\n${one}\r\n${two}\r\n\r\n`);
    const random = seededRandom(7);
    for (let round = 0; round < 50; round++) {
      const framer = new SipStreamFramer();
      const frames: Uint8Array[] = [];
      for (let i = 0; i < stream.length;) {
        const size = 1 + Math.floor(random() * 200);
        frames.push(...framer.push(stream.slice(i, i + size)));
        i += size;
      }
      expect(frames.map(decode)).toEqual([one, two]);
      expect(framer.pendingBytes).toBe(0);
      expect(parseMessage(frames[0]!, { stream: true }).body).toEqual(bytes(sdpBody()));
    }
  });

  it('[MSG10] refuses a stream message without Content-Length with 400, a huge one with 513', () => {
    const framer = new SipStreamFramer();
    expect(() => framer.push(bytes(requestText({ contentLength: null })))).toThrow(
      expect.objectContaining({ code: 'bad-content-length', status: 400 }),
    );
    const huge = new SipStreamFramer();
    expect(() => huge.push(bytes(requestText({ contentLength: '100000' })))).toThrow(SipParseError);
    const endless = new SipStreamFramer();
    expect(() => endless.push(bytes(`OPTIONS sip:a SIP/2.0\r\nX: ${'z'.repeat(70_000)}`))).toThrow(
      expect.objectContaining({ code: 'message-too-large', status: 'drop' }),
    );
  });
});
