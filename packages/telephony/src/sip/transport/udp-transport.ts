// SIP over UDP (RFC 3261 §18) on node:dgram.
import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import type { RemoteAddress, SipTransport, TransportEvents } from './types.ts';

/**
 * The socket's receive buffer asked of the kernel. Linux's default (about 208 KiB) holds
 * about 200 SIP messages: at 200 new calls a second a stall of the event loop of a few hundred
 * milliseconds overflows it and the kernel drops datagrams, which then cost retransmissions.
 * Linux caps it at net.core.rmem_max (README, "Call throughput").
 */
export const UDP_RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

/** Asks for a bigger receive buffer; a kernel that refuses leaves the default, which works. */
export function enlargeReceiveBuffer(socket: Socket): void {
  try {
    socket.setRecvBufferSize(UDP_RECEIVE_BUFFER_BYTES);
  } catch {
    // Not supported here: the default buffer only drops more under bursts.
  }
}

export class UdpTransport implements SipTransport {
  readonly protocol = 'udp';
  readonly reliable = false;
  private closed = false;

  private constructor(
    private readonly socket: Socket,
    private readonly events: TransportEvents,
    readonly address: string,
    readonly port: number,
  ) {}

  /** Binds to `host` (127.0.0.1 by default) and `port` (0 picks a free one). */
  static async bind(events: TransportEvents, host = '127.0.0.1', port = 0): Promise<UdpTransport> {
    const socket = createSocket(isIPv6(host) ? 'udp6' : 'udp4');
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(port, host, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    enlargeReceiveBuffer(socket);
    const transport = new UdpTransport(socket, events, host, socket.address().port);
    socket.on('message', (bytes, info) => {
      events.onMessage(bytes, { protocol: 'udp', address: info.address, port: info.port });
    });
    // A socket error (e.g. ICMP unreachable surfaced by the OS) must not end the process.
    socket.on('error', (error) =>
      events.onSendError?.(error, { protocol: 'udp', address: host, port: 0 }),
    );
    return transport;
  }

  send(bytes: Uint8Array, destination: RemoteAddress): void {
    if (this.closed) throw new Error(`UDP transport ${this.address}:${this.port} is closed`);
    this.socket.send(bytes, destination.port, destination.address, (error) => {
      if (error) this.events.onSendError?.(error, destination);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
  }
}
