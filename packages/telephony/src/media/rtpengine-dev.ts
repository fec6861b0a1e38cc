// `npm run dev:rtpengine -w @relais/telephony [-- --ng-port=2223 …]`: an rtpengine for local
// development, on loopback, until Ctrl-C. Prints one JSON line saying where it listens.
import { MediaError } from './errors.ts';
import { startRtpengine, type RtpengineOptions } from './rtpengine-process.ts';

const NUMERIC_FLAGS = {
  '--ng-port': 'ngPort',
  '--port-min': 'portMin',
  '--port-max': 'portMax',
  '--log-level': 'logLevel',
} as const;

export const DEV_USAGE =
  'usage: rtpengine-dev [--address=IP] [--ng-port=N] [--port-min=N --port-max=N] [--log-level=0-7] [--binary=PATH]';

/** Reads the dev launcher's flags; anything unknown or malformed is a `MediaInvalidInput` error. */
export function parseDevArgs(args: readonly string[]): RtpengineOptions {
  const options: { -readonly [K in keyof RtpengineOptions]: RtpengineOptions[K] } = {};
  for (const arg of args) {
    const match = /^(--[a-z-]+)=(.+)$/.exec(arg);
    const [flag, value] = match === null ? [arg, undefined] : [match[1]!, match[2]!];
    if (flag === '--address' || flag === '--binary') {
      if (value === undefined) throw badArg(`${flag} needs a value: ${flag}=…`);
      options[flag === '--address' ? 'address' : 'binary'] = value;
      continue;
    }
    const key = NUMERIC_FLAGS[flag as keyof typeof NUMERIC_FLAGS];
    if (key === undefined || value === undefined) throw badArg(`unknown argument "${arg}"`);
    if (!/^\d+$/.test(value)) throw badArg(`${flag} takes a whole number, not "${value}"`);
    options[key] = Number(value);
  }
  if ((options.logLevel ?? 0) > 7) throw badArg('--log-level goes from 0 to 7');
  return options;
}

function badArg(problem: string): MediaError {
  return new MediaError('MediaInvalidInput', `${problem}\n${DEV_USAGE}`);
}

async function main(): Promise<void> {
  const engine = await startRtpengine({
    ...parseDevArgs(process.argv.slice(2)),
    onLog: (line) => process.stderr.write(`${line}\n`),
  });
  const { pid, address, ngPort, portMin, portMax } = engine;
  process.stdout.write(
    `${JSON.stringify({ pid, ng: `${address}:${ngPort}`, portMin, portMax })}\n`,
  );
  const stop = (): void => void engine.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
