// The transport port the endpoint uses: bytes in and out, per protocol.
import type { SipParseError } from '../message/errors.ts';

/** `ws` / `wss`: SIP over WebSocket (RFC 7118), plain or over TLS: the browser softphone's transport. */
export type TransportProtocol = 'udp' | 'tcp' | 'ws' | 'wss';

export interface RemoteAddress {
  readonly protocol: TransportProtocol;
  readonly address: string;
  readonly port: number;
}

export interface TransportEvents {
  /** One datagram, or one framed message of a stream. */
  onMessage(bytes: Uint8Array, source: RemoteAddress): void;
  /** A stream that cannot be framed: answer if possible; the transport closes the connection after. */
  onStreamError?(error: SipParseError, source: RemoteAddress): void;
  /** A send that failed after it was accepted (refused connection, reset). */
  onSendError?(error: Error, destination: RemoteAddress): void;
  /** A TCP or WebSocket connection closed: the flow to that peer is gone (RFC 5626 §5.3). */
  onFlowClosed?(flow: RemoteAddress): void;
}

export interface SipTransport {
  readonly protocol: TransportProtocol;
  /** TCP and WebSocket are reliable: the transaction layer does not retransmit over it (RFC 3261 §17). */
  readonly reliable: boolean;
  readonly address: string;
  readonly port: number;
  /** Sends bytes; throws when the transport is closed. */
  send(bytes: Uint8Array, destination: RemoteAddress): void;
  close(): Promise<void>;
}

export const addressKey = (address: string, port: number): string => `${address}:${port}`;
