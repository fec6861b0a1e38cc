/** One thing wrong with an input: where, what was expected, what was found. */

export type IssuePath = readonly (string | number)[];

export interface ValidationIssue {
  /** Segments from the document root, e.g. `['queues', 1, 'arrivals', 0, 'perHour']`. */
  path: IssuePath;
  /** A phrase that completes "expected …", e.g. `a number ≥ 0`. */
  expected: string;
  /** A phrase that completes "found …", e.g. `-5`. */
  found: string;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** Formats a path the way a reader would write it: `queues[1].arrivals[0].perHour`. */
export function formatPath(path: IssuePath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (IDENTIFIER.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(segment)}]`;
  }
  return text;
}

const MAX_FOUND_CHARS = 60;

/** Describes a found value briefly: numbers and strings as written, containers by kind. */
export function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') {
    const quoted = JSON.stringify(value);
    return quoted.length > MAX_FOUND_CHARS ? `${quoted.slice(0, MAX_FOUND_CHARS)}…"` : quoted;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `a ${typeof value}`;
}

/** One line: `path: expected …, found …` (no path for the document itself). */
export function formatIssue(issue: ValidationIssue): string {
  const where = formatPath(issue.path);
  const what = `expected ${issue.expected}, found ${issue.found}`;
  return where === '' ? what : `${where}: ${what}`;
}
