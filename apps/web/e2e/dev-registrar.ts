// Runs the telephony package's development registrar (`npm run dev:registrar -w
// @relais/telephony`) as a child process for the softphone test, and reads its JSON lines: the
// web app may not import @relais/telephony (ARCHITECTURE.md), so it talks to it as the browser
// does, over the wire, and watches what it prints.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const TELEPHONY = fileURLToPath(new URL('../../../packages/telephony/', import.meta.url));

export interface DevRegistrarLine {
  readonly listening?: {
    udp: { address: string; port: number };
    ws: { address: string; port: number };
    realm: string;
  };
  readonly register?: { status: number; reason: string | null };
  readonly call?: { callId: string; result: string; byeStatus?: number | null; detail?: string };
  readonly bindings?: {
    aor: string;
    contacts: Array<{
      uri: string;
      username: string;
      expiresIn: number;
      instance: string | null;
      flow: { protocol: string; address: string; port: number };
      destination: { protocol: string; address: string; port: number };
    }>;
  };
}

export class DevRegistrar {
  readonly lines: DevRegistrarLine[] = [];
  private readonly waiters: Array<() => void> = [];
  private exited = false;
  private stderr = '';

  private constructor(private readonly child: ChildProcess) {
    createInterface({ input: child.stdout! }).on('line', (line) => {
      this.lines.push(JSON.parse(line) as DevRegistrarLine);
      this.wake();
    });
    child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    child.on('exit', () => {
      this.exited = true;
      this.wake();
    });
  }

  static async start(
    args: readonly string[],
  ): Promise<{ registrar: DevRegistrar; wsUrl: string; udpTarget: string }> {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/sip/registrar/registrar-dev.ts', ...args],
      { cwd: TELEPHONY, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const registrar = new DevRegistrar(child);
    const { listening } = await registrar.waitFor((line) => line.listening !== undefined);
    return {
      registrar,
      wsUrl: `ws://${listening!.ws.address}:${listening!.ws.port}`,
      udpTarget: `${listening!.udp.address}:${listening!.udp.port}`,
    };
  }

  /** The first line from `from` on that `matches`, waiting for it. */
  async waitFor(matches: (line: DevRegistrarLine) => boolean, from = 0): Promise<DevRegistrarLine> {
    for (;;) {
      const found = this.lines.slice(from).find(matches);
      if (found !== undefined) return found;
      if (this.exited) throw new Error(`the dev registrar exited: ${this.stderr}`);
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    await exited;
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }
}
