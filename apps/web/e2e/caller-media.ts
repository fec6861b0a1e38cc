// The caller's audio in the desktop softphone test: a UDP socket at the port the sipp caller's
// SDP names. It answers rtpengine from where rtpengine sends (symmetric RTP), one PCMU packet
// every 20 ms, and counts the packets it receives, so that RTP is counted end to end.
import { createSocket, type Socket } from 'node:dgram';

const PACKET_BYTES = 12 + 160;

export class CallerMedia {
  /** RTP packets received (music on hold, then the agent's voice once bridged). */
  received = 0;
  private sequence = 0;
  private peer: { address: string; port: number } | undefined;
  private readonly timer: NodeJS.Timeout;

  private constructor(
    private readonly socket: Socket,
    readonly port: number,
  ) {
    socket.on('message', (message, remote) => {
      if (message.length < 12 || message[0]! >> 6 !== 2) return; // not RTP v2
      this.received += 1;
      this.peer = { address: remote.address, port: remote.port };
    });
    this.timer = setInterval(() => this.send(), 20);
  }

  static async open(): Promise<CallerMedia> {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    return new CallerMedia(socket, socket.address().port);
  }

  private send(): void {
    if (this.peer === undefined) return;
    const packet = Buffer.alloc(PACKET_BYTES, 0xff); // u-law silence
    packet[0] = 0x80;
    packet[1] = 0; // PCMU
    packet.writeUInt16BE(this.sequence & 0xffff, 2);
    packet.writeUInt32BE((this.sequence * 160) >>> 0, 4);
    packet.writeUInt32BE(0x5eed_ca11, 8);
    this.sequence += 1;
    this.socket.send(packet, this.peer.port, this.peer.address);
  }

  close(): Promise<void> {
    clearInterval(this.timer);
    return new Promise((resolve) => this.socket.close(() => resolve()));
  }
}
