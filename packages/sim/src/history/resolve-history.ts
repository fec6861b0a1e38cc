/**
 * Scenario queues whose arrivals are `{ history: "file", interval?, weekday?, type?, date? }`
 * resolved into arrival windows fitted from that history. The caller reads the files.
 */
import { z } from 'zod';
import { ScenarioError } from '../scenario/scenario-error.ts';
import type { HistoryArrivals, Scenario, ScenarioQueue } from '../scenario/scenario.ts';
import {
  describeFound,
  type IssuePath,
  type ValidationIssue,
} from '../validation/validation-issue.ts';
import { integer } from '../validation/number-schemas.ts';
import { safeParseWithIssues } from '../validation/zod-issues.ts';
import { WEEKDAYS, type CallRecord } from './call-record.ts';
import { fitArrivals, matchingDays, type HistoryFilter } from './fit-history.ts';
import { parseBankDate, parseCallHistory } from './parse-history.ts';

const ABBREVIATIONS = WEEKDAYS.map((day) => day.slice(0, 3));
const weekdayName = z
  .string()
  .transform((name) => name.trim().toLowerCase())
  .refine((name) => WEEKDAYS.some((day, i) => name === day || name === ABBREVIATIONS[i]), {
    error: `a weekday (${WEEKDAYS.join(', ')}, or its first three letters)`,
  });
const oneOrMore = <T extends z.ZodType>(item: T) => z.union([item, item.array().min(1)]);

const ISO_DATE = /^(\d{4})-(\d\d)-(\d\d)$/;
/** "1999-02-10", or the file's own "990210" (a YAML number too). */
const dateValue = z.union([z.string(), z.int()]).transform((value, ctx) => {
  const text = String(value).trim();
  const iso = ISO_DATE.exec(text);
  const parsed = parseBankDate(iso ? `${iso[1]?.slice(2)}${iso[2]}${iso[3]}` : text);
  if (parsed === undefined || (iso && !text.startsWith(parsed.iso.slice(0, 4)))) {
    ctx.addIssue({
      code: 'custom',
      message: 'a date "YYYY-MM-DD" or yymmdd, e.g. "1999-02-10"',
      params: { found: describeFound(value) },
    });
    return z.NEVER;
  }
  return parsed.iso;
});

const historyOptionsSchema = z.strictObject({
  history: z.string().min(1),
  /** Minutes per arrival window. */
  interval: integer(1, 1440).default(30),
  weekday: oneOrMore(weekdayName).exactOptional(),
  type: oneOrMore(z.string().min(1)).exactOptional(),
  date: oneOrMore(dateValue).exactOptional(),
});

/** The options of history arrivals, checked. */
export interface HistoryArrivalOptions {
  history: string;
  interval: number;
  /** Lower-case weekday names or their first three letters. */
  weekday?: string | string[];
  type?: string | string[];
  /** ISO dates. */
  date?: string | string[];
}

const list = <T>(value: T | T[] | undefined): T[] | undefined =>
  value === undefined ? undefined : Array.isArray(value) ? value : [value];

/** The filter the options describe, for the scenario's `day` window. */
export function historyFilter(options: HistoryArrivalOptions, day: Scenario['day']): HistoryFilter {
  const filter: HistoryFilter = { from: day.start, to: day.end };
  const weekdays = list(options.weekday)?.map((name) =>
    WEEKDAYS.findIndex((day, i) => name === day || name === ABBREVIATIONS[i]),
  );
  if (weekdays !== undefined) filter.weekdays = weekdays;
  const types = list(options.type);
  if (types !== undefined) filter.types = types;
  const dates = list(options.date);
  if (dates !== undefined) filter.dates = dates;
  return filter;
}

/** Checks the options of `arrivals` (at `path` in the scenario). */
export function checkHistoryOptions(
  arrivals: HistoryArrivals,
  path: IssuePath,
): { ok: true; options: HistoryArrivalOptions } | { ok: false; issues: ValidationIssue[] } {
  const parsed = safeParseWithIssues(historyOptionsSchema, arrivals);
  if (parsed.ok) return { ok: true, options: parsed.value };
  return {
    ok: false,
    issues: parsed.issues.map((issue) => ({ ...issue, path: [...path, ...issue.path] })),
  };
}

/** Issues of options that need the history itself: unknown call types, no matching day. */
function checkAgainstHistory(
  records: readonly CallRecord[],
  options: HistoryArrivalOptions,
  filter: HistoryFilter,
  path: IssuePath,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const known = [...new Set(records.map((call) => call.type))].sort();
  const types = list(options.type) ?? [];
  types.forEach((type, index) => {
    if (!known.includes(type)) {
      const at = Array.isArray(options.type) ? [...path, 'type', index] : [...path, 'type'];
      issues.push({
        path: at,
        expected: `a call type of ${options.history} (${known.join(', ')})`,
        found: describeFound(type),
      });
    }
  });
  if (matchingDays(records, filter).length === 0) {
    const fields = ['weekday', 'date'].filter((key) => key in options);
    issues.push({
      path: fields.length === 1 ? [...path, fields[0] as string] : path,
      expected: `${fields.join(' and ') || 'options'} matching at least one day of ${options.history}`,
      found: 'no day',
    });
  }
  return issues;
}

/** Where the history arrivals of queue `index` sit in the scenario. */
const arrivalsPath = (index: number): IssuePath => ['queues', index, 'arrivals'];

/**
 * A copy of `scenario` where every queue with history arrivals has arrival windows instead:
 * offered calls by vru_exit, per `interval` minutes over the scenario's day (the last window
 * may be shorter), filtered by weekday, call type and date, averaged over the matching days.
 *
 * `readHistory(path)` returns a history file's text (each path is read and parsed once);
 * `file` names the scenario in errors. Throws a ScenarioError for bad options or an unreadable
 * file (with the queue's path), and the HistoryError of a file with bad lines.
 */
export function resolveHistoryArrivals(
  scenario: Scenario,
  file: string,
  readHistory: (path: string) => string,
): Scenario {
  const issues: ValidationIssue[] = [];
  const histories = new Map<string, CallRecord[] | undefined>();
  const load = (path: string, at: IssuePath): CallRecord[] | undefined => {
    if (histories.has(path)) return histories.get(path);
    let text: string | undefined;
    try {
      text = readHistory(path);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      issues.push({
        path: [...at, 'history'],
        expected: 'a readable call-history file',
        found: `${describeFound(path)} (${reason})`,
      });
    }
    const records = text === undefined ? undefined : parseCallHistory(text, path);
    histories.set(path, records);
    return records;
  };

  const queues = scenario.queues.map((queue, index): ScenarioQueue => {
    if (Array.isArray(queue.arrivals)) return queue;
    const at = arrivalsPath(index);
    const checked = checkHistoryOptions(queue.arrivals, at);
    if (!checked.ok) {
      issues.push(...checked.issues);
      return queue;
    }
    const { options } = checked;
    const records = load(options.history, at);
    if (records === undefined) return queue;
    const filter = historyFilter(options, scenario.day);
    const problems = checkAgainstHistory(records, options, filter, at);
    if (problems.length > 0) {
      issues.push(...problems);
      return queue;
    }
    return { ...queue, arrivals: fitArrivals(records, options.interval, filter).windows };
  });
  if (issues.length > 0) throw new ScenarioError(file, issues);
  return { ...scenario, queues };
}

/** The scenario's queues all have arrival windows (none left to resolve from a history). */
export function hasHistoryArrivals(scenario: Scenario): boolean {
  return scenario.queues.some((queue) => !Array.isArray(queue.arrivals));
}
