import { createSocket } from 'node:dgram';
import { describe, expect, it } from 'vitest';
import { waitUntil } from './testing/rtp-peer.ts';
import { keyPressPackets } from './testing/telephone-event.ts';
import { DtmfListener, parseDtmfLog, type MediaDtmf } from './dtmf-events.ts';

const report = (fields: Record<string, unknown>) =>
  new TextEncoder().encode(
    JSON.stringify({
      callid: 'c1',
      source_tag: 'caller',
      tags: ['caller', 'agent'],
      type: 'DTMF',
      timestamp: 1795748419,
      source_ip: '127.0.0.1',
      event: 5,
      duration: 140,
      volume: 10,
      ...fields,
    }),
  );

describe("rtpengine's DTMF log", () => {
  it('[DTMF1] reads the call, the sending participant and the key; events 10-15 are *, #, A-D', () => {
    expect(parseDtmfLog(report({}))).toEqual({
      callId: 'c1',
      fromTag: 'caller',
      digit: '5',
      durationMs: 140,
    });
    const keys = Array.from({ length: 16 }, (_, event) => parseDtmfLog(report({ event }))?.digit);
    expect(keys.join('')).toBe('0123456789*#ABCD');
    expect(parseDtmfLog(report({ type: undefined, duration: 'x' }))?.durationMs).toBe(0);
  });

  it('[DTMF1] anything else is not a digit: bad JSON, other types, missing or out-of-range fields', () => {
    const bad: Uint8Array[] = [
      new Uint8Array([0xff, 0xfe, 0x00]),
      new TextEncoder().encode('{"callid":'),
      new TextEncoder().encode('[1,2]'),
      new TextEncoder().encode('null'),
      new TextEncoder().encode('"DTMF"'),
      report({ type: 'other' }),
      report({ callid: '' }),
      report({ callid: 7 }),
      report({ source_tag: undefined }),
      report({ event: 16 }),
      report({ event: -1 }),
      report({ event: 1.5 }),
      report({ event: '5' }),
    ];
    for (const bytes of bad) expect(parseDtmfLog(bytes)).toBeUndefined();
  });

  it('[DTMF1] the listener hands digits on and counts the rest, never stopping on garbage', async () => {
    const digits: MediaDtmf[] = [];
    let ignored = 0;
    const listener = await DtmfListener.open({
      address: '127.0.0.1',
      onDigit: (digit) => digits.push(digit),
      onIgnored: () => ignored++,
    });
    const sender = createSocket('udp4');
    for (const bytes of [Buffer.from('garbage'), Buffer.alloc(0), report({ event: 11 })]) {
      sender.send(bytes, listener.port, '127.0.0.1');
    }
    await waitUntil(() => digits.length === 1 && ignored === 2, 'one digit, two ignored');
    expect(digits[0]?.digit).toBe('#');
    sender.close();
    await listener.close();
  });

  it('[DTMF1] test key presses: a marker first, one timestamp, three end packets; bad keys refused', () => {
    const packets = keyPressPackets({ digit: '#', ssrc: 9, sequence: 65534, timestamp: 480 });
    expect(packets).toHaveLength(8);
    expect(packets.map((p) => p[1]! >> 7)).toEqual([1, 0, 0, 0, 0, 0, 0, 0]);
    expect(new Set(packets.map((p) => p.readUInt32BE(4)))).toEqual(new Set([480]));
    expect(packets.map((p) => p[12])).toEqual(Array(8).fill(11));
    expect(packets.map((p) => p[13]! >> 7)).toEqual([0, 0, 0, 0, 0, 1, 1, 1]);
    expect(packets[2]?.readUInt16BE(2)).toBe(0); // the sequence number wraps
    for (const digit of ['', '12', 'x', 'E']) {
      expect(() => keyPressPackets({ digit, ssrc: 1, sequence: 0, timestamp: 0 })).toThrow(
        /not a key/,
      );
    }
  });
});
