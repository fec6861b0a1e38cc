// The SIP endpoint: transports in, parser, transaction layer, request handlers; and requests out.
import { randomBytes } from 'node:crypto';
import { SipParseError } from '../message/errors.ts';
import { DEFAULT_PARSE_LIMITS, type ParseLimits } from '../message/limits.ts';
import { header, type SipRequest, type SipResponse } from '../message/message.ts';
import { parseMessage } from '../message/parse.ts';
import { buildResponse, type ResponseOptions } from '../message/response.ts';
import { serializeMessage } from '../message/serialize.ts';
import {
  DEFAULT_TRANSACTION_TIMERS,
  type TimerScheduler,
  type TransactionTimers,
} from '../transaction/timers.ts';
import { TransactionLayer, type ServerTransaction } from '../transaction/transaction-layer.ts';
import type { TransactionOutput } from '../transaction/types.ts';
import { realScheduler } from '../transport/real-scheduler.ts';
import { TcpTransport } from '../transport/tcp-transport.ts';
import type {
  RemoteAddress,
  SipTransport,
  TransportEvents,
  TransportProtocol,
} from '../transport/types.ts';
import { UdpTransport } from '../transport/udp-transport.ts';
import { WsTransport } from '../transport/ws-transport.ts';
import { responseDestination, stampVia } from '../transport/via-stamping.ts';
import { SipRequestFailed } from './errors.ts';
import { buildAckFor2xx, buildRequest, type OutgoingRequestSpec } from './outgoing-request.ts';

/** Methods of RFC 3261 and its extensions: known ones without a handler get 405, others 501. */
const KNOWN_METHODS = new Set([
  'INVITE',
  'ACK',
  'BYE',
  'CANCEL',
  'OPTIONS',
  'REGISTER',
  'PRACK',
  'SUBSCRIBE',
  'NOTIFY',
  'PUBLISH',
  'INFO',
  'REFER',
  'MESSAGE',
  'UPDATE',
]);

export interface IncomingRequest {
  readonly request: SipRequest;
  readonly source: RemoteAddress;
  /**
   * Answers through the server transaction; the endpoint's To tag is added to non-100 responses
   * unless `toTag` gives another (a dialog's own tag).
   */
  respond(status: number, options?: ResponseOptions): void;
  /** True once a CANCEL ended this INVITE (the endpoint has answered 487). */
  readonly cancelled: boolean;
  /** Calls `listener` when a CANCEL ends this INVITE (after the 487 is sent). */
  onCancel(listener: () => void): void;
}

export type RequestHandler = (incoming: IncomingRequest) => void | Promise<void>;

export interface EndpointEvent {
  readonly kind:
    'dropped' | 'answered-parse-error' | 'stray-response' | 'handler-error' | 'transport-error';
  readonly detail: string;
  readonly source?: RemoteAddress;
}

export interface SipEndpointOptions {
  readonly host?: string;
  /** Transports to open, each on a port (0: any free port). UDP on port 0 when absent. */
  readonly udpPort?: number | false;
  readonly tcpPort?: number | false;
  /** SIP over WebSocket (RFC 7118) for browsers; off when absent. */
  readonly wsPort?: number | false;
  /** Secure WebSocket (`wss://`) with this PEM certificate and key; off when absent. */
  readonly wssPort?: number | false;
  readonly wssTls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
  /** Origins allowed to open a WebSocket (browsers send `Origin`); any when absent. */
  readonly wsAllowedOrigins?: readonly string[];
  readonly scheduler?: TimerScheduler;
  readonly timers?: TransactionTimers;
  readonly limits?: ParseLimits;
  /** Source of branch, tag and Call-ID values; random hex by default. */
  readonly newId?: () => string;
  readonly userAgent?: string;
  readonly onEvent?: (event: EndpointEvent) => void;
}

export interface SendOptions {
  /** Every response, provisional and 2xx retransmissions included. */
  readonly onResponse?: (response: SipResponse) => void;
}

export class SipEndpoint {
  private readonly handlers = new Map<string, RequestHandler>();
  private readonly transports = new Map<TransportProtocol, SipTransport>();
  private readonly layer: TransactionLayer;
  private readonly limits: ParseLimits;
  private readonly newId: () => string;
  private readonly tag: string;
  private readonly cancelled = new WeakSet<ServerTransaction>();
  private readonly cancelListeners = new WeakMap<ServerTransaction, () => void>();
  private readonly flowListeners = new Set<(flow: RemoteAddress) => void>();
  private closed = false;
  readonly stats = { received: 0, dropped: 0, answeredParseErrors: 0 };

  private constructor(private readonly options: SipEndpointOptions) {
    this.layer = new TransactionLayer(
      options.scheduler ?? realScheduler,
      options.timers ?? DEFAULT_TRANSACTION_TIMERS,
    );
    this.limits = options.limits ?? DEFAULT_PARSE_LIMITS;
    this.newId = options.newId ?? (() => randomBytes(8).toString('hex'));
    this.tag = this.newId();
    this.handlers.set('OPTIONS', (incoming) =>
      incoming.respond(200, { headers: this.capabilityHeaders() }),
    );
  }

  /** Opens the transports and starts answering. */
  static async start(options: SipEndpointOptions = {}): Promise<SipEndpoint> {
    const endpoint = new SipEndpoint(options);
    const host = options.host ?? '127.0.0.1';
    const events = endpoint.transportEvents();
    if (options.udpPort !== false)
      endpoint.transports.set('udp', await UdpTransport.bind(events, host, options.udpPort ?? 0));
    if (options.tcpPort !== undefined && options.tcpPort !== false) {
      endpoint.transports.set(
        'tcp',
        await TcpTransport.listen(events, host, options.tcpPort, endpoint.limits),
      );
    }
    if (options.wsPort !== undefined && options.wsPort !== false) {
      endpoint.transports.set(
        'ws',
        await WsTransport.listen(events, {
          host,
          port: options.wsPort,
          limits: endpoint.limits,
          ...(options.wsAllowedOrigins === undefined
            ? {}
            : { allowedOrigins: options.wsAllowedOrigins }),
        }),
      );
    }
    if (options.wssPort !== undefined && options.wssPort !== false) {
      if (options.wssTls === undefined)
        throw new Error(
          'wssPort needs wssTls: the PEM certificate and key of the secure WebSocket',
        );
      endpoint.transports.set(
        'wss',
        await WsTransport.listen(events, {
          host,
          port: options.wssPort,
          limits: endpoint.limits,
          tls: options.wssTls,
          ...(options.wsAllowedOrigins === undefined
            ? {}
            : { allowedOrigins: options.wsAllowedOrigins }),
        }),
      );
    }
    return endpoint;
  }

  /** Calls `listener` when a TCP or WebSocket connection closes (a registrar drops its bindings); returns the unsubscribe. */
  onFlowClosed(listener: (flow: RemoteAddress) => void): () => void {
    this.flowListeners.add(listener);
    return () => this.flowListeners.delete(listener);
  }

  /** The local address and port of a transport. */
  local(protocol: TransportProtocol): { address: string; port: number } {
    const transport = this.transport(protocol);
    return { address: transport.address, port: transport.port };
  }

  /** Handles requests of a method (replaces the built-in OPTIONS answer when given OPTIONS). */
  handle(method: string, handler: RequestHandler): void {
    this.handlers.set(method.toUpperCase(), handler);
  }

  /** A request with Via, From tag, Call-ID, CSeq and Max-Forwards filled in, for `send`. */
  createRequest(spec: OutgoingRequestSpec, protocol: TransportProtocol = 'udp'): SipRequest {
    return buildRequest(spec, { protocol, ...this.local(protocol) }, this.newId);
  }

  /** Sends a request through a client transaction; resolves with the final response. */
  send(
    request: SipRequest,
    destination: RemoteAddress,
    options: SendOptions = {},
  ): Promise<SipResponse> {
    const transport = this.transport(destination.protocol);
    return new Promise((resolve, reject) => {
      let settled = false;
      this.layer.sendRequest(request, this.outputTo(transport, destination), {
        onResponse: (response) => {
          options.onResponse?.(response);
          if (response.status >= 200 && !settled) {
            settled = true;
            resolve(response);
          }
        },
        onTimeout: () =>
          reject(
            new SipRequestFailed(
              'timeout',
              `${request.method} to ${destination.address}:${destination.port} got no final response`,
            ),
          ),
        onTransportError: (error) =>
          reject(new SipRequestFailed('transport-error', `${request.method}: ${error.message}`)),
      });
    });
  }

  /** Sends the ACK of a 2xx to an INVITE (outside any transaction, RFC 3261 §17.1.1.3). */
  ack(invite: SipRequest, response: SipResponse, destination: RemoteAddress): SipRequest {
    const transport = this.transport(destination.protocol);
    const ack = buildAckFor2xx(
      invite,
      response,
      { protocol: destination.protocol, address: transport.address, port: transport.port },
      this.newId,
    );
    transport.send(serializeMessage(ack), destination);
    return ack;
  }

  /** Sends a message outside any transaction (an ACK of a 2xx built by a dialog). */
  sendStateless(message: SipRequest | SipResponse, destination: RemoteAddress): void {
    this.transport(destination.protocol).send(serializeMessage(message), destination);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.layer.shutdown();
    await Promise.all([...this.transports.values()].map((t) => t.close()));
  }

  private transport(protocol: TransportProtocol): SipTransport {
    const transport = this.transports.get(protocol);
    if (transport === undefined)
      throw new Error(
        `the endpoint has no ${protocol.toUpperCase()} transport (start it with ${protocol}Port)`,
      );
    return transport;
  }

  private outputTo(transport: SipTransport, destination: RemoteAddress): TransactionOutput {
    return {
      reliable: transport.reliable,
      send: (message) => transport.send(serializeMessage(message), destination),
    };
  }

  private transportEvents(): TransportEvents {
    return {
      onMessage: (bytes, source) => {
        try {
          this.receive(bytes, source);
        } catch (error) {
          // Nothing a peer sends may stop the endpoint: report the fault and drop the message.
          this.stats.dropped++;
          this.emit(
            'handler-error',
            error instanceof Error ? error.message : String(error),
            source,
          );
        }
      },
      onStreamError: (error, source) => this.answerParseError(error, source),
      onSendError: (error, destination) => this.emit('transport-error', error.message, destination),
      onFlowClosed: (flow) => {
        for (const listener of this.flowListeners) listener(flow);
      },
    };
  }

  private receive(bytes: Uint8Array, source: RemoteAddress): void {
    this.stats.received++;
    let message;
    try {
      message = parseMessage(bytes, { limits: this.limits, stream: source.protocol === 'tcp' });
    } catch (error) {
      if (!(error instanceof SipParseError)) throw error;
      this.answerParseError(error, source);
      return;
    }
    if (message.kind === 'response') {
      if (!this.layer.receiveResponse(message))
        this.emit('stray-response', `${message.status} matched no transaction`, source);
      return;
    }
    this.receiveRequest(stampVia(message, source), source);
  }

  private receiveRequest(request: SipRequest, source: RemoteAddress): void {
    const transport = this.transport(source.protocol);
    const output: TransactionOutput = {
      reliable: transport.reliable,
      send: (response) =>
        transport.send(
          serializeMessage(response),
          response.kind === 'response' ? responseDestination(response, source) : source,
        ),
    };
    const incoming = this.layer.receiveRequest(request, output, {
      onTransportError: (error) => this.emit('transport-error', error.message, source),
    });
    if (incoming.kind === 'retransmission' || incoming.kind === 'unmatchable') return;
    if (incoming.kind === 'ack') {
      void this.dispatch(this.handlers.get('ACK'), request, source, undefined);
      return;
    }
    if (request.method === 'CANCEL') {
      this.cancel(request, incoming.transaction);
      return;
    }
    const handler = this.handlers.get(request.method);
    if (handler === undefined) {
      const status = KNOWN_METHODS.has(request.method) ? 405 : 501;
      incoming.transaction.respond(
        buildResponse(request, status, {
          toTag: this.tag,
          headers: status === 405 ? this.capabilityHeaders() : [],
        }),
      );
      return;
    }
    void this.dispatch(handler, request, source, incoming.transaction);
  }

  /** CANCEL (RFC 3261 §9.2): 200 to the CANCEL, 487 to the INVITE still pending, 481 when none. */
  private cancel(cancel: SipRequest, transaction: ServerTransaction): void {
    const invite = this.layer.inviteForCancel(cancel);
    if (invite === undefined) {
      transaction.respond(buildResponse(cancel, 481, { toTag: this.tag }));
      return;
    }
    transaction.respond(buildResponse(cancel, 200, { toTag: this.tag }));
    if (invite.state === 'proceeding') {
      this.cancelled.add(invite);
      invite.respond(buildResponse(invite.request, 487, { toTag: this.tag }));
      this.cancelListeners.get(invite)?.();
    }
  }

  private async dispatch(
    handler: RequestHandler | undefined,
    request: SipRequest,
    source: RemoteAddress,
    transaction: ServerTransaction | undefined,
  ): Promise<void> {
    if (handler === undefined) return;
    const cancelled = this.cancelled;
    const listeners = this.cancelListeners;
    const tag = this.tag;
    const incoming: IncomingRequest = {
      request,
      source,
      respond: (status, options = {}) =>
        transaction?.respond(buildResponse(request, status, { toTag: tag, ...options })),
      get cancelled() {
        return transaction !== undefined && cancelled.has(transaction);
      },
      onCancel: (listener) => {
        if (transaction !== undefined) listeners.set(transaction, listener);
      },
    };
    try {
      await handler(incoming);
    } catch (error) {
      this.emit(
        'handler-error',
        `${request.method} handler failed: ${error instanceof Error ? error.message : String(error)}`,
        source,
      );
      transaction?.respond(buildResponse(request, 500, { toTag: tag }));
    }
  }

  private answerParseError(error: SipParseError, source: RemoteAddress): void {
    if (error.status === 'drop' || error.context === undefined) {
      this.stats.dropped++;
      this.emit('dropped', `${error.code}: ${error.message}`, source);
      return;
    }
    // A stateless answer (RFC 3261 §8.2.6), sent back where the bytes came from.
    this.stats.answeredParseErrors++;
    const response = buildResponse(error.context, error.status, {
      toTag: this.tag,
      headers: [
        header('Warning', `399 relais "${error.message.replaceAll('"', "'").slice(0, 120)}"`),
      ],
    });
    this.emit('answered-parse-error', `${error.status} ${error.code}: ${error.message}`, source);
    try {
      this.transport(source.protocol).send(serializeMessage(response), source);
    } catch (sendError) {
      this.emit(
        'transport-error',
        sendError instanceof Error ? sendError.message : String(sendError),
        source,
      );
    }
  }

  private capabilityHeaders() {
    const allow = [
      'OPTIONS',
      'ACK',
      'CANCEL',
      ...[...this.handlers.keys()].filter((m) => m !== 'OPTIONS' && m !== 'ACK' && m !== 'CANCEL'),
    ];
    const headers = [header('Allow', allow.join(', ')), header('Accept', 'application/sdp')];
    if (this.options.userAgent !== undefined)
      headers.push(header('Server', this.options.userAgent));
    return headers;
  }

  private emit(kind: EndpointEvent['kind'], detail: string, source?: RemoteAddress): void {
    this.options.onEvent?.(source === undefined ? { kind, detail } : { kind, detail, source });
  }
}
