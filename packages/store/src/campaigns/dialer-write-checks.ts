// The live dialer's history writes checked before any SQL, so SQLite and PostgreSQL refuse the
// same ones: left to the drivers, SQLite binds NaN as NULL and keeps NUL characters, both of
// which PostgreSQL refuses, PostgreSQL stores integers beyond 2^53 that its reads then refuse,
// and a boolean is a passing TypeError on SQLite but a bad value (22P02) on PostgreSQL.
import { ATTEMPT_OUTCOMES, DISPOSITION_FLAGS, LEAD_STATES } from '@relais/protocol';
import { StoreError } from '../errors.ts';
import type { DialerWrite } from '../port.ts';

type Fields = Readonly<Record<string, unknown>>;
/** What is wrong with a value, or undefined when it is right. */
type Check = (value: unknown) => string | undefined;

/** A value as a message shows it: `is NaN`, `is "x"`, `is a boolean`, `is missing`. */
function shown(value: unknown): string {
  if (typeof value === 'string') {
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  }
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (value === undefined) return 'missing';
  const type = value === null ? 'null' : typeof value;
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type}`;
}

// PostgreSQL refuses U+0000 in text (22021); SQLite would keep it.
const text: Check = (value) =>
  typeof value !== 'string'
    ? `is ${shown(value)}, expected a string`
    : value.includes('\u0000')
      ? 'holds a NUL character (U+0000), expected text without one'
      : undefined;

const id: Check = (value) => (value === '' ? 'is empty, expected an id' : text(value));

// Times go to bigint / INTEGER columns and come back as JS numbers (the PostgreSQL adapter
// refuses int8 beyond 2^53 on read).
const epochMs: Check = (value) =>
  typeof value === 'number' && Number.isSafeInteger(value)
    ? undefined
    : `is ${shown(value)}, expected whole milliseconds (an integer within ±2^53)`;

// double precision / REAL: SQLite turns NaN into NULL where PostgreSQL keeps NaN.
const seconds: Check = (value) =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0
    ? undefined
    : `is ${shown(value)}, expected a finite number of seconds, 0 or more`;

const oneOf =
  (names: readonly string[]): Check =>
  (value) =>
    typeof value === 'string' && names.includes(value)
      ? undefined
      : `is ${shown(value)}, expected one of ${names.join(', ')}`;

/** A check for a field that may be absent (undefined or null: both store NULL). */
const optional =
  (check: Check): Check =>
  (value) =>
    value === undefined || value === null ? undefined : check(value);

const CHECKS: Record<DialerWrite['kind'], (write: Fields) => Record<string, Check>> = {
  attempt: () => ({
    leadId: id,
    callId: id,
    atMs: epochMs,
    outcome: oneOf(ATTEMPT_OUTCOMES),
    agentId: optional(id),
    ringSeconds: optional(seconds),
    note: optional(text),
  }),
  disposition: () => ({
    leadId: id,
    callId: id,
    dispositionId: id,
    flag: oneOf(DISPOSITION_FLAGS),
    agentId: optional(id),
    talkSeconds: optional(seconds),
  }),
  leadState: () => ({ leadId: id, state: oneOf(LEAD_STATES), nextAtMs: optional(epochMs) }),
  // Without a reason the time is not written (the lead is dialable).
  blocking: (write) => ({
    leadId: id,
    blockedBy: optional(text),
    ...(write['blockedBy'] === undefined ? {} : { dialableAtMs: optional(epochMs) }),
  }),
  callback: () => ({ leadId: id, atMs: epochMs, agentId: optional(id), createdBy: id }),
};

const KINDS = Object.keys(CHECKS);

/**
 * Throws StoreError InvalidValue (refused for good) naming the write, the field, the value and
 * what the store takes, when a dialer write holds a value the schema would not keep alike.
 */
export function checkDialerWrite(write: DialerWrite): void {
  const fields = write as unknown as Fields;
  const kind = fields['kind'];
  const leadId = fields['leadId'];
  const refuse = (field: string, problem: string): never => {
    const which = `${typeof kind === 'string' ? kind : 'dialer'} write for lead ${shown(leadId)}`;
    throw new StoreError('InvalidValue', `${which}: ${field} ${problem}`, {
      kind,
      leadId,
      ...(fields['callId'] === undefined ? {} : { callId: fields['callId'] }),
      field,
      problem,
    });
  };
  if (typeof kind !== 'string' || !Object.hasOwn(CHECKS, kind)) {
    return refuse('kind', `is ${shown(kind)}, expected one of ${KINDS.join(', ')}`);
  }
  for (const [field, check] of Object.entries(CHECKS[kind as DialerWrite['kind']](fields))) {
    const problem = check(fields[field]);
    if (problem !== undefined) refuse(field, problem);
  }
}
