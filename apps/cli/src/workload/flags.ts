/** A flag value that cannot be used; the message says which flag, what is expected, and how to fix it. */
export class FlagError extends Error {}

/**
 * Reads a numeric flag within [min, max]; `integer` also requires a whole number.
 * Accepts `_` as a thousands separator (`--ops 2_000_000`).
 */
export function numberFlag(
  name: string,
  raw: string | undefined,
  range: { min: number; max: number; fallback: number; integer?: boolean },
): number {
  if (raw === undefined) return range.fallback;
  const value = Number(raw.replaceAll('_', ''));
  const outOfRange = !Number.isFinite(value) || value < range.min || value > range.max;
  if (raw.trim() === '' || outOfRange || (range.integer === true && !Number.isInteger(value))) {
    const kind = range.integer === true ? 'an integer' : 'a number';
    throw new FlagError(
      `--${name}: expected ${kind} from ${range.min} to ${range.max}, got '${raw}'. ` +
        `For example: --${name} ${range.fallback}`,
    );
  }
  return value;
}

/**
 * Reports a bad command line (a FlagError, or node's parseArgs errors: unknown flag, missing
 * value, stray argument) on stderr and returns exit code 2; rethrows anything else.
 */
export function usageError(error: unknown, command: string, usage: string): number {
  const code = (error as { code?: unknown } | null)?.code;
  const fromParseArgs = typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
  if (!(error instanceof FlagError) && !fromParseArgs) throw error;
  const message = error instanceof Error ? error.message : String(error);
  console.error(`relais ${command}: ${message}\n\n${usage}`);
  return 2;
}

/**
 * Reads a command's settings; on a bad command line or `--help` it prints what to and returns
 * the exit code instead (2 or 0), so every command starts the same way.
 */
export function settingsOrExit<T>(
  read: () => T | 'help',
  command: string,
  usage: string,
): T | number {
  let settings: T | 'help';
  try {
    settings = read();
  } catch (error) {
    return usageError(error, command, usage);
  }
  if (settings === 'help') {
    console.log(usage);
    return 0;
  }
  return settings;
}
