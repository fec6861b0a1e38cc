import { describe, expect, it } from 'vitest';
import { MediaError } from './errors.ts';
import { readAudio, standInAnswer, voiceCodec, withDtlsSetupActive } from './sdp-audio.ts';

/** An SDP body from its parts, CRLF-terminated as SIP carries it. */
function makeSdp(options: { session?: string[]; media?: string; attributes?: string[] } = {}) {
  return [
    'v=0',
    'o=- 1 1 IN IP4 192.0.2.10',
    's=-',
    ...(options.session ?? ['c=IN IP4 192.0.2.10']),
    't=0 0',
    options.media ?? 'm=audio 4000 RTP/AVP 0 8 101',
    ...(options.attributes ?? ['a=rtpmap:101 telephone-event/8000', 'a=fmtp:101 0-16']),
    '',
  ].join('\r\n');
}

function errorOf(run: () => unknown): MediaError {
  try {
    run();
  } catch (error) {
    if (error instanceof MediaError) return error;
    throw error;
  }
  throw new Error('expected a MediaError');
}

describe('SDP audio', () => {
  it('[MED14] reads the audio port, protocol, codecs and the connection address', () => {
    const audio = readAudio(makeSdp(), 'caller');
    expect(audio).toMatchObject({ port: 4000, protocol: 'RTP/AVP', address: '192.0.2.10' });
    expect(audio.codecs.map((c) => [c.payloadType, c.encoding])).toEqual([
      [0, 'PCMU'],
      [8, 'PCMA'],
      [101, 'telephone-event'],
    ]);
    expect(audio.codecs[2]?.fmtp).toBe('0-16');
    const mediaLevel = makeSdp({
      session: [],
      media: 'm=audio 5000 RTP/AVP 96\nc=IN IP4 198.51.100.7',
      attributes: ['a=rtpmap:96 opus/48000/2'],
    });
    expect(readAudio(mediaLevel, 'agent')).toMatchObject({ address: '198.51.100.7', port: 5000 });
  });

  it('[MED14] refuses SDP without usable audio, saying what is wrong', () => {
    const cases: [string, RegExp][] = [
      [makeSdp({ media: 'm=video 4000 RTP/AVP 96' }), /no m=audio line/],
      [makeSdp({ media: 'm=audio x RTP/AVP 0' }), /malformed media line/],
      [makeSdp({ media: 'm=audio 4000 RTP/AVP' }), /no audio codec/],
      [makeSdp({ media: 'm=audio 4000 RTP/AVP 0 abc' }), /payload type "abc"/],
      [makeSdp({ media: 'm=audio 4000 RTP/AVP 96', attributes: [] }), /dynamic payload type 96/],
    ];
    for (const [sdp, problem] of cases) {
      const error = errorOf(() => readAudio(sdp, 'caller of call c1'));
      expect(error.code).toBe('MediaInvalidInput');
      expect(error.message).toMatch(problem);
      expect(error.message).toContain('caller of call c1');
    }
  });

  it('[MED8] picks the first voice codec, skipping DTMF and comfort noise', () => {
    const audio = readAudio(
      makeSdp({
        media: 'm=audio 4000 RTP/AVP 101 13 8',
        attributes: ['a=rtpmap:101 telephone-event/8000'],
      }),
      'caller',
    );
    expect(voiceCodec(audio, 'caller').encoding).toBe('PCMA');
    const onlyDtmf = readAudio(
      makeSdp({
        media: 'm=audio 4000 RTP/AVP 101',
        attributes: ['a=rtpmap:101 telephone-event/8000'],
      }),
      'caller',
    );
    expect(errorOf(() => voiceCodec(onlyDtmf, 'caller')).message).toMatch(/no voice codec/);
  });

  it('[MED8] the stand-in answer accepts one voice codec and DTMF on the discard port', () => {
    const offer = makeSdp({
      media: 'm=audio 30000 RTP/AVP 96 0 101',
      attributes: [
        'a=rtpmap:96 opus/48000/2',
        'a=fmtp:96 useinbandfec=1',
        'a=rtpmap:101 telephone-event/8000',
      ],
    });
    const { sdp, codec } = standInAnswer(offer);
    expect(codec.encoding).toBe('opus');
    expect(sdp).toContain('c=IN IP4 192.0.2.10\r\n');
    expect(sdp).toContain('m=audio 9 RTP/AVP 96 101\r\n');
    expect(sdp).toContain('a=fmtp:96 useinbandfec=1\r\n');
    expect(sdp).toContain('a=sendrecv\r\n');
    expect(readAudio(sdp, 'stand-in').codecs.map((c) => c.encoding)).toEqual([
      'opus',
      'telephone-event',
    ]);
  });

  it('[MED16] a WebRTC offer is rewritten so that rtpengine is the DTLS client', () => {
    const offer = makeSdp({ attributes: ['a=setup:actpass', 'a=fingerprint:sha-256 AB:CD'] });
    const rewritten = withDtlsSetupActive(offer);
    expect(rewritten).toContain('a=setup:active\r\n');
    expect(rewritten).not.toContain('actpass');
    expect(rewritten.replace('a=setup:active', 'a=setup:actpass')).toBe(offer);
    expect(withDtlsSetupActive(makeSdp())).toBe(makeSdp());
  });
});
