// Starts an rtpengine daemon for tests and a dev setup: userspace forwarding (`table = -1`, no
// kernel module), in the foreground, logging to stderr, with its own config file so the
// system's /etc/rtpengine/rtpengine.conf (kernel table 0, port 2223…) is never read.
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { constants } from 'node:fs';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MediaError } from './errors.ts';
import { NgClient } from './ng-client.ts';

export const DEFAULT_RTPENGINE_BINARY = '/usr/bin/rtpengine';

export interface RtpengineOptions {
  /** Path of the daemon; default `$RELAIS_RTPENGINE_BIN` or /usr/bin/rtpengine. */
  readonly binary?: string;
  /** The address for media and for the ng socket; default 127.0.0.1. */
  readonly address?: string;
  /** The ng control port; default a free UDP port. */
  readonly ngPort?: number;
  /** The media port range; default a random block of 100 ports in 20000-32699. */
  readonly portMin?: number;
  readonly portMax?: number;
  /** rtpengine's log level (syslog levels, 7 = debug); default 5. */
  readonly logLevel?: number;
  /** Give up when `ping` has not answered after this long; default 10 s. */
  readonly startTimeoutMs?: number;
  /** Receives every line rtpengine logs. */
  readonly onLog?: (line: string) => void;
  /** Where rtpengine sends one JSON datagram per RFC 4733 digit (`dtmf-log-dest`, DtmfListener). */
  readonly dtmfLogDest?: { readonly address: string; readonly port: number };
}

export interface RunningRtpengine {
  readonly pid: number;
  readonly address: string;
  readonly ngPort: number;
  readonly portMin: number;
  readonly portMax: number;
  /** A client connected to this daemon (closed by `stop`). */
  readonly client: NgClient;
  /** The last lines rtpengine logged. */
  logTail(): string;
  /** Stops the daemon (SIGTERM, then SIGKILL after 5 s) and removes its temporary files. */
  stop(): Promise<void>;
}

const LOG_TAIL_LINES = 80;

/** Starts rtpengine and resolves once it answers `ping`. */
export async function startRtpengine(options: RtpengineOptions = {}): Promise<RunningRtpengine> {
  const binary = options.binary ?? process.env['RELAIS_RTPENGINE_BIN'] ?? DEFAULT_RTPENGINE_BINARY;
  await assertExecutable(binary);
  const address = options.address ?? '127.0.0.1';
  const ngPort = options.ngPort ?? (await freeUdpPort(address));
  const [portMin, portMax] = portRange(options);
  const directory = await mkdtemp(join(tmpdir(), 'relais-rtpengine-'));
  const configFile = join(directory, 'rtpengine.conf');
  await writeFile(
    configFile,
    configText({
      address,
      ngPort,
      portMin,
      portMax,
      logLevel: options.logLevel ?? 5,
      dtmfLogDest: options.dtmfLogDest,
    }),
  );
  const child = spawn(binary, [`--config-file=${configFile}`, '--config-section=rtpengine'], {
    cwd: directory,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = new LogTail(options.onLog);
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => log.add(chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => log.add(chunk));
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(`exited (code ${code}, signal ${signal})`));
    child.once('error', (error) => resolve(`could not start: ${error.message}`));
  });
  const client = await NgClient.open({ host: address, port: ngPort, timeoutMs: 1000, retries: 2 });
  const cleanUp = async (): Promise<void> => {
    await client.close();
    await stopChild(child, exited);
    await rm(directory, { recursive: true, force: true });
  };
  try {
    await waitForPing(address, ngPort, exited, options.startTimeoutMs ?? 10_000);
  } catch (error) {
    await cleanUp();
    const reason = error instanceof Error ? error.message : String(error);
    throw new MediaError(
      'RtpengineStartFailed',
      `rtpengine (${binary}, ng ${address}:${ngPort}, media ports ${portMin}-${portMax}) ` +
        `did not start: ${reason}\n--- its log ---\n${log.text()}`,
      { binary, ngPort, portMin, portMax },
    );
  }
  return {
    pid: child.pid ?? -1,
    address,
    ngPort,
    portMin,
    portMax,
    client,
    logTail: () => log.text(),
    stop: cleanUp,
  };
}

async function assertExecutable(binary: string): Promise<void> {
  try {
    await access(binary, constants.X_OK);
  } catch {
    throw new MediaError(
      'RtpengineMissing',
      `rtpengine not found or not executable at ${binary}: install the Debian package ` +
        `rtpengine-daemon (apt-get install rtpengine-daemon) or set RELAIS_RTPENGINE_BIN`,
      { binary },
    );
  }
}

function portRange(options: RtpengineOptions): [number, number] {
  if (options.portMin !== undefined || options.portMax !== undefined) {
    const min = options.portMin ?? 0;
    const max = options.portMax ?? 0;
    // rtpengine takes RTP on even ports and RTCP on the next odd one: a range needs a pair.
    if (
      !Number.isInteger(min) ||
      !Number.isInteger(max) ||
      min < 1024 ||
      max > 65535 ||
      max - min < 3
    ) {
      throw new MediaError(
        'MediaInvalidInput',
        `media port range ${min}-${max} is unusable: give 1024 <= portMin, portMin + 3 <= portMax <= 65535`,
        { portMin: min, portMax: max },
      );
    }
    return [min, max];
  }
  // Below Linux's ephemeral range (32768+), random so parallel test daemons rarely meet.
  const block = Math.floor(Math.random() * 127);
  return [20000 + block * 100, 20000 + block * 100 + 99];
}

function configText(settings: {
  address: string;
  ngPort: number;
  portMin: number;
  portMax: number;
  logLevel: number;
  dtmfLogDest: RtpengineOptions['dtmfLogDest'];
}): string {
  const host = settings.address.includes(':') ? `[${settings.address}]` : settings.address;
  const dtmf = settings.dtmfLogDest;
  const dtmfHost = dtmf?.address.includes(':') === true ? `[${dtmf.address}]` : dtmf?.address;
  return [
    '[rtpengine]',
    'table = -1',
    `interface = ${settings.address}`,
    `listen-ng = ${host}:${settings.ngPort}`,
    `port-min = ${settings.portMin}`,
    `port-max = ${settings.portMax}`,
    'foreground = true',
    'log-stderr = true',
    `log-level = ${settings.logLevel}`,
    // Deleted calls go at once: tests reuse nothing, and `list` shows only live calls.
    'delete-delay = 0',
    ...(dtmf === undefined ? [] : [`dtmf-log-dest = ${dtmfHost}:${dtmf.port}`]),
    '',
  ].join('\n');
}

async function freeUdpPort(address: string): Promise<number> {
  const socket = createSocket(address.includes(':') ? 'udp6' : 'udp4');
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(0, address, () => resolve());
  });
  const { port } = socket.address();
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

async function waitForPing(
  address: string,
  ngPort: number,
  exited: Promise<string>,
  timeoutMs: number,
): Promise<void> {
  // A short-fused client: one lost ping costs 200 ms, not the default client's 3 s.
  const probe = await NgClient.open({ host: address, port: ngPort, timeoutMs: 200, retries: 0 });
  let exitReason: string | undefined;
  void exited.then((reason) => (exitReason = reason));
  const deadline = Date.now() + timeoutMs;
  try {
    for (;;) {
      if (exitReason !== undefined) throw new Error(exitReason);
      try {
        await probe.ping();
        return;
      } catch (error) {
        if (!(error instanceof MediaError) || error.code !== 'NgTimeout') throw error;
      }
      if (Date.now() > deadline) throw new Error(`no answer to ping within ${timeoutMs} ms`);
    }
  } finally {
    await probe.close();
  }
}

async function stopChild(child: ChildProcess, exited: Promise<string>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(killer);
}

class LogTail {
  private readonly lines: string[] = [];
  private partial = '';
  constructor(private readonly onLine: ((line: string) => void) | undefined) {}

  add(chunk: string): void {
    const parts = (this.partial + chunk).split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) {
      this.onLine?.(line);
      this.lines.push(line);
      if (this.lines.length > LOG_TAIL_LINES) this.lines.shift();
    }
  }

  text(): string {
    return [...this.lines, this.partial].filter((line) => line.length > 0).join('\n');
  }
}
