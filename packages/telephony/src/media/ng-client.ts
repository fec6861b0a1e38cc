// A typed client for rtpengine's ng control protocol (the commands Relais uses). Option names
// are camelCase here and written with rtpengine's spelling on the wire (`call-id`, `ICE`…).
import type { BencodeDictionary, BencodeValue } from './bencode.ts';
import { MediaError } from './errors.ts';
import { parseQueryReply, type CallQuery } from './ng-query.ts';
import {
  NgTransport,
  type NgReply,
  type NgStats,
  type NgTransportOptions,
} from './ng-transport.ts';

/** Selects a call, and within it a participant by SIP tag or label (rtpengine's `from-tag`…). */
export interface CallSelector {
  readonly callId: string;
  readonly fromTag?: string;
  readonly toTag?: string;
  readonly label?: string;
  /** Applies to every participant (`all` flag), e.g. to play media to both sides. */
  readonly all?: boolean;
  /** Extra keys passed as they are, for ng options this client does not name. */
  readonly extra?: BencodeDictionary;
}

export type RtcpMuxOption = 'offer' | 'require' | 'demux' | 'accept' | 'reject';

/** What `offer` and `answer` take besides the SDP; see MEDIA.md for the flags Relais uses. */
export interface SdpRequest extends CallSelector {
  readonly fromTag: string;
  readonly sdp: string;
  readonly flags?: readonly string[];
  readonly replace?: readonly string[];
  readonly ice?: 'remove' | 'force' | 'default' | 'force-relay' | 'optional';
  readonly dtls?: 'off' | 'passive' | 'active';
  readonly sdes?: readonly string[];
  readonly transportProtocol?: string;
  readonly rtcpMux?: readonly RtcpMuxOption[];
  readonly codec?: {
    readonly strip?: readonly string[];
    readonly except?: readonly string[];
    readonly offer?: readonly string[];
    readonly mask?: readonly string[];
    readonly transcode?: readonly string[];
  };
}

export interface AnswerRequest extends SdpRequest {
  readonly toTag: string;
}

export interface SdpReply {
  readonly sdp: string;
  readonly warning?: string;
}

/** Exactly one media source: a file on rtpengine's host, or the file's bytes (short files only). */
export type PlayMediaRequest = CallSelector & {
  readonly repeatTimes?: number;
} & ({ readonly file: string } | { readonly blob: Uint8Array });

/** The ng commands as methods; each rejects with a typed `MediaError`. */
export class NgClient {
  private constructor(private readonly transport: NgTransport) {}

  /** Opens a client for the rtpengine listening (`--listen-ng`) at `host:port`. */
  static async open(options: NgTransportOptions): Promise<NgClient> {
    return new NgClient(await NgTransport.open(options));
  }

  /** Sends any ng command as it is; the typed methods below are built on it. */
  request(command: string, params: BencodeDictionary = {}): Promise<NgReply> {
    return this.transport.request(command, params);
  }

  /** Requests by command, resends and timeouts since the client opened. */
  stats(): NgStats {
    return this.transport.stats();
  }

  async ping(): Promise<void> {
    const reply = await this.request('ping');
    if (reply.result !== 'pong') throw unexpected('ping', `result "${reply.result}"`);
  }

  async offer(request: SdpRequest): Promise<SdpReply> {
    return sdpReply('offer', await this.request('offer', sdpParams(request)));
  }

  async answer(request: AnswerRequest): Promise<SdpReply> {
    return sdpReply('answer', await this.request('answer', sdpParams(request)));
  }

  /** Ends a call (or one tag of it); unknown calls give a warning, not an error, unless `fatal`. */
  async delete(
    selector: CallSelector & { readonly fatal?: boolean },
  ): Promise<{ warning?: string }> {
    const params = selectorParams(selector);
    const reply = await this.request('delete', {
      ...params,
      flags: selector.fatal ? ['fatal'] : undefined,
    });
    return typeof reply['warning'] === 'string' ? { warning: reply['warning'] } : {};
  }

  async query(selector: CallSelector): Promise<CallQuery> {
    return parseQueryReply(await this.request('query', selectorParams(selector)));
  }

  /** The ids of the calls rtpengine holds (at most `limit`, rtpengine's default 32). */
  async list(limit?: number): Promise<string[]> {
    const reply = await this.request('list', { limit });
    const calls = reply['calls'];
    if (!Array.isArray(calls)) throw unexpected('list', 'no "calls" list');
    return calls.flatMap((call: BencodeValue) => (typeof call === 'string' ? [call] : []));
  }

  /** Starts playback to the selected participant; resolves with the duration when known. */
  async playMedia(request: PlayMediaRequest): Promise<{ durationMs?: number }> {
    const source = 'file' in request ? { file: request.file } : { blob: request.blob };
    const reply = await this.request('play media', {
      ...selectorParams(request),
      ...source,
      'repeat-times': request.repeatTimes,
    });
    const duration = reply['duration'];
    return typeof duration === 'number' ? { durationMs: duration } : {};
  }

  async stopMedia(selector: CallSelector): Promise<void> {
    await this.request('stop media', selectorParams(selector));
  }

  /** Drops media sent by the selected participant (DTMF still passes). */
  async blockMedia(selector: CallSelector): Promise<void> {
    await this.request('block media', selectorParams(selector));
  }

  async unblockMedia(selector: CallSelector): Promise<void> {
    await this.request('unblock media', selectorParams(selector));
  }

  /** Creates a participant receiving a copy of `fromTags`' media; returns its sendonly offer. */
  async subscribeRequest(
    request: CallSelector & { readonly fromTags?: readonly string[] },
  ): Promise<SdpReply & { toTag: string }> {
    const reply = await this.request('subscribe request', {
      ...selectorParams(request),
      'from-tags': request.fromTags,
    });
    const toTag = reply['to-tag'];
    if (typeof toTag !== 'string') throw unexpected('subscribe request', 'no "to-tag"');
    return { ...sdpReply('subscribe request', reply), toTag };
  }

  async subscribeAnswer(request: {
    readonly callId: string;
    readonly toTag: string;
    readonly sdp: string;
  }): Promise<void> {
    await this.request('subscribe answer', {
      'call-id': request.callId,
      'to-tag': request.toTag,
      sdp: request.sdp,
    });
  }

  async unsubscribe(request: { readonly callId: string; readonly toTag: string }): Promise<void> {
    await this.request('unsubscribe', { 'call-id': request.callId, 'to-tag': request.toTag });
  }

  close(): Promise<void> {
    return this.transport.close();
  }
}

function selectorParams(selector: CallSelector): BencodeDictionary {
  if (selector.callId.length === 0) {
    throw new MediaError(
      'MediaInvalidInput',
      'ng request without a call id: give a non-empty callId',
    );
  }
  return {
    ...selector.extra,
    'call-id': selector.callId,
    'from-tag': selector.fromTag,
    'to-tag': selector.toTag,
    label: selector.label,
    all: selector.all ? 'all' : undefined,
  };
}

function sdpParams(request: SdpRequest): BencodeDictionary {
  if (!/^m=/m.test(request.sdp)) {
    throw new MediaError(
      'MediaInvalidInput',
      `SDP for call ${request.callId} has no m= line: rtpengine needs a media description to anchor`,
      { callId: request.callId },
    );
  }
  return {
    ...selectorParams(request),
    sdp: request.sdp,
    flags: request.flags,
    replace: request.replace,
    ICE: request.ice,
    DTLS: request.dtls,
    SDES: request.sdes,
    'transport-protocol': request.transportProtocol,
    'rtcp-mux': request.rtcpMux,
    codec: request.codec,
  };
}

function sdpReply(command: string, reply: NgReply): SdpReply {
  const sdp = reply['sdp'];
  if (typeof sdp !== 'string') throw unexpected(command, 'no "sdp" in the reply');
  const warning = reply['warning'];
  return typeof warning === 'string' ? { sdp, warning } : { sdp };
}

function unexpected(command: string, what: string): MediaError {
  return new MediaError('NgBadResponse', `rtpengine's reply to "${command}" is unusable: ${what}`, {
    command,
  });
}
