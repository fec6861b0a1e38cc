// SIP over WebSocket (RFC 7118) on the `ws` package: the browser softphone's transport. Each
// WebSocket message carries one whole SIP message; the connection a browser opened is the only
// way back to it (it accepts none), so it is kept as the flow to that phone (RFC 5626 style).
import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { DEFAULT_PARSE_LIMITS, type ParseLimits } from '../message/limits.ts';
import {
  addressKey,
  type RemoteAddress,
  type SipTransport,
  type TransportEvents,
} from './types.ts';

/** The WebSocket subprotocol of SIP (RFC 7118 §4.1). */
export const SIP_SUBPROTOCOL = 'sip';

export interface WsTransportOptions {
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly limits?: ParseLimits;
  /** Origins allowed to open a connection (the `Origin` header of browsers); any when absent. */
  readonly allowedOrigins?: readonly string[];
  /** PEM certificate chain and key: secure WebSocket (`wss://`, Via `WSS`), as browsers need off localhost. */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
}

export class WsTransport implements SipTransport {
  readonly reliable = true;
  private readonly connections = new Map<string, WebSocket>();
  private closed = false;

  private constructor(
    private readonly server: WebSocketServer,
    private readonly https: HttpsServer | undefined,
    private readonly events: TransportEvents,
    readonly protocol: 'ws' | 'wss',
    readonly address: string,
    readonly port: number,
  ) {}

  static async listen(
    events: TransportEvents,
    options: WsTransportOptions = {},
  ): Promise<WsTransport> {
    const host = options.host ?? '127.0.0.1';
    const limits = options.limits ?? DEFAULT_PARSE_LIMITS;
    const origins = options.allowedOrigins;
    const https =
      options.tls === undefined
        ? undefined
        : createHttpsServer({ cert: options.tls.cert, key: options.tls.key });
    const protocol = https === undefined ? 'ws' : 'wss';
    const server = new WebSocketServer({
      ...(https === undefined ? { host, port: options.port ?? 0 } : { server: https }),
      // Twice the SIP limit: a message a little too large still reaches the parser and gets its
      // 513; a frame past this closes the connection (1009) before it is buffered whole.
      maxPayload: limits.maxMessageBytes * 2,
      // RFC 7118 §4.1: a client that does not offer `sip` is not a SIP client; refuse the upgrade.
      verifyClient: (info: { origin: string; req: IncomingMessage }) =>
        offersSip(info.req) && (origins === undefined || origins.includes(info.origin)),
      handleProtocols: (protocols) => (protocols.has(SIP_SUBPROTOCOL) ? SIP_SUBPROTOCOL : false),
    });
    const listening = https ?? server;
    await new Promise<void>((resolve, reject) => {
      listening.once('error', reject);
      listening.once('listening', () => {
        listening.off('error', reject);
        resolve();
      });
      https?.listen(options.port ?? 0, host);
    });
    const bound = (https ?? server).address();
    const port = typeof bound === 'object' && bound !== null ? bound.port : (options.port ?? 0);
    const transport = new WsTransport(server, https, events, protocol, host, port);
    server.on('connection', (socket, request) => transport.adopt(socket, request));
    // A listening-socket error after start must not end the process.
    const report = (error: Error) => events.onSendError?.(error, { protocol, address: host, port });
    server.on('error', report);
    https?.on('error', report);
    // A TLS handshake that fails is the client's problem, not the endpoint's.
    https?.on('tlsClientError', report);
    return transport;
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** Sends on the connection the peer opened; there is no other way to reach a browser. */
  send(bytes: Uint8Array, destination: RemoteAddress): void {
    if (this.closed) throw new Error(`WebSocket transport ${this.address}:${this.port} is closed`);
    const key = addressKey(destination.address, destination.port);
    const socket = this.connections.get(key);
    if (socket === undefined || socket.readyState !== socket.OPEN) {
      throw new Error(
        `no open WebSocket connection from ${key}: a WebSocket phone is reached only on the connection it registered on`,
      );
    }
    // Text frames for SIP as it normally is (UTF-8); a body that is not UTF-8 needs a binary frame (RFC 7118 §5.1).
    socket.send(bytes, { binary: !isUtf8(bytes) }, (error) => {
      if (error) this.events.onSendError?.(error, destination);
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const socket of this.connections.values()) socket.terminate();
    this.connections.clear();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    if (this.https !== undefined) {
      this.https.closeAllConnections();
      await new Promise<void>((resolve) => this.https!.close(() => resolve()));
    }
  }

  private adopt(socket: WebSocket, request: IncomingMessage): void {
    const remote: RemoteAddress = {
      protocol: this.protocol,
      address: normaliseAddress(request.socket.remoteAddress ?? ''),
      port: request.socket.remotePort ?? 0,
    };
    const key = addressKey(remote.address, remote.port);
    this.connections.set(key, socket);
    socket.on('message', (data: RawData) => {
      const frame = toBytes(data);
      // Keepalives (RFC 5626 §3.5.1 CRLFs) and empty frames carry no message.
      if (isBlank(frame)) return;
      this.events.onMessage(frame, remote);
    });
    // Protocol errors (bad frames, oversized payloads): ws closes the connection itself.
    socket.on('error', (error) => this.events.onSendError?.(error, remote));
    socket.on('close', () => {
      if (this.connections.get(key) !== socket) return;
      this.connections.delete(key);
      if (!this.closed) this.events.onFlowClosed?.(remote);
    });
  }
}

function offersSip(request: IncomingMessage): boolean {
  const header = request.headers['sec-websocket-protocol'];
  if (header === undefined) return false;
  return header.split(',').some((p) => p.trim().toLowerCase() === SIP_SUBPROTOCOL);
}

/** `::ffff:127.0.0.1` (an IPv4 peer on a dual-stack socket) as the plain IPv4 address. */
function normaliseAddress(address: string): string {
  return address.startsWith('::ffff:') ? address.slice(7) : address;
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);
  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}

function isBlank(frame: Uint8Array): boolean {
  for (const byte of frame)
    if (byte !== 13 && byte !== 10 && byte !== 32 && byte !== 9) return false;
  return true;
}
