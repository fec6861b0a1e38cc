/** A file of numbers for an empirical distribution: one per line or comma-separated. */

/** A values file that cannot be used; the message names the file and line of each fault. */
export class ValuesFileError extends Error {
  override readonly name = 'ValuesFileError';
}

const SHOWN = 20;

/**
 * Reads `text` as durations in seconds: numbers ≥ 0 separated by newlines and/or commas. Blank
 * lines, spaces and `#` comments are ignored. Throws a ValuesFileError listing every bad value
 * (`file:line: expected a number ≥ 0, found "abc"`), or saying that there are none.
 */
export function parseValues(text: string, file: string): number[] {
  const values: number[] = [];
  const problems: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.replace(/#.*$/, '');
    for (const token of line.split(',')) {
      const trimmed = token.trim();
      if (trimmed === '') continue;
      const value = Number(trimmed);
      if (Number.isFinite(value) && value >= 0) values.push(value);
      else {
        problems.push(
          `${file}:${index + 1}: expected a number ≥ 0 (seconds), found ${JSON.stringify(trimmed)}`,
        );
      }
    }
  });
  if (problems.length > 0) {
    const shown = problems.slice(0, SHOWN);
    if (problems.length > SHOWN) shown.push(`${file}: … and ${problems.length - SHOWN} more`);
    throw new ValuesFileError(shown.join('\n'));
  }
  if (values.length === 0) {
    throw new ValuesFileError(
      `${file}: expected at least one number ≥ 0 (one per line or comma-separated), found none`,
    );
  }
  return values;
}
