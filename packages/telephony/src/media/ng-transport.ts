// The ng protocol on the wire: one UDP datagram per message, `<cookie> <bencoded dictionary>`.
// The reply carries the request's cookie; rtpengine answers a repeated cookie from its cache,
// so resending the same datagram after a timeout is safe (an offer is not applied twice).
import { randomBytes } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import {
  decodeBencode,
  encodeBencode,
  type BencodeDictionary,
  type BencodeValue,
} from './bencode.ts';
import { enlargeReceiveBuffer } from '../sip/transport/udp-transport.ts';
import { MediaError } from './errors.ts';

export type NgReply = Readonly<Record<string, BencodeValue>> & { readonly result: string };

export interface NgTransportOptions {
  readonly host: string;
  readonly port: number;
  /**
   * Wait this long for the first attempt before resending (default 1000 ms); each resend waits
   * twice as long as the one before, so a daemon that is slow rather than deaf is not sent
   * more and more duplicates of the work it is already behind on.
   */
  readonly timeoutMs?: number;
  /** Resend this many times after the first attempt before giving up (default 2). */
  readonly retries?: number;
  /**
   * At most this many requests wait for a reply at once (default 32); later ones queue here, in
   * order, and go out as replies come. A daemon that falls behind then gets no burst for its
   * socket to drop, and nothing is resent because it waited in our queue.
   */
  readonly maxInFlight?: number;
}

interface Pending {
  readonly command: string;
  readonly datagram: Buffer;
  readonly resolve: (reply: NgReply) => void;
  readonly reject: (error: MediaError) => void;
  attemptsLeft: number;
  waitMs: number;
  timer: NodeJS.Timeout | undefined;
}

const SPACE = 0x20;

/** What went over the wire since the transport opened (for benchmarks and metrics). */
export interface NgStats {
  /** Requests sent, one per call of `request`, by command. */
  readonly requests: Readonly<Record<string, number>>;
  /** Datagrams sent again after a timeout (each one more load on rtpengine). */
  readonly resends: number;
  /** Requests given up after the last attempt. */
  readonly timeouts: number;
  /** The most requests that waited in the queue at once (`maxInFlight` reached). */
  readonly queuePeak: number;
}

/** Sends ng requests over one UDP socket and matches replies to requests by cookie. */
export class NgTransport {
  private readonly pending = new Map<string, Pending>();
  private nextCookie = 1;
  private closed = false;
  private readonly requestCounts = new Map<string, number>();
  private resends = 0;
  private timeouts = 0;
  private queuePeak = 0;
  /** Requests not sent yet, `maxInFlight` being reached, oldest first. */
  private readonly queue: { cookie: string; pending: Pending; queuedAt: number }[] = [];
  // rtpengine answers a cookie it has seen with its cached reply, whoever sends it: cookies
  // must be unique across every client of the daemon, so each client draws a random prefix.
  private readonly cookiePrefix = randomBytes(6).toString('hex');

  private constructor(
    private readonly socket: Socket,
    private readonly options: Required<NgTransportOptions>,
  ) {
    socket.on('message', (message) => this.onMessage(message));
    socket.on('error', (error) => this.failAll(`socket error: ${error.message}`));
  }

  /** Opens a UDP socket for talking to the rtpengine at `host:port`. */
  static async open(options: NgTransportOptions): Promise<NgTransport> {
    const timeoutMs = options.timeoutMs ?? 1000;
    const retries = options.retries ?? 2;
    const maxInFlight = options.maxInFlight ?? 32;
    if (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535) {
      throw new MediaError(
        'MediaInvalidInput',
        `ng port ${options.port} is not a UDP port; give rtpengine's --listen-ng port (1-65535)`,
        { port: options.port },
      );
    }
    if (!(timeoutMs > 0) || !Number.isInteger(retries) || retries < 0) {
      throw new MediaError(
        'MediaInvalidInput',
        `ng timeoutMs must be > 0 and retries a whole number >= 0 (got ${timeoutMs}, ${retries})`,
        { timeoutMs, retries },
      );
    }
    if (!Number.isInteger(maxInFlight) || maxInFlight < 1) {
      throw new MediaError(
        'MediaInvalidInput',
        `ng maxInFlight must be a whole number >= 1 (got ${maxInFlight})`,
        { maxInFlight },
      );
    }
    const type = options.host.includes(':') ? 'udp6' : 'udp4';
    const socket = createSocket(type);
    await new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      socket.bind(0, () => {
        socket.off('error', reject);
        resolve();
      });
    });
    // Replies come in bursts under load: a dropped reply costs a resend and a second's wait.
    enlargeReceiveBuffer(socket);
    return new NgTransport(socket, { ...options, timeoutMs, retries, maxInFlight });
  }

  /** Sends `command` with `params`; resolves with the reply, rejects with a typed MediaError. */
  request(command: string, params: BencodeDictionary = {}): Promise<NgReply> {
    if (this.closed) {
      return Promise.reject(
        new MediaError('NgClosed', `ng "${command}" not sent: the client is closed`, { command }),
      );
    }
    this.requestCounts.set(command, (this.requestCounts.get(command) ?? 0) + 1);
    const cookie = `${this.cookiePrefix}_${this.nextCookie++}`;
    const body = encodeBencode({ ...params, command });
    const datagram = Buffer.concat([Buffer.from(`${cookie} `, 'latin1'), body]);
    return new Promise<NgReply>((resolve, reject) => {
      const pending: Pending = {
        command,
        datagram,
        resolve,
        reject,
        attemptsLeft: this.options.retries,
        waitMs: this.options.timeoutMs,
        timer: undefined,
      };
      if (this.pending.size < this.options.maxInFlight) this.start(cookie, pending);
      else {
        this.queue.push({ cookie, pending, queuedAt: Date.now() });
        this.queuePeak = Math.max(this.queuePeak, this.queue.length);
      }
    });
  }

  /**
   * A slot is free: sends the oldest queued request. One that already waited as long as a
   * request may take in all fails unsent: rtpengine is not keeping up (or is gone), and its
   * caller should not wait twice as long for that news.
   */
  private startQueued(): void {
    const { timeoutMs, retries, host, port } = this.options;
    const giveUpMs = ngGiveUpMs(timeoutMs, retries);
    for (let next = this.queue.shift(); next !== undefined; next = this.queue.shift()) {
      const waited = Date.now() - next.queuedAt;
      if (waited < giveUpMs) {
        this.start(next.cookie, next.pending);
        return;
      }
      this.timeouts += 1;
      next.pending.reject(
        new MediaError(
          'NgTimeout',
          `ng "${next.pending.command}" not sent: it waited ${waited} ms in the client's queue ` +
            `(${this.options.maxInFlight} requests already waiting for rtpengine at ${host}:${port}, which is not keeping up)`,
          { command: next.pending.command, host, port },
        ),
      );
    }
  }

  /** Sends a request and starts its clock: the timeout counts from here, not from the queue. */
  private start(cookie: string, pending: Pending): void {
    pending.timer = this.arm(cookie, pending.waitMs);
    this.pending.set(cookie, pending);
    this.send(cookie, pending);
  }

  /** Counts since the transport opened. */
  stats(): NgStats {
    return {
      requests: Object.fromEntries(this.requestCounts),
      resends: this.resends,
      timeouts: this.timeouts,
      queuePeak: this.queuePeak,
    };
  }

  private arm(cookie: string, waitMs: number): NodeJS.Timeout {
    return setTimeout(() => this.onTimeout(cookie), waitMs);
  }

  private send(cookie: string, pending: Pending): void {
    this.socket.send(pending.datagram, this.options.port, this.options.host, (error) => {
      if (error) this.settle(cookie, undefined, sendFailed(pending.command, error));
    });
  }

  private onTimeout(cookie: string): void {
    const pending = this.pending.get(cookie);
    if (pending === undefined) return;
    if (pending.attemptsLeft > 0) {
      pending.attemptsLeft -= 1;
      this.resends += 1;
      pending.waitMs *= 2;
      pending.timer = this.arm(cookie, pending.waitMs);
      this.send(cookie, pending);
      return;
    }
    const { host, port, timeoutMs, retries } = this.options;
    this.timeouts += 1;
    this.settle(
      cookie,
      undefined,
      new MediaError(
        'NgTimeout',
        `rtpengine at ${host}:${port} did not answer "${pending.command}" ` +
          `(${retries + 1} attempts over ${ngGiveUpMs(timeoutMs, retries)} ms); is it running with --listen-ng=${host}:${port}?`,
        { command: pending.command, host, port },
      ),
    );
  }

  private onMessage(message: Buffer): void {
    const space = message.indexOf(SPACE);
    // A datagram without a cookie we sent cannot be matched to anything: drop it.
    if (space <= 0) return;
    const cookie = message.subarray(0, space).toString('latin1');
    const pending = this.pending.get(cookie);
    if (pending === undefined) return; // a late duplicate of an answered request
    const parsed = parseReply(pending.command, message.subarray(space + 1));
    if (parsed instanceof MediaError) this.settle(cookie, undefined, parsed);
    else this.settle(cookie, parsed, undefined);
  }

  private settle(cookie: string, reply: NgReply | undefined, error: MediaError | undefined): void {
    const pending = this.pending.get(cookie);
    if (pending === undefined) return;
    clearTimeout(pending.timer);
    this.pending.delete(cookie);
    this.startQueued();
    if (error) pending.reject(error);
    else if (reply) pending.resolve(reply);
  }

  private failAll(reason: string): void {
    // Queued requests first, so that settling the in-flight ones sends none of them.
    for (const { pending } of this.queue.splice(0)) {
      pending.reject(
        new MediaError('NgClosed', `ng "${pending.command}" failed: ${reason}`, {
          command: pending.command,
        }),
      );
    }
    for (const [cookie, pending] of this.pending) {
      this.settle(
        cookie,
        undefined,
        new MediaError('NgClosed', `ng "${pending.command}" failed: ${reason}`, {
          command: pending.command,
        }),
      );
    }
  }

  /** Closes the socket; pending requests fail with `NgClosed`. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.failAll('the client was closed');
    await new Promise<void>((resolve) => this.socket.close(() => resolve()));
  }
}

/** How long a request waits in all before `NgTimeout`: each attempt waits twice the one before. */
export function ngGiveUpMs(timeoutMs: number, retries: number): number {
  return timeoutMs * (2 ** (retries + 1) - 1);
}

/** Reads one reply body; `result: error` becomes an `NgRejected` error with rtpengine's reason. */
export function parseReply(command: string, body: Uint8Array): NgReply | MediaError {
  let decoded: BencodeValue;
  try {
    decoded = decodeBencode(body);
  } catch (error) {
    return badResponse(command, error instanceof Error ? error.message : String(error));
  }
  if (typeof decoded !== 'object' || decoded instanceof Uint8Array || Array.isArray(decoded)) {
    return badResponse(command, 'the reply is not a dictionary');
  }
  const dictionary = decoded as Record<string, BencodeValue>;
  const result = dictionary['result'];
  if (typeof result !== 'string') return badResponse(command, 'the reply has no "result"');
  if (result === 'error') {
    const reason = dictionary['error-reason'];
    const text = typeof reason === 'string' ? reason : 'no error-reason given';
    return new MediaError('NgRejected', `rtpengine refused "${command}": ${text}`, {
      command,
      reason: text,
    });
  }
  return dictionary as NgReply;
}

function badResponse(command: string, reason: string): MediaError {
  return new MediaError(
    'NgBadResponse',
    `rtpengine's reply to "${command}" is unusable: ${reason}`,
    {
      command,
      reason,
    },
  );
}

function sendFailed(command: string, error: Error): MediaError {
  return new MediaError('NgClosed', `ng "${command}" could not be sent: ${error.message}`, {
    command,
  });
}
