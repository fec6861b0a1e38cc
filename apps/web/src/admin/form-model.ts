// The administration forms, as data: each field has a path in the API's JSON body ("skills",
// "serviceLevel.target", "steps.0.afterSeconds") and a kind that says how its text becomes JSON.
// The body is then checked with the API's own zod schema, and both the schema's issues and the
// server's validation details ({ path, message }) land on the field whose path they name.
import type { z } from 'zod';
import zodFrench from 'zod/v4/locales/fr.js';
import type { Locale } from '../i18n/locale-choice.ts';
import type { MessageKey } from '../i18n/messages-en.ts';

export type FieldKind =
  | { type: 'text' }
  /** Free text over several lines (a queue's script). */
  | { type: 'longText' }
  | { type: 'password' }
  | { type: 'number' }
  | { type: 'boolean' }
  /** One of fixed values; labels are messages `${labels}.${value}` when given. */
  | { type: 'select'; options: readonly string[]; labels?: string }
  /** The id of another configuration entry (a site, a client, a queue). */
  | { type: 'ref'; path: string }
  /** "fr:7 en:5" → { fr: 7, en: 5 }. */
  | { type: 'levels' }
  /** "rabat fes" → ['rabat', 'fes']; with `literal`, that one word stays a string ("network"). */
  | { type: 'list'; literal?: string }
  /**
   * A list of objects, each with the same fields (a queue's routing steps). `words` names the
   * messages for one item, adding and removing one ({n}: its number); default: steps.
   */
  | {
      type: 'repeat';
      fields: readonly FieldSpec[];
      max: number;
      words?: { item: MessageKey; add: MessageKey; remove: MessageKey };
    };

export interface FieldSpec {
  path: string;
  label: MessageKey;
  kind: FieldKind;
  hint?: MessageKey;
  required?: boolean;
  /** The entry's id: typed on creation, fixed afterwards. */
  isId?: boolean;
}

/** A form's text, keyed by field path; a repeat's count is kept under "<path>.#". */
export type FormValues = Record<string, string | boolean>;

/** Field path → message. */
export type FieldErrors = Record<string, string>;

const NUMBER = /^-?\d+(\.\d+)?$/;

const number = (text: string): unknown => (NUMBER.test(text) ? Number(text) : text);
const words = (text: string): string[] => text.split(/[\s;,]+/).filter((word) => word !== '');

function setAt(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (typeof next !== 'object' || next === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1] as string] = value;
}

function getAt(source: unknown, path: string): unknown {
  let node = source;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** A field's value as JSON, or undefined when it is left empty (the API then takes its default). */
function valueOf(field: FieldSpec, raw: string | boolean | undefined): unknown {
  const { kind } = field;
  if (kind.type === 'boolean') return raw === true;
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (text === '') return undefined;
  switch (kind.type) {
    case 'number':
      return number(text);
    case 'levels':
      return Object.fromEntries(
        words(text).map((pair) => {
          const [key = '', value = ''] = pair.split(/[:=]/);
          return [key, number(value)];
        }),
      );
    case 'list':
      return kind.literal !== undefined && text === kind.literal ? text : words(text);
    default:
      return text;
  }
}

/** The JSON body the form stands for. */
export function toBody(
  fields: readonly FieldSpec[],
  values: FormValues,
  prefix = '',
): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    const key = `${prefix}${field.path}`;
    if (field.kind.type === 'repeat') {
      const count = Number(values[`${key}.#`] ?? 0);
      const items = Array.from({ length: count }, (_, i) =>
        toBody(field.kind.type === 'repeat' ? field.kind.fields : [], values, `${key}.${i}.`),
      );
      if (items.length > 0) setAt(body, field.path, items);
      continue;
    }
    const value = valueOf(field, values[key]);
    if (value !== undefined) setAt(body, field.path, value);
  }
  return body;
}

/** The form's text for an entry as the API returns it. */
export function toValues(
  fields: readonly FieldSpec[],
  entry: Record<string, unknown>,
  prefix = '',
): FormValues {
  const values: FormValues = {};
  for (const field of fields) {
    const key = `${prefix}${field.path}`;
    const value = getAt(entry, field.path);
    const { kind } = field;
    if (kind.type === 'repeat') {
      const items = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
      values[`${key}.#`] = String(items.length);
      items.forEach((item, i) =>
        Object.assign(values, toValues(kind.fields, item, `${key}.${i}.`)),
      );
    } else if (kind.type === 'boolean') values[key] = value === true;
    else if (value === undefined || value === null) values[key] = '';
    else if (kind.type === 'levels' && typeof value === 'object')
      values[key] = Object.entries(value)
        .map(([skill, level]) => `${skill}:${String(level)}`)
        .join(' ');
    else if (Array.isArray(value)) values[key] = value.join(' ');
    else if (typeof value === 'string' || typeof value === 'number') values[key] = String(value);
    else values[key] = JSON.stringify(value);
  }
  return values;
}

/** Every field path of a form, repeats expanded to their current rows. */
function paths(fields: readonly FieldSpec[], values: FormValues, prefix = ''): string[] {
  return fields.flatMap((field) => {
    const key = `${prefix}${field.path}`;
    if (field.kind.type !== 'repeat') return [key];
    const count = Number(values[`${key}.#`] ?? 0);
    const inner = field.kind.fields;
    return [
      key,
      ...Array.from({ length: count }, (_, i) => paths(inner, values, `${key}.${i}.`)),
    ].flat();
  });
}

/**
 * Puts each problem on the field it names: "skills.fr" belongs to "skills", "steps.0.afterSeconds"
 * to that step's field. Problems no field owns (the body as a whole) are kept under "".
 */
export function placeErrors(
  fields: readonly FieldSpec[],
  values: FormValues,
  problems: readonly { path: string; message: string }[],
): FieldErrors {
  const known = paths(fields, values).sort((a, b) => b.length - a.length);
  const errors: FieldErrors = {};
  for (const problem of problems) {
    const owner =
      known.find((path) => problem.path === path || problem.path.startsWith(`${path}.`)) ?? '';
    const text =
      owner === '' && problem.path !== '(root)'
        ? `${problem.path}: ${problem.message}`
        : problem.message;
    errors[owner] = errors[owner] === undefined ? text : `${errors[owner]} · ${text}`;
  }
  return errors;
}

const FRENCH = zodFrench().localeError;

/**
 * The schema's verdict on a body, as problems with paths written like the server's; in French
 * where zod has the words (the protocol's own messages, like the server's, stay English).
 */
export function checkBody(
  schema: z.ZodType,
  body: unknown,
  locale: Locale = 'en',
): { path: string; message: string }[] {
  const parsed = schema.safeParse(body, locale === 'fr' ? { error: FRENCH } : undefined);
  if (parsed.success) return [];
  return parsed.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));
}

/**
 * The problems a failed write reports: the server's validation details when it sent them,
 * otherwise its message, on the field it starts with ("queue.clientId: no client…") if any.
 */
export function serverProblems(
  noun: string,
  failure: { message: string; details?: unknown },
): { path: string; message: string }[] {
  const { details, message } = failure;
  if (Array.isArray(details)) {
    const listed = details.filter(
      (d): d is { path: string; message: string } =>
        typeof d === 'object' &&
        d !== null &&
        typeof (d as { path?: unknown }).path === 'string' &&
        typeof (d as { message?: unknown }).message === 'string',
    );
    if (listed.length > 0) return listed;
  }
  // The engine writes "queue.steps[1].addSites[0]"; the form's paths are "steps.1.addSites".
  const named = /^([A-Za-z][\w.[\]]*): (.+)$/s.exec(message);
  if (named !== null) {
    const path = (named[1] as string)
      .replace(/\[(\d+)\]/g, '.$1')
      .replace(new RegExp(`^${noun}\\.`), '');
    return [{ path, message: named[2] as string }];
  }
  const detailPath = (details as { path?: unknown } | undefined)?.path;
  if (typeof detailPath === 'string') return [{ path: detailPath, message }];
  return [{ path: '(root)', message }];
}
