// `npm run dev:registrar -w @relais/telephony -- --user=agent-7:secret [--ws-port=N …]`: a
// SipEndpoint with the Registrar on loopback, to register desk phones, softphones and the
// browser against during development (and in the web app's softphone test). It prints JSON
// lines on stdout: where it listens, each REGISTER's outcome, each change of bindings.
import { SipEndpoint } from '../endpoint/sip-endpoint.ts';
import type { DigestAlgorithm } from '../auth/digest.ts';
import { startRtpengine, type RunningRtpengine } from '../../media/rtpengine-process.ts';
import { RtpengineMediaControl } from '../../media/rtpengine-media-control.ts';
import { makeToneWav } from '../../media/testing/wav.ts';
import { relayCallsToRegisteredPhones } from './dev-call-relay.ts';
import { Registrar } from './registrar.ts';

export interface RegistrarDevOptions {
  readonly host: string;
  readonly udpPort: number;
  readonly tcpPort: number;
  readonly wsPort: number;
  readonly realm: string;
  readonly users: ReadonlyMap<string, string>;
  readonly algorithms?: readonly DigestAlgorithm[];
  /** Ring registered phones for INVITEs to their user, media through an rtpengine started for it. */
  readonly relayCalls?: boolean;
}

export const REGISTRAR_DEV_USAGE =
  'usage: registrar-dev --user=NAME:PASSWORD [--user=…] [--host=IP] [--udp-port=N] [--tcp-port=N] [--ws-port=N] [--realm=NAME] [--algorithms=MD5,SHA-256] [--relay-calls]';

const PORT_FLAGS = {
  '--udp-port': 'udpPort',
  '--tcp-port': 'tcpPort',
  '--ws-port': 'wsPort',
} as const;

/** Reads the flags; anything unknown or malformed throws an Error carrying the usage. */
export function parseRegistrarDevArgs(args: readonly string[]): RegistrarDevOptions {
  const ports = { udpPort: 0, tcpPort: 0, wsPort: 0 };
  const users = new Map<string, string>();
  let host = '127.0.0.1';
  let realm: string | undefined;
  let algorithms: DigestAlgorithm[] | undefined;
  let relayCalls = false;
  for (const arg of args) {
    if (arg === '--relay-calls') {
      relayCalls = true;
      continue;
    }
    const match = /^(--[a-z-]+)=(.*)$/.exec(arg);
    if (match === null) throw badArg(`unknown argument "${arg}"`);
    const [, flag = '', value = ''] = match;
    if (flag === '--user') {
      const colon = value.indexOf(':');
      if (colon <= 0 || colon === value.length - 1)
        throw badArg(`--user takes NAME:PASSWORD, not "${value}"`);
      users.set(value.slice(0, colon), value.slice(colon + 1));
    } else if (flag === '--host') host = value;
    else if (flag === '--realm') realm = value;
    else if (flag === '--algorithms') {
      const names = value.split(',');
      if (names.length === 0 || names.some((n) => n !== 'MD5' && n !== 'SHA-256'))
        throw badArg(`--algorithms takes MD5 and SHA-256 in order of preference, not "${value}"`);
      algorithms = names as DigestAlgorithm[];
    } else if (flag in PORT_FLAGS) {
      const port = Number(value);
      if (!/^\d{1,5}$/.test(value) || port > 65535)
        throw badArg(`${flag} takes a port number (0: any free one), not "${value}"`);
      ports[PORT_FLAGS[flag as keyof typeof PORT_FLAGS]] = port;
    } else throw badArg(`unknown argument "${arg}"`);
  }
  if (users.size === 0) throw badArg('at least one --user=NAME:PASSWORD is needed');
  if (host === '' || realm === '') throw badArg('--host and --realm need a value');
  return {
    host,
    ...ports,
    realm: realm ?? host,
    users,
    ...(algorithms === undefined ? {} : { algorithms }),
    ...(relayCalls ? { relayCalls } : {}),
  };
}

function badArg(problem: string): Error {
  return new Error(`${problem}\n${REGISTRAR_DEV_USAGE}`);
}

/** Starts the endpoint and registrar; `print` gets one JSON-able object per event. */
export async function startRegistrarDev(
  options: RegistrarDevOptions,
  print: (line: object) => void,
): Promise<{ endpoint: SipEndpoint; registrar: Registrar; stop(): Promise<void> }> {
  const endpoint = await SipEndpoint.start({
    host: options.host,
    udpPort: options.udpPort,
    tcpPort: options.tcpPort,
    wsPort: options.wsPort,
    userAgent: 'Relais registrar (dev)',
  });
  const registrar = new Registrar({
    realm: options.realm,
    secret: `dev-${process.pid}`,
    lookupPassword: (user) => options.users.get(user),
    ...(options.algorithms === undefined ? {} : { algorithms: options.algorithms }),
    onBindingsChanged: (aor, contacts) => print({ bindings: { aor, contacts } }),
  });
  registrar.attach(endpoint);
  endpoint.handle('REGISTER', (incoming) => {
    const outcome = registrar.process(incoming.request, incoming.source);
    print({
      register: { status: outcome.status, reason: outcome.reason ?? null, source: incoming.source },
    });
    incoming.respond(outcome.status, { headers: outcome.headers });
  });
  const timer = setInterval(() => registrar.sweep(), 10_000);
  timer.unref();
  let engine: RunningRtpengine | undefined;
  if (options.relayCalls === true) {
    engine = await startRtpengine({ address: options.host });
    // The relay never holds a caller; MediaControl still wants music to hold with.
    const media = new RtpengineMediaControl(engine.client, {
      holdMusic: { blob: makeToneWav({ seconds: 1 }) },
    });
    relayCallsToRegisteredPhones(endpoint, registrar, media, options.realm, print);
  }
  print({
    listening: {
      udp: endpoint.local('udp'),
      tcp: endpoint.local('tcp'),
      ws: endpoint.local('ws'),
      realm: options.realm,
    },
  });
  const stop = async (): Promise<void> => {
    await endpoint.close();
    await engine?.stop();
  };
  return { endpoint, registrar, stop };
}

async function main(): Promise<void> {
  const options = parseRegistrarDevArgs(process.argv.slice(2));
  const running = await startRegistrarDev(options, (line) =>
    process.stdout.write(`${JSON.stringify(line)}\n`),
  );
  const stop = (): void => void running.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
