// A SIP-over-WebSocket client for tests: what a browser softphone does on the wire (RFC 7118).
import WebSocket from 'ws';

export interface WsFrame {
  readonly text: string;
  readonly binary: boolean;
}

export class TestWsClient {
  private readonly frames: WsFrame[] = [];
  private readonly waiters: Array<() => void> = [];
  closeCode: number | undefined;

  private constructor(
    readonly socket: WebSocket,
    /** The local port of this connection: the flow's port as the server sees it. */
    readonly localPort: number,
  ) {
    socket.on('message', (data, binary) => {
      const bytes = Array.isArray(data)
        ? Buffer.concat(data)
        : Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data);
      this.frames.push({ text: bytes.toString('utf8'), binary });
      this.wake();
    });
    socket.on('close', (code) => {
      this.closeCode = code;
      this.wake();
    });
  }

  /** Opens a connection offering the given subprotocols (`sip` by default). */
  static connect(
    url: string,
    protocols: string[] = ['sip'],
    options: WebSocket.ClientOptions = {},
  ): Promise<TestWsClient> {
    const socket = new WebSocket(url, protocols, options);
    let localPort = 0;
    socket.once('upgrade', (response) => (localPort = response.socket.localPort ?? 0));
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new TestWsClient(socket, localPort)));
      socket.once('error', reject);
    });
  }

  send(data: string | Uint8Array, binary = false): void {
    this.socket.send(data, { binary });
  }

  /** The next frame received (waits for it), or throws when the connection closed first. */
  async next(): Promise<WsFrame> {
    while (this.frames.length === 0) {
      if (this.closeCode !== undefined) throw new Error(`connection closed (${this.closeCode})`);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    return this.frames.shift()!;
  }

  /** Resolves once the connection has closed, with its close code. */
  async closed(): Promise<number> {
    while (this.closeCode === undefined) await new Promise<void>((r) => this.waiters.push(r));
    return this.closeCode;
  }

  get pending(): number {
    return this.frames.length;
  }

  close(): void {
    this.socket.close();
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}
