// A stand-in for the browser's WebSocket in component tests: it records what the app sends and
// lets the test play the server's part (open, messages, close).
import type { SocketFactory, SocketLike } from '../agent/agent-stream.ts';

export class FakeSocket implements SocketLike {
  readyState = 0;
  readonly sent: unknown[] = [];
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code?: number }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;

  constructor(readonly url: string) {}

  send(data: string): void {
    this.sent.push(JSON.parse(data));
  }

  close(): void {
    this.drop();
  }

  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }

  /** The server sends a message. */
  receive(message: unknown): void {
    this.onmessage?.({ data: JSON.stringify(message) });
  }

  /** The connection drops (1006: abnormally, as a network cut does). */
  drop(code = 1006): void {
    if (this.readyState === 3) return;
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

/** A factory that keeps every socket it made, newest last. */
export function fakeSockets(): { factory: SocketFactory; made: FakeSocket[] } {
  const made: FakeSocket[] = [];
  return {
    made,
    factory: (url) => {
      const socket = new FakeSocket(url);
      made.push(socket);
      return socket;
    },
  };
}
