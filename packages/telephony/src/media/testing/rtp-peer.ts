// A plain UDP socket acting as an RTP phone in tests: it describes itself in SDP, sends real
// RTP (12-byte header, 160 bytes of PCMU = 20 ms) and counts what it receives, by SSRC and source.
import { createSocket, type Socket } from 'node:dgram';
import { keyPressPackets } from './telephone-event.ts';

export const PCMU_PAYLOAD_BYTES = 160;
const RTP_HEADER_BYTES = 12;

export interface ReceivedRtp {
  readonly ssrc: number;
  readonly payloadType: number;
  readonly from: string;
}

export class RtpPeer {
  readonly received: ReceivedRtp[] = [];
  private sequence = 0;

  private constructor(
    readonly name: string,
    private readonly socket: Socket,
    readonly port: number,
    readonly ssrc: number,
  ) {
    socket.on('message', (message, remote) => {
      if (message.length < RTP_HEADER_BYTES || message[0]! >> 6 !== 2) return; // not RTP v2
      this.received.push({
        ssrc: message.readUInt32BE(8),
        payloadType: message[1]! & 0x7f,
        from: `${remote.address}:${remote.port}`,
      });
    });
  }

  static async open(name: string, ssrc: number): Promise<RtpPeer> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, '127.0.0.1', () => resolve());
    });
    return new RtpPeer(name, socket, socket.address().port, ssrc);
  }

  /** An SDP offer or answer for this peer: PCMU and telephone-event, sendrecv. */
  sdp(options: { port?: number } = {}): string {
    return [
      'v=0',
      `o=${this.name} 1 1 IN IP4 127.0.0.1`,
      's=-',
      'c=IN IP4 127.0.0.1',
      't=0 0',
      `m=audio ${options.port ?? this.port} RTP/AVP 0 101`,
      'a=rtpmap:0 PCMU/8000',
      'a=rtpmap:101 telephone-event/8000',
      'a=fmtp:101 0-15',
      'a=ptime:20',
      'a=sendrecv',
      '',
    ].join('\r\n');
  }

  /** One RTP packet: version 2, payload type 0 (PCMU), 160 bytes of u-law silence. */
  packet(): Buffer {
    const packet = Buffer.alloc(RTP_HEADER_BYTES + PCMU_PAYLOAD_BYTES, 0xff);
    packet[0] = 0x80;
    packet[1] = 0;
    packet.writeUInt16BE(this.sequence & 0xffff, 2);
    packet.writeUInt32BE((this.sequence * PCMU_PAYLOAD_BYTES) >>> 0, 4);
    packet.writeUInt32BE(this.ssrc, 8);
    this.sequence += 1;
    return packet;
  }

  /** Sends `count` packets to `port` on loopback, one every 20 ms as a phone would. */
  async stream(port: number, count: number): Promise<void> {
    for (let sent = 0; sent < count; sent++) {
      this.socket.send(this.packet(), port, '127.0.0.1');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Presses a key: RFC 4733 events to `port` on loopback, 20 ms apart, then resumes audio. */
  async pressKey(port: number, digit: string): Promise<void> {
    await this.stream(port, 3); // audio first, as a phone sends it before a key press
    const packets = keyPressPackets({
      digit,
      ssrc: this.ssrc,
      sequence: this.sequence,
      timestamp: this.sequence * PCMU_PAYLOAD_BYTES,
    });
    this.sequence += packets.length;
    for (const packet of packets) {
      this.socket.send(packet, port, '127.0.0.1');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  countFrom(ssrc: number): number {
    return this.received.filter((packet) => packet.ssrc === ssrc).length;
  }

  countNotFrom(ssrc: number): number {
    return this.received.length - this.countFrom(ssrc);
  }

  sources(): string[] {
    return [...new Set(this.received.map((packet) => packet.from))];
  }

  clear(): void {
    this.received.length = 0;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}

/** Polls `condition` every 20 ms; throws `what` when it is still false after `limitMs`. */
export async function waitUntil(
  condition: () => boolean,
  what: string,
  limitMs = 10_000,
): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited >= limitMs) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Waits `ms` of wall time: lets in-flight packets land; no test asserts on it. */
export function settle(ms = 150): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
