/** Turns zod issues into ValidationIssues whose messages read "expected …, found …". */
import type { z } from 'zod';
import { describeFound, type IssuePath, type ValidationIssue } from './validation-issue.ts';

type ZodIssue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;

/** Extra fields a custom issue carries so it can say what it found (see `customIssue`). */
export interface FoundParams {
  found: string;
}

const KINDS: Record<string, string> = {
  number: 'a number',
  int: 'an integer',
  string: 'a string',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  record: 'an object',
};

function bound(issue: SizeIssue, above: boolean): string {
  const strict = issue.inclusive === false;
  if (above) return strict ? '<' : '≤';
  return strict ? '>' : '≥';
}

interface SizeIssue {
  code: 'too_small' | 'too_big';
  origin: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  inclusive?: boolean;
}

function sizeLimit(issue: SizeIssue): string {
  const above = issue.code === 'too_big';
  const limit = Number(above ? issue.maximum : issue.minimum);
  const kind = issue.origin === 'int' ? 'an integer' : 'a number';
  if (issue.origin === 'array' || issue.origin === 'set') {
    return `${above ? 'at most' : 'at least'} ${limit} item${limit === 1 ? '' : 's'}`;
  }
  if (issue.origin === 'string') {
    return limit === 1 && !above ? 'a non-empty string' : `a string of ${limit} characters`;
  }
  return `${kind} ${bound(issue, above)} ${limit}`;
}

/**
 * Zod error map (pass as the `error` parse option): every default message becomes an
 * "expected" phrase. Schemas that set their own `error` take precedence and follow the same rule.
 */
export function expectedPhrase(issue: RawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return KINDS[issue.expected] ?? `a value of type ${issue.expected}`;
    case 'too_small':
    case 'too_big':
      return sizeLimit(issue);
    case 'invalid_value':
      return `one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}`;
    case 'unrecognized_keys':
      return 'a known field name';
    case 'invalid_union': {
      const options = 'options' in issue ? (issue.options as unknown[]) : undefined;
      return options
        ? `one of ${options.map((value) => JSON.stringify(value)).join(', ')}`
        : 'a value of another shape';
    }
    default:
      return issue.message ?? 'a valid value';
  }
}

/** A union option failed on its shape, not its contents, when its type is wrong at its root. */
const failedOnShape = (issues: readonly ZodIssue[]): boolean =>
  issues.some((issue) => issue.code === 'invalid_type' && issue.path.length === 0);

function convert(issue: ZodIssue, prefix: IssuePath, out: ValidationIssue[]): void {
  const path = [...prefix, ...(issue.path as (string | number)[])];
  const input = (issue as { input?: unknown }).input;
  if (issue.code === 'unrecognized_keys') {
    for (const key of issue.keys) {
      out.push({ path: [...path, key], expected: issue.message, found: 'an unknown field' });
    }
    return;
  }
  if (issue.code === 'invalid_union') {
    const discriminator = (issue as { discriminator?: string }).discriminator;
    if (discriminator !== undefined) {
      const value = (input as Record<string, unknown> | undefined)?.[discriminator];
      out.push({ path, expected: issue.message, found: describeFound(value) });
      return;
    }
    // Report the option the input was meant for, rather than "no option matched".
    const meant = issue.errors.filter((errors) => !failedOnShape(errors));
    if (meant.length === 1 && meant[0] !== undefined) {
      for (const inner of meant[0]) convert(inner, path, out);
      return;
    }
  }
  const params = (issue as { params?: Partial<FoundParams> }).params;
  out.push({ path, expected: issue.message, found: params?.found ?? describeFound(input) });
}

/** Converts zod's issues (parsed with `reportInput: true`) to ValidationIssues. */
export function fromZodIssues(issues: readonly ZodIssue[]): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const issue of issues) convert(issue, [], out);
  return out;
}

/** Adds a custom issue from a refinement: `expected` is the message, `found` is said as given. */
export function customIssue(
  ctx: z.core.$RefinementCtx,
  path: IssuePath,
  expected: string,
  found: string,
): void {
  ctx.addIssue({ code: 'custom', path: [...path], message: expected, params: { found } });
}

/** Parses `input` with `schema`, returning the value or the issues as ValidationIssues. */
export function safeParseWithIssues<T>(
  schema: z.ZodType<T>,
  input: unknown,
): { ok: true; value: T } | { ok: false; issues: ValidationIssue[] } {
  const result = schema.safeParse(input, { reportInput: true, error: expectedPhrase });
  return result.success
    ? { ok: true, value: result.data }
    : { ok: false, issues: fromZodIssues(result.error.issues) };
}
