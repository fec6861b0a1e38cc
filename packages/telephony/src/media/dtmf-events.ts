// RFC 4733 digits as rtpengine reports them: with `dtmf-log-dest = HOST:PORT` it sends one JSON
// datagram per digit it sees in a participant's RTP (telephone-event), once the digit ends, e.g.
// {"callid":"c1","source_tag":"caller","type":"DTMF","event":5,"duration":140,"volume":10,…}
// (MEDIA.md, "DTMF from RTP"). This file reads those datagrams; nothing here decodes RTP.
import { createSocket, type Socket } from 'node:dgram';

/** A digit one participant of an rtpengine call sent. */
export interface MediaDtmf {
  /** rtpengine's call id: the B2BUA's call id. */
  readonly callId: string;
  /** The participant who sent it (`caller` or `agent`). */
  readonly fromTag: string;
  /** 0-9, *, #, A-D. */
  readonly digit: string;
  readonly durationMs: number;
}

// RFC 4733 §3.2: events 0-9 are the digits, 10 is *, 11 is #, 12-15 are A-D.
const EVENT_DIGITS = '0123456789*#ABCD';

/** Reads one datagram of rtpengine's DTMF log; undefined when it is not a DTMF digit report. */
export function parseDtmfLog(bytes: Uint8Array): MediaDtmf | undefined {
  let report: unknown;
  try {
    report = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return undefined;
  }
  if (typeof report !== 'object' || report === null || Array.isArray(report)) return undefined;
  const fields = report as Record<string, unknown>;
  const { callid, source_tag: fromTag, event, duration } = fields;
  if (fields['type'] !== undefined && fields['type'] !== 'DTMF') return undefined;
  if (typeof callid !== 'string' || callid.length === 0) return undefined;
  if (typeof fromTag !== 'string') return undefined;
  if (typeof event !== 'number' || !Number.isInteger(event) || event < 0 || event > 15)
    return undefined;
  return {
    callId: callid,
    fromTag,
    digit: EVENT_DIGITS[event] as string,
    durationMs: typeof duration === 'number' && duration >= 0 ? duration : 0,
  };
}

export interface DtmfListenerOptions {
  /** Where to listen; rtpengine's `dtmf-log-dest` must name this address and port. */
  readonly address: string;
  /** 0: any free port (read it from `port`). */
  readonly port?: number;
  readonly onDigit: (dtmf: MediaDtmf) => void;
  /** Datagrams that are not digit reports (counted, never thrown). */
  readonly onIgnored?: (bytes: Uint8Array) => void;
}

/** A UDP socket receiving rtpengine's DTMF log. */
export class DtmfListener {
  private constructor(
    private readonly socket: Socket,
    readonly address: string,
    readonly port: number,
  ) {}

  static async open(options: DtmfListenerOptions): Promise<DtmfListener> {
    const socket = createSocket(options.address.includes(':') ? 'udp6' : 'udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(options.port ?? 0, options.address, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    socket.on('message', (message) => {
      const dtmf = parseDtmfLog(message);
      if (dtmf === undefined) options.onIgnored?.(message);
      else options.onDigit(dtmf);
    });
    // A lone bad datagram must not end the process; the socket stays open.
    socket.on('error', () => undefined);
    return new DtmfListener(socket, options.address, socket.address().port);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}
