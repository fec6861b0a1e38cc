// The wallboard's WebSocket: it asks for the feed (`watch`), hands every message to the data,
// and when the socket drops, reconnects and asks again: the server answers with a fresh
// snapshot, so nothing that changed meanwhile is missed.
import {
  CLOSE_UNAUTHORIZED,
  RECONNECT_DELAYS_MS,
  type SocketFactory,
  type SocketLike,
  type StreamStatus,
} from '../agent/agent-stream.ts';
import { asWallboardMessage, type WallboardData } from './wallboard-model.ts';

/** The name of the User Timing measure of each update (message in → page committed). */
export const UPDATE_MEASURE = 'wallboard-update';
/** The User Timing mark set when the first snapshot is on screen. */
export const FIRST_RENDER_MARK = 'wallboard-first-render';

export interface WallboardStreamOptions {
  url: string;
  data: WallboardData;
  onStatus: (status: StreamStatus) => void;
  onProblem?: (message: string) => void;
  socketFactory?: SocketFactory;
  schedule?: (work: () => void, ms: number) => () => void;
}

export class WallboardStream {
  private socket: SocketLike | undefined;
  private attempt = 0;
  private closed = false;
  private cancelRetry: (() => void) | undefined;
  /** When the message being applied arrived (performance.now()), until the page commits it. */
  pendingSince: number | undefined;

  constructor(private readonly options: WallboardStreamOptions) {}

  start(): void {
    this.options.onStatus('connecting');
    this.connect();
  }

  stop(): void {
    this.closed = true;
    this.cancelRetry?.();
    this.socket?.close(1000);
  }

  private connect(): void {
    const factory = this.options.socketFactory ?? ((url) => new WebSocket(url) as SocketLike);
    const socket = factory(this.options.url);
    this.socket = socket;
    socket.onopen = () => socket.send(JSON.stringify({ type: 'watch' }));
    socket.onmessage = (event) => this.receive(event.data);
    socket.onerror = () => undefined; // a close follows, which reconnects
    socket.onclose = (event) => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      if (this.closed) return;
      if (event.code === CLOSE_UNAUTHORIZED) {
        this.closed = true;
        this.options.onStatus('ended');
        return;
      }
      this.options.onStatus('reconnecting');
      const delay = RECONNECT_DELAYS_MS[Math.min(this.attempt, RECONNECT_DELAYS_MS.length - 1)];
      this.attempt++;
      const schedule =
        this.options.schedule ??
        ((work: () => void, ms: number) => {
          const timer = setTimeout(work, ms);
          return () => clearTimeout(timer);
        });
      this.cancelRetry = schedule(() => {
        this.cancelRetry = undefined;
        if (!this.closed) this.connect();
      }, delay ?? 1000);
    };
  }

  private receive(data: unknown): void {
    const arrived = performance.now();
    let parsed: unknown;
    try {
      parsed = JSON.parse(String(data));
    } catch {
      this.options.onProblem?.('the server sent something that is not JSON');
      return;
    }
    const message = asWallboardMessage(parsed);
    if (message !== undefined) {
      if (message.full) {
        this.attempt = 0;
        this.options.onStatus('live');
      }
      this.pendingSince ??= arrived;
      this.options.data.apply(message, Date.now());
      return;
    }
    const error = (parsed as { type?: string; error?: { code?: string; message?: string } }).error;
    if ((parsed as { type?: string }).type === 'error' && error !== undefined)
      this.options.onProblem?.(`${error.code ?? 'Error'}: ${error.message ?? ''}`);
  }

  /** Called once the page has committed what the data holds: measures the update. */
  committed(): void {
    const since = this.pendingSince;
    if (since === undefined) return;
    this.pendingSince = undefined;
    performance.measure(UPDATE_MEASURE, { start: since, end: performance.now() });
    // Keep the buffer small on a screen that runs for days.
    if (performance.getEntriesByName(UPDATE_MEASURE).length > 2000)
      performance.clearMeasures(UPDATE_MEASURE);
  }
}
