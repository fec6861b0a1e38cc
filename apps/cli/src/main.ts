import { parseArgs } from 'node:util';
import { commands } from './commands.ts';

/** Exit code for a command line that cannot be understood. */
const USAGE_ERROR = 2;

/** The help text: how to call `relais` and what each subcommand does. */
export function usage(): string {
  const width = Math.max(...[...commands.keys()].map((name) => name.length));
  const lines = [...commands.values()].map(
    (command) => `  ${command.name.padEnd(width)}  ${command.summary}`,
  );
  return [
    'Usage: relais <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Run `relais <command> --help` for the options of a command.',
  ].join('\n');
}

/** Runs `relais` with the arguments after the program name; resolves to the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  // Options before the command are relais's own; everything after it belongs to the command.
  const at = argv.findIndex((arg) => !arg.startsWith('-'));
  const own = at === -1 ? argv : argv.slice(0, at);
  let help: boolean;
  try {
    const { values } = parseArgs({
      args: [...own],
      options: { help: { type: 'boolean', short: 'h' } },
      strict: true,
    });
    help = values.help ?? false;
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
  const name = argv[at];
  if (help || name === 'help') {
    console.log(usage());
    return 0;
  }
  if (name === undefined) return fail('missing command');
  const command = commands.get(name);
  if (command === undefined) return fail(`unknown command '${name}'`);
  return command.run(argv.slice(at + 1));
}

function fail(message: string): number {
  console.error(`relais: ${message}\n\n${usage()}`);
  return USAGE_ERROR;
}
