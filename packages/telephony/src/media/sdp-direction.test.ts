import { describe, expect, it } from 'vitest';
import { MediaError } from './errors.ts';
import {
  answeringDirection,
  audioDirection,
  isHold,
  reviseSdp,
  sameAudio,
} from './sdp-direction.ts';

/** An SDP body with the parts a re-INVITE changes. */
function sdp(
  options: {
    version?: number;
    address?: string;
    port?: number;
    direction?: string;
    sessionDirection?: string;
    codecs?: string;
  } = {},
): string {
  return [
    'v=0',
    `o=phone 42 ${options.version ?? 1} IN IP4 192.0.2.7`,
    's=-',
    `c=IN IP4 ${options.address ?? '192.0.2.7'}`,
    't=0 0',
    ...(options.sessionDirection === undefined ? [] : [`a=${options.sessionDirection}`]),
    `m=audio ${options.port ?? 4000} RTP/AVP ${options.codecs ?? '0 101'}`,
    'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:8 PCMA/8000',
    'a=rtpmap:101 telephone-event/8000',
    ...(options.direction === undefined ? [] : [`a=${options.direction}`]),
    '',
  ].join('\r\n');
}

describe('SDP direction and re-offers', () => {
  it('[B2B16] reads the audio direction: media level, then session level, sendrecv by default', () => {
    expect(audioDirection(sdp(), 'x')).toBe('sendrecv');
    expect(audioDirection(sdp({ direction: 'sendonly' }), 'x')).toBe('sendonly');
    expect(audioDirection(sdp({ sessionDirection: 'inactive' }), 'x')).toBe('inactive');
    expect(audioDirection(sdp({ sessionDirection: 'inactive', direction: 'recvonly' }), 'x')).toBe(
      'recvonly',
    );
    // RFC 2543 hold.
    expect(audioDirection(sdp({ address: '0.0.0.0' }), 'x')).toBe('inactive');
    expect(isHold('sendonly') && isHold('inactive')).toBe(true);
    expect(isHold('sendrecv') || isHold('recvonly')).toBe(false);
    expect(answeringDirection('sendonly')).toBe('recvonly');
    expect(answeringDirection('recvonly')).toBe('sendonly');
    expect(answeringDirection('inactive')).toBe('inactive');
  });

  it('[B2B16] a re-offer of the same media is a refresh; any change of address, port, codecs or direction is not', () => {
    const base = sdp();
    expect(sameAudio(sdp({ version: 2 }), base, 'x')).toBe(true);
    expect(sameAudio(sdp({ port: 4002 }), base, 'x')).toBe(false);
    expect(sameAudio(sdp({ address: '192.0.2.8' }), base, 'x')).toBe(false);
    expect(sameAudio(sdp({ codecs: '8 101' }), base, 'x')).toBe(false);
    expect(sameAudio(sdp({ direction: 'sendonly' }), base, 'x')).toBe(false);
  });

  it('[B2B16] revises our answer: one direction attribute, last in the audio section, next o= version', () => {
    const previous = sdp({ version: 7 });
    const revised = reviseSdp(
      sdp({ sessionDirection: 'sendrecv', direction: 'sendrecv' }),
      previous,
      'recvonly',
    );
    const lines = revised.split('\r\n');
    expect(lines).toContain('o=phone 42 8 IN IP4 192.0.2.7');
    expect(lines.filter((line) => /^a=(sendrecv|sendonly|recvonly|inactive)$/.test(line))).toEqual([
      'a=recvonly',
    ]);
    expect(lines.at(-2)).toBe('a=recvonly');
    expect(revised.endsWith('\r\n')).toBe(true);
    expect(audioDirection(revised, 'x')).toBe('recvonly');
  });

  it('[B2B16] bad SDP in a re-offer is a MediaInvalidInput error naming where it came from', () => {
    expect(() => audioDirection('v=0\r\n', "caller's re-INVITE")).toThrow(MediaError);
    expect(() => sameAudio('v=0\r\n', sdp(), "agent's re-INVITE")).toThrow(/agent's re-INVITE/);
  });
});
