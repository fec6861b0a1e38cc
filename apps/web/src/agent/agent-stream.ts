// The agent desktop's WebSocket to /api/v1/stream: it subscribes after the last event it has,
// sends the agent's actions on the same socket, and when the socket drops it reconnects and
// subscribes after the last event it saw, so the server replays what was missed (no gap, no
// duplicate). Actions in flight when it drops are failed as `lost`: their outcome arrives as
// events after the reconnection.
import {
  AGENT_EVENT_TYPES,
  AgentEvent,
  StreamActionResult,
  StreamCaughtUp,
  StreamError,
  StreamEvent,
  type AgentActionBodies,
  type AgentActionName,
  type StreamAction,
} from '@relais/protocol';

/** 'ended': the server refused the session (signed out or expired); no reconnection. */
export type StreamStatus = 'connecting' | 'live' | 'reconnecting' | 'ended';

/** The close code the server uses when the socket's credentials are refused. */
export const CLOSE_UNAUTHORIZED = 4401;

export class ActionRefused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ActionRefused';
  }
}

/** The socket closed before the action's result came back. */
export class ActionLost extends Error {
  constructor() {
    super('the connection dropped before the action was confirmed');
    this.name = 'ActionLost';
  }
}

export interface StreamHandlers {
  onEvent: (event: AgentEvent) => void;
  onStatus: (status: StreamStatus) => void;
  /** A message the server sent that is not for the desktop to act on (an error). */
  onProblem?: (message: string) => void;
}

/** What the stream needs of a WebSocket (the browser's, or a test's). */
export interface SocketLike {
  readyState: number;
  send(data: string): void;
  close(code?: number): void;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code?: number }) => void) | null;
  onerror: ((event: unknown) => void) | null;
}
export type SocketFactory = (url: string) => SocketLike;

const OPEN = 1;
/** Waits before each reconnection attempt, the last one repeated. */
export const RECONNECT_DELAYS_MS = [250, 1000, 2000, 5000];

export interface StreamOptions {
  url: string;
  agentId: string;
  afterSeq: number;
  handlers: StreamHandlers;
  socketFactory?: SocketFactory;
  /** Schedules a reconnection; tests drive it by hand. */
  schedule?: (work: () => void, ms: number) => () => void;
}

export class AgentStream {
  private socket: SocketLike | undefined;
  private lastSeq: number;
  private attempt = 0;
  private closed = false;
  private nextRef = 0;
  private cancelRetry: (() => void) | undefined;
  private readonly pending = new Map<
    string,
    { resolve: () => void; reject: (error: Error) => void }
  >();
  private readonly factory: SocketFactory;
  private readonly schedule: NonNullable<StreamOptions['schedule']>;

  constructor(private readonly options: StreamOptions) {
    this.lastSeq = options.afterSeq;
    this.factory = options.socketFactory ?? ((url) => new WebSocket(url) as SocketLike);
    this.schedule =
      options.schedule ??
      ((work, ms) => {
        const timer = setTimeout(work, ms);
        return () => clearTimeout(timer);
      });
  }

  /** The last event seq seen: what a reconnection subscribes after. */
  get seq(): number {
    return this.lastSeq;
  }

  start(): void {
    this.options.handlers.onStatus('connecting');
    this.connect();
  }

  stop(): void {
    this.closed = true;
    this.cancelRetry?.();
    this.socket?.close(1000);
    this.failPending();
  }

  /** Sends an action; resolves once the server made it durable, rejects with its error. */
  act<A extends AgentActionName>(action: A, body: AgentActionBodies[A]): Promise<void> {
    const socket = this.socket;
    if (socket === undefined || socket.readyState !== OPEN) return Promise.reject(new ActionLost());
    const ref = `a${++this.nextRef}`;
    const message: StreamAction = {
      type: 'action',
      ref,
      agentId: this.options.agentId,
      action,
      body,
    };
    return new Promise<void>((resolve, reject) => {
      this.pending.set(ref, { resolve, reject });
      socket.send(JSON.stringify(message));
    });
  }

  private connect(): void {
    const socket = this.factory(this.options.url);
    this.socket = socket;
    socket.onopen = () => {
      socket.send(JSON.stringify({ type: 'subscribe', afterSeq: this.lastSeq }));
    };
    socket.onmessage = (message) => this.receive(message.data);
    socket.onerror = () => undefined; // a close follows, which reconnects
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.failPending();
      if (this.closed) return;
      if (event.code === CLOSE_UNAUTHORIZED) {
        // Trying again with the same cookie would be refused again: the person must sign in.
        this.closed = true;
        this.options.handlers.onStatus('ended');
        return;
      }
      this.options.handlers.onStatus('reconnecting');
      const delay = RECONNECT_DELAYS_MS[Math.min(this.attempt, RECONNECT_DELAYS_MS.length - 1)];
      this.attempt++;
      this.cancelRetry = this.schedule(() => {
        this.cancelRetry = undefined;
        if (!this.closed) this.connect();
      }, delay ?? 1000);
    };
  }

  private receive(data: unknown): void {
    let message: { type?: unknown };
    try {
      message = JSON.parse(String(data)) as { type?: unknown };
    } catch {
      this.options.handlers.onProblem?.('the server sent something that is not JSON');
      return;
    }
    try {
      this.handle(message);
    } catch (error) {
      // A message that does not match the protocol: say so rather than act on a guess.
      this.options.handlers.onProblem?.(String(error));
    }
  }

  private handle(message: { type?: unknown }): void {
    switch (message.type) {
      case 'event': {
        const { event } = StreamEvent.parse(message);
        if (event.seq <= this.lastSeq) return;
        this.lastSeq = event.seq;
        if ((AGENT_EVENT_TYPES as readonly string[]).includes(event.type)) {
          this.options.handlers.onEvent(AgentEvent.parse(event));
        }
        return;
      }
      case 'caughtUp':
        StreamCaughtUp.parse(message);
        this.attempt = 0;
        this.options.handlers.onStatus('live');
        return;
      case 'actionResult': {
        const result = StreamActionResult.parse(message);
        const waiting = this.pending.get(result.ref);
        this.pending.delete(result.ref);
        if (result.ok) waiting?.resolve();
        else
          waiting?.reject(
            new ActionRefused(result.status, result.error.code, result.error.message),
          );
        return;
      }
      case 'error': {
        const { error } = StreamError.parse(message);
        this.options.handlers.onProblem?.(`${error.code}: ${error.message}`);
        return;
      }
      default:
        return;
    }
  }

  private failPending(): void {
    for (const waiting of this.pending.values()) waiting.reject(new ActionLost());
    this.pending.clear();
  }
}

/** The stream's address on the page's own server. */
export function streamUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api/v1/stream`;
}
