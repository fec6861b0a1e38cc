// The little SDP reading MediaControl needs: the audio line, its codecs and the connection
// address; and the stand-in answer that lets rtpengine answer a caller before any agent exists.
import { MediaError } from './errors.ts';

export interface AudioCodec {
  readonly payloadType: number;
  /** Encoding name as in `a=rtpmap` (`PCMU`, `opus`…), or the static name for types 0-34. */
  readonly encoding: string;
  readonly rtpmap: string | undefined;
  readonly fmtp: string | undefined;
}

export interface AudioDescription {
  readonly port: number;
  readonly protocol: string;
  readonly codecs: readonly AudioCodec[];
  /** The media-level c= address, else the session-level one. */
  readonly address: string | undefined;
}

// RFC 3551 static payload types that telephony actually meets.
const STATIC_ENCODINGS: Readonly<Record<number, string>> = {
  0: 'PCMU',
  3: 'GSM',
  4: 'G723',
  8: 'PCMA',
  9: 'G722',
  13: 'CN',
  18: 'G729',
};

/** Reads the first `m=audio` section of an SDP body; no audio is a `MediaInvalidInput` error. */
export function readAudio(sdp: string, where: string): AudioDescription {
  const lines = sdp.split(/\r?\n/);
  const start = lines.findIndex((line) => line.startsWith('m=audio '));
  if (start < 0) throw invalid(where, 'has no m=audio line');
  const end = lines.findIndex((line, index) => index > start && line.startsWith('m='));
  const section = lines.slice(start, end < 0 ? undefined : end);
  const [, portText, protocol, ...formats] = (section[0] ?? '').trim().split(/\s+/);
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535 || protocol === undefined) {
    throw invalid(where, `has a malformed media line "${section[0] ?? ''}"`);
  }
  const attribute = (name: string, payloadType: number): string | undefined =>
    section
      .find((line) => line.startsWith(`a=${name}:${payloadType} `))
      ?.slice(`a=${name}:${payloadType} `.length)
      .trim();
  const codecs = formats.map((format): AudioCodec => {
    const payloadType = Number(format);
    if (!Number.isInteger(payloadType) || payloadType < 0 || payloadType > 127) {
      throw invalid(where, `lists payload type "${format}", not a number 0-127`);
    }
    const rtpmap = attribute('rtpmap', payloadType);
    const encoding = rtpmap?.split('/')[0] ?? STATIC_ENCODINGS[payloadType];
    if (encoding === undefined) {
      throw invalid(where, `uses dynamic payload type ${payloadType} without an a=rtpmap line`);
    }
    return { payloadType, encoding, rtpmap, fmtp: attribute('fmtp', payloadType) };
  });
  if (codecs.length === 0) throw invalid(where, 'offers no audio codec');
  const connection = (lines: readonly string[]): string | undefined =>
    lines
      .find((line) => line.startsWith('c='))
      ?.trim()
      .split(/\s+/)[2];
  return {
    port,
    protocol,
    codecs,
    address: connection(section) ?? connection(lines.slice(0, start)),
  };
}

/** The codec a call will use: the first one offered that is not DTMF or comfort noise. */
export function voiceCodec(audio: AudioDescription, where: string): AudioCodec {
  const codec = audio.codecs.find((c) => !/^(telephone-event|CN)$/i.test(c.encoding));
  if (codec === undefined) throw invalid(where, 'offers no voice codec (only DTMF or CN)');
  return codec;
}

/**
 * A sendrecv answer on the discard port of rtpengine's own address, accepting only the first
 * voice codec offered (and telephone-event when offered): it stands in for the agent while the
 * caller waits. Returns the codec it chose, which the agent must then use too.
 */
export function standInAnswer(rtpengineOffer: string): { sdp: string; codec: AudioCodec } {
  const audio = readAudio(rtpengineOffer, 'rtpengine offer');
  const codec = voiceCodec(audio, 'rtpengine offer');
  const address = audio.address ?? '127.0.0.1';
  const family = address.includes(':') ? 'IP6' : 'IP4';
  const dtmf = audio.codecs.find((c) => /^telephone-event$/i.test(c.encoding));
  const answered = dtmf === undefined ? [codec] : [codec, dtmf];
  const lines = [
    'v=0',
    `o=relais-hold 1 1 IN ${family} ${address}`,
    's=-',
    `c=IN ${family} ${address}`,
    't=0 0',
    `m=audio 9 ${audio.protocol} ${answered.map((c) => c.payloadType).join(' ')}`,
    ...answered.flatMap((c) => [
      ...(c.rtpmap === undefined ? [] : [`a=rtpmap:${c.payloadType} ${c.rtpmap}`]),
      ...(c.fmtp === undefined ? [] : [`a=fmtp:${c.payloadType} ${c.fmtp}`]),
    ]),
    'a=sendrecv',
  ];
  return { sdp: `${lines.join('\r\n')}\r\n`, codec };
}

/**
 * The offer of a stand-in agent for an outbound call (G.711 both laws and DTMF on the discard
 * port): rtpengine rewrites it with its own address and port for the callee.
 */
export function standInOffer(): string {
  const lines = [
    'v=0',
    'o=relais-outbound 1 1 IN IP4 127.0.0.1',
    's=-',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    'm=audio 9 RTP/AVP 0 8 101',
    'a=rtpmap:0 PCMU/8000',
    'a=rtpmap:8 PCMA/8000',
    'a=rtpmap:101 telephone-event/8000',
    'a=fmtp:101 0-16',
    'a=sendrecv',
  ];
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * Turns rtpengine's `a=setup:actpass` into `a=setup:active`, so the browser answers `passive`
 * and waits for rtpengine to start DTLS. Left at actpass, the browser answers `active` and
 * sends its ClientHello as soon as ICE connects, usually before its SIP answer reaches
 * rtpengine; rtpengine 10.5 then fails the handshake ("DTLS error: 1 (unexpected message)").
 * RFC 8842 asks offerers for actpass; browsers accept active (MEDIA.md, WebRTC).
 */
export function withDtlsSetupActive(sdp: string): string {
  return sdp.replace(/^a=setup:actpass(?=\r?$)/gm, 'a=setup:active');
}

function invalid(where: string, problem: string): MediaError {
  return new MediaError(
    'MediaInvalidInput',
    `the SDP of ${where} ${problem}; send an SDP with an audio stream (RFC 4566)`,
    { where },
  );
}
