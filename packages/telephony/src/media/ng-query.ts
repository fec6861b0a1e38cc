// The reply of the ng `query` command, read into types: per participant (SIP tag), per media,
// per stream (RTP and RTCP) the local port rtpengine uses, the peer's address and packet counters.
import type { BencodeValue } from './bencode.ts';
import { MediaError } from './errors.ts';
import type { NgReply } from './ng-transport.ts';

export interface PacketStats {
  readonly packets: number;
  readonly bytes: number;
  readonly errors: number;
}

export interface StreamQuery {
  /** The port on rtpengine this participant sends to (and rtpengine sends from). */
  readonly localPort: number | undefined;
  /** Where rtpengine sends this participant's media: learned from packets, else from the SDP. */
  readonly endpoint: { readonly address: string; readonly port: number } | undefined;
  /** `RTP` or `RTCP`, `filled`, `confirmed` (the address was learned from packets)… */
  readonly flags: readonly string[];
  /** Packets received from this participant on `localPort`. */
  readonly stats: PacketStats;
}

export interface MediaQuery {
  readonly index: number;
  readonly type: string;
  readonly protocol: string | undefined;
  readonly codec: string | undefined;
  readonly flags: readonly string[];
  readonly streams: readonly StreamQuery[];
}

export interface ParticipantQuery {
  readonly tag: string;
  readonly label: string | undefined;
  readonly medias: readonly MediaQuery[];
}

export interface CallQuery {
  readonly createdSec: number;
  readonly participants: ReadonlyMap<string, ParticipantQuery>;
  readonly totals: { readonly rtp: PacketStats; readonly rtcp: PacketStats };
}

type Dictionary = Readonly<Record<string, BencodeValue>>;

/** Reads a `query` reply; a reply without `tags` is an `NgBadResponse` error. */
export function parseQueryReply(reply: NgReply): CallQuery {
  const tags = dictionary(reply['tags']);
  if (tags === undefined) {
    throw new MediaError('NgBadResponse', 'rtpengine\'s reply to "query" has no "tags" dictionary');
  }
  const participants = new Map<string, ParticipantQuery>();
  for (const [tag, value] of Object.entries(tags)) {
    const participant = dictionary(value) ?? {};
    participants.set(tag, {
      tag,
      label: text(participant['label']),
      medias: list(participant['medias']).map(readMedia),
    });
  }
  const totals = dictionary(reply['totals']) ?? {};
  return {
    createdSec: integer(reply['created']),
    participants,
    totals: { rtp: readStats(totals['RTP']), rtcp: readStats(totals['RTCP']) },
  };
}

/** The RTP stream of a participant's first audio media, or undefined when it has none. */
export function audioRtpStream(query: CallQuery, tag: string): StreamQuery | undefined {
  const media = query.participants.get(tag)?.medias.find((m) => m.type === 'audio');
  return media?.streams.find((stream) => stream.flags.includes('RTP'));
}

function readMedia(value: BencodeValue): MediaQuery {
  const media = dictionary(value) ?? {};
  return {
    index: integer(media['index']),
    type: text(media['type']) ?? '',
    protocol: text(media['protocol']),
    codec: text(media['codec']),
    flags: list(media['flags']).flatMap((flag) => text(flag) ?? []),
    streams: list(media['streams']).map(readStream),
  };
}

function readStream(value: BencodeValue): StreamQuery {
  const stream = dictionary(value) ?? {};
  const endpoint = dictionary(stream['endpoint']);
  const address = text(endpoint?.['address']);
  const port = endpoint?.['port'];
  const localPort = stream['local port'];
  return {
    localPort: typeof localPort === 'number' ? localPort : undefined,
    endpoint: address !== undefined && typeof port === 'number' ? { address, port } : undefined,
    flags: list(stream['flags']).flatMap((flag) => text(flag) ?? []),
    stats: readStats(stream['stats']),
  };
}

function readStats(value: BencodeValue | undefined): PacketStats {
  const stats = dictionary(value) ?? {};
  return {
    packets: integer(stats['packets']),
    bytes: integer(stats['bytes']),
    errors: integer(stats['errors']),
  };
}

function dictionary(value: BencodeValue | undefined): Dictionary | undefined {
  if (typeof value !== 'object' || value instanceof Uint8Array || Array.isArray(value)) {
    return undefined;
  }
  return value as Dictionary;
}

function list(value: BencodeValue | undefined): readonly BencodeValue[] {
  return Array.isArray(value) ? (value as readonly BencodeValue[]) : [];
}

function text(value: BencodeValue | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function integer(value: BencodeValue | undefined): number {
  if (typeof value === 'number') return value;
  return typeof value === 'bigint' ? Number(value) : 0;
}
