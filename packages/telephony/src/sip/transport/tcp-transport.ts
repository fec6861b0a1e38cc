// SIP over TCP (RFC 3261 §18) on node:net: one framer per connection, connections reused both ways.
import { connect, createServer, type Server, type Socket } from 'node:net';
import { SipParseError } from '../message/errors.ts';
import type { ParseLimits } from '../message/limits.ts';
import { SipStreamFramer } from '../message/stream-framer.ts';
import {
  addressKey,
  type RemoteAddress,
  type SipTransport,
  type TransportEvents,
} from './types.ts';

export class TcpTransport implements SipTransport {
  readonly protocol = 'tcp';
  readonly reliable = true;
  /** Open connections by remote address:port, accepted or dialled: a response goes back on its request's connection. */
  private readonly connections = new Map<string, Socket>();
  private closed = false;

  private constructor(
    private readonly server: Server,
    private readonly events: TransportEvents,
    private readonly limits: ParseLimits | undefined,
    readonly address: string,
    readonly port: number,
  ) {}

  static async listen(
    events: TransportEvents,
    host = '127.0.0.1',
    port = 0,
    limits?: ParseLimits,
  ): Promise<TcpTransport> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const bound = server.address();
    const actualPort = typeof bound === 'object' && bound !== null ? bound.port : port;
    const transport = new TcpTransport(server, events, limits, host, actualPort);
    server.on('connection', (socket) => transport.adopt(socket));
    return transport;
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  send(bytes: Uint8Array, destination: RemoteAddress): void {
    if (this.closed) throw new Error(`TCP transport ${this.address}:${this.port} is closed`);
    const key = addressKey(destination.address, destination.port);
    let socket = this.connections.get(key);
    if (socket === undefined || socket.destroyed) {
      // Node buffers what is written before the connection is up.
      socket = connect({ host: destination.address, port: destination.port });
      this.adopt(socket, destination);
    }
    socket.write(bytes);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const socket of this.connections.values()) socket.destroy();
    this.connections.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private adopt(socket: Socket, dialled?: RemoteAddress): void {
    const remote: RemoteAddress = dialled ?? {
      protocol: 'tcp',
      address: socket.remoteAddress ?? '',
      port: socket.remotePort ?? 0,
    };
    const key = addressKey(remote.address, remote.port);
    this.connections.set(key, socket);
    const framer = new SipStreamFramer(this.limits);
    socket.on('data', (chunk: Buffer) => {
      let frames: Uint8Array[];
      try {
        frames = framer.push(chunk);
      } catch (error) {
        if (!(error instanceof SipParseError)) throw error;
        this.events.onStreamError?.(error, remote);
        socket.end();
        return;
      }
      for (const frame of frames) this.events.onMessage(frame, remote);
    });
    socket.on('error', (error) => this.events.onSendError?.(error, remote));
    socket.on('close', () => {
      if (this.connections.get(key) !== socket) return;
      this.connections.delete(key);
      if (!this.closed) this.events.onFlowClosed?.(remote);
    });
  }
}
