// The telephony settings of `relais serve` (off unless given): where SIP listens, which
// rtpengine relays the media, and the music callers hear while queued.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isIP } from 'node:net';
import { POSITION_PROMPT_NAMES, type DigestAlgorithm } from '@relais/telephony';
import {
  TRUNK_FLAG_NAMES,
  trunkOptionsFromFlags,
  TrunkOptionError,
  type TrunkFlags,
  type TrunkOptions,
} from './trunk-options.ts';

export interface TelephonyOptions {
  /** The address SIP listens on and puts in Contact (an address phones reach, not 0.0.0.0). */
  readonly host: string;
  /** Ports per transport; false: off; 0: any free port (tests). */
  readonly udpPort: number | false;
  readonly tcpPort: number | false;
  readonly wsPort: number | false;
  /** Start an rtpengine (Debian `rtpengine-daemon`), or use the ng port of a running one. */
  readonly rtpengine:
    | {
        readonly start: true;
        /** Its media ports (RTP on even, RTCP on odd; 4 per call); default: a random block of 100. */
        readonly ports?: { readonly min: number; readonly max: number };
      }
    | { readonly host: string; readonly port: number };
  /** A WAV or other file rtpengine can play, on rtpengine's host. */
  readonly holdMusicFile: string;
  /**
   * The folder of the queue position prompts on rtpengine's host (a copy of the package's
   * prompts/fr); default: the package's own folder, for an rtpengine on this host.
   */
  readonly promptsDir?: string;
  /**
   * The UDP port on `host` where rtpengine's DTMF log (RFC 4733 keys) arrives: with a running
   * rtpengine, set its `dtmf-log-dest` to HOST:PORT. Default: a free port when Relais starts
   * rtpengine, no RFC 4733 keys otherwise.
   */
  readonly dtmfLogPort?: number;
  /** The digest realm agent phones authenticate in (default: the host). */
  readonly realm?: string;
  /**
   * The SIP WebSocket as browsers reach it, when not `ws://host:wsPort` (a TLS proxy in front:
   * `wss://relais.example.com/sip`); the desktop's softphone is given it (SPD2).
   */
  readonly wsUrl?: string;
  /**
   * Digest algorithms offered to phones, in order (default MD5 only: sipp and many desk phones
   * read only the first challenge and know only MD5; JsSIP knows only MD5).
   */
  readonly digestAlgorithms?: readonly DigestAlgorithm[];
  /** A SIP trunk: the live dialer's calls go through it (trunk-options.ts). */
  readonly trunk?: TrunkOptions;
}

export class TelephonyOptionError extends Error {
  override readonly name = 'TelephonyOptionError';
}

/** The CLI's flags as given (strings), before checking. */
export interface TelephonyFlags extends TrunkFlags {
  'sip-host'?: string;
  'sip-udp-port'?: string;
  'sip-tcp-port'?: string;
  'sip-ws-port'?: string;
  rtpengine?: string;
  'hold-music'?: string;
  'sip-realm'?: string;
  'rtpengine-dtmf-port'?: string;
  'rtpengine-ports'?: string;
  'sip-ws-url'?: string;
  prompts?: string;
}

export const TELEPHONY_FLAG_NAMES = [
  'sip-host',
  'sip-udp-port',
  'sip-tcp-port',
  'sip-ws-port',
  'rtpengine',
  'hold-music',
  'sip-realm',
  'rtpengine-dtmf-port',
  'rtpengine-ports',
  ...TRUNK_FLAG_NAMES,
  'sip-ws-url',
  'prompts',
] as const;

function port(flag: string, text: string | undefined, fallback: number | false): number | false {
  if (text === undefined) return fallback;
  if (text === 'off') return false;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isInteger(value) || value < 0 || value > 65_535) {
    throw new TelephonyOptionError(
      `--${flag}: expected a port from 0 to 65535, or "off", got "${text}"`,
    );
  }
  return value;
}

/**
 * Telephony options from the CLI's flags; undefined when none is given (telephony off). A bad
 * value throws TelephonyOptionError saying which flag and what it takes.
 */
export function telephonyOptionsFromFlags(
  flags: TelephonyFlags,
  env: Readonly<Record<string, string | undefined>> = {},
): TelephonyOptions | undefined {
  const given = TELEPHONY_FLAG_NAMES.filter((name) => flags[name] !== undefined);
  if (given.length === 0) return undefined;
  const host = flags['sip-host'];
  if (host === undefined) {
    throw new TelephonyOptionError(
      `--${given[0]} needs --sip-host ADDRESS (the IPv4 address phones and trunks reach this server on)`,
    );
  }
  if (isIP(host) !== 4 || host === '0.0.0.0') {
    throw new TelephonyOptionError(
      `--sip-host: expected this server's IPv4 address as phones reach it (not 0.0.0.0, not a name), got "${host}"`,
    );
  }
  const udpPort = port('sip-udp-port', flags['sip-udp-port'], 5060);
  const tcpPort = port('sip-tcp-port', flags['sip-tcp-port'], 5060);
  const wsPort = port('sip-ws-port', flags['sip-ws-port'], false);
  if (udpPort === false && tcpPort === false && wsPort === false) {
    throw new TelephonyOptionError(
      '--sip-udp-port, --sip-tcp-port, --sip-ws-port: all are off; open at least one',
    );
  }
  const rtpengine = rtpengineOption(flags.rtpengine, flags['rtpengine-ports']);
  const holdMusicFile = flags['hold-music'];
  if (holdMusicFile === undefined) {
    throw new TelephonyOptionError(
      '--hold-music FILE is needed with telephony (a WAV file callers hear while queued)',
    );
  }
  if (!existsSync(holdMusicFile) || !statSync(holdMusicFile).isFile()) {
    throw new TelephonyOptionError(`--hold-music: no file at "${holdMusicFile}"`);
  }
  const realm = flags['sip-realm'];
  if (realm !== undefined && !/^[A-Za-z0-9.-]{1,253}$/.test(realm)) {
    throw new TelephonyOptionError(
      `--sip-realm: expected a domain name (letters, digits, dots, hyphens), got "${realm}"`,
    );
  }
  const dtmfText = flags['rtpengine-dtmf-port'];
  const dtmfLogPort =
    dtmfText === undefined ? undefined : port('rtpengine-dtmf-port', dtmfText, false);
  if (dtmfLogPort === false || dtmfLogPort === 0) {
    throw new TelephonyOptionError(
      `--rtpengine-dtmf-port: expected the UDP port (1 to 65535) rtpengine's dtmf-log-dest names, got "${dtmfText}"`,
    );
  }
  let trunk: TrunkOptions | undefined;
  try {
    trunk = trunkOptionsFromFlags(flags, env);
  } catch (error) {
    if (error instanceof TrunkOptionError) throw new TelephonyOptionError(error.message);
    throw error;
  }
  const trunkProtocol = trunk?.settings.destination.protocol;
  if (trunkProtocol !== undefined && (trunkProtocol === 'udp' ? udpPort : tcpPort) === false) {
    throw new TelephonyOptionError(
      `--sip-trunk-transport ${trunkProtocol}: --sip-${trunkProtocol}-port is off; open it to reach the trunk`,
    );
  }
  const wsUrl = webSocketUrl(flags['sip-ws-url'], wsPort);
  const promptsDir = flags.prompts;
  if (promptsDir !== undefined) checkPrompts(promptsDir);
  return {
    host,
    udpPort,
    tcpPort,
    wsPort,
    rtpengine,
    holdMusicFile,
    ...(realm === undefined ? {} : { realm }),
    ...(dtmfLogPort === undefined ? {} : { dtmfLogPort }),
    ...(trunk === undefined ? {} : { trunk }),
    ...(wsUrl === undefined ? {} : { wsUrl }),
    ...(promptsDir === undefined ? {} : { promptsDir }),
  };
}

/** `--sip-ws-url`: a ws:// or wss:// URL, only with a WebSocket port to stand in front of. */
function webSocketUrl(text: string | undefined, wsPort: number | false): string | undefined {
  if (text === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'ws:' && url.protocol !== 'wss:') || url.hash !== '') {
    throw new TelephonyOptionError(
      `--sip-ws-url: expected the SIP WebSocket's URL as browsers reach it, e.g. wss://relais.example.com/sip, got "${text}"`,
    );
  }
  if (wsPort === false) {
    throw new TelephonyOptionError(
      '--sip-ws-url needs --sip-ws-port PORT (the WebSocket that URL leads to, e.g. through a TLS proxy)',
    );
  }
  return text;
}

/** A prompts folder holds every file the position announcement may play (rule POS5). */
function checkPrompts(dir: string): void {
  const missing = POSITION_PROMPT_NAMES.filter((name) => !existsSync(join(dir, `${name}.wav`)));
  if (missing.length === 0) return;
  throw new TelephonyOptionError(
    `--prompts: "${dir}" lacks ${missing.length} of the ${POSITION_PROMPT_NAMES.length} position prompts (${missing.slice(0, 3).join('.wav, ')}.wav…); copy packages/telephony/prompts/fr there`,
  );
}

/** What `relais serve` gives the rtpengine it starts: 2,500 calls at once, below Linux's ephemeral ports. */
export const DEFAULT_MEDIA_PORTS = { min: 20_000, max: 29_999 } as const;

function rtpengineOption(
  text: string | undefined,
  portsText: string | undefined,
): TelephonyOptions['rtpengine'] {
  if (text === undefined || text === 'start') {
    return { start: true, ports: mediaPorts(portsText) };
  }
  if (portsText !== undefined) {
    throw new TelephonyOptionError(
      '--rtpengine-ports is for the rtpengine Relais starts (--rtpengine start); a running rtpengine has its own port-min and port-max',
    );
  }
  const match = /^(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5})$/.exec(text);
  const value = Number(match?.[2]);
  if (match === null || isIP(match[1] ?? '') !== 4 || value < 1 || value > 65_535) {
    throw new TelephonyOptionError(
      `--rtpengine: expected "start" (run one) or the ng control address of a running rtpengine as IPV4:PORT, got "${text}"`,
    );
  }
  return { host: match[1] as string, port: value };
}

/** `--rtpengine-ports MIN-MAX`: rtpengine's media ports, at least one call's four. */
function mediaPorts(text: string | undefined): { min: number; max: number } {
  if (text === undefined) return { ...DEFAULT_MEDIA_PORTS };
  const match = /^(\d{4,5})-(\d{4,5})$/.exec(text);
  const min = Number(match?.[1]);
  const max = Number(match?.[2]);
  if (match === null || min < 1024 || max > 65_535 || max - min < 3) {
    throw new TelephonyOptionError(
      `--rtpengine-ports: expected MIN-MAX with 1024 <= MIN and MIN + 3 <= MAX <= 65535 (4 ports a call; e.g. 20000-29999 for 2,500 calls at once), got "${text}"`,
    );
  }
  return { min, max };
}
