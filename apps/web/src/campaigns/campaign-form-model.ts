// The campaign form as data, on the administration forms' model (admin/form-model.ts): fields
// with paths in the API's Campaign body, the body checked with the protocol's Campaign schema and
// every problem, the schema's or the server's, put on the field it names. What the generic model
// cannot say is done here: calling windows typed per weekday ("10:00-13:00 14:00-20:00"), and the
// tightenings the schema takes only as `true` or `false` literals, shown as plain checkboxes.
import {
  Campaign,
  DIAL_MODES,
  DISPOSITION_FLAGS,
  RULE_PACK_IDS,
  WEEKDAYS,
  type DispositionFlag,
} from '@relais/protocol';
import {
  checkBody,
  placeErrors,
  toBody,
  toValues,
  type FieldErrors,
  type FieldSpec,
  type FormValues,
} from '../admin/form-model.ts';
import type { Locale } from '../i18n/locale-choice.ts';
import type { MessageKey } from '../i18n/messages-en.ts';

export type Weekday = (typeof WEEKDAYS)[number];
export type Problem = { path: string; message: string };

/** Checked: the campaign replaces its pack's windows by the ones typed per weekday. */
export const REPLACE_WINDOWS = 'tighten.replaceWindows';
export const dayPath = (day: Weekday): string => `tighten.windowDays.${day}`;

const text = (path: string, label: MessageKey, more: Partial<FieldSpec> = {}): FieldSpec => ({
  path,
  label,
  kind: { type: 'text' },
  ...more,
});
const num = (path: string, label: MessageKey, hint?: MessageKey): FieldSpec => ({
  path,
  label,
  kind: { type: 'number' },
  ...(hint === undefined ? {} : { hint }),
});
const check = (path: string, label: MessageKey, hint?: MessageKey): FieldSpec => ({
  path,
  label,
  kind: { type: 'boolean' },
  ...(hint === undefined ? {} : { hint }),
});

export const GENERAL_FIELDS: readonly FieldSpec[] = [
  text('id', 'campaigns.f.id', { isId: true, required: true, hint: 'campaigns.h.id' }),
  text('name', 'campaigns.f.name', { required: true }),
  {
    path: 'clientId',
    label: 'campaigns.f.client',
    kind: { type: 'ref', path: 'clients' },
    required: true,
  },
  {
    path: 'mode',
    label: 'campaigns.f.mode',
    kind: { type: 'select', options: DIAL_MODES, labels: 'campaigns.mode' },
    required: true,
    hint: 'campaigns.h.mode',
  },
  {
    path: 'queueId',
    label: 'campaigns.f.queue',
    kind: { type: 'ref', path: 'queues' },
    required: true,
  },
  text('callerId', 'campaigns.f.callerId', { required: true, hint: 'campaigns.h.callerId' }),
  text('defaultRegion', 'campaigns.f.defaultRegion', { hint: 'campaigns.h.defaultRegion' }),
  { path: 'script', label: 'campaigns.f.script', kind: { type: 'longText' } },
];

export const PACK_FIELDS: readonly FieldSpec[] = [
  {
    path: 'rulePack',
    label: 'campaigns.f.rulePack',
    kind: { type: 'select', options: RULE_PACK_IDS, labels: 'campaigns.pack' },
    hint: 'campaigns.h.rulePack',
  },
  check(REPLACE_WINDOWS, 'campaigns.f.replaceWindows', 'campaigns.h.replaceWindows'),
];

export const DAY_FIELDS: readonly FieldSpec[] = WEEKDAYS.map((day) =>
  text(dayPath(day), `campaigns.day.${day}` as MessageKey),
);

export const TIGHTEN_FIELDS: readonly FieldSpec[] = [
  check('tighten.blockHolidays', 'campaigns.f.blockHolidays'),
  num('tighten.attempts.max', 'campaigns.f.attemptsMax', 'campaigns.h.attempts'),
  num('tighten.attempts.windowDays', 'campaigns.f.attemptsWindowDays'),
  num('tighten.refusalDays', 'campaigns.f.refusalDays', 'campaigns.h.refusalDays'),
  text('tighten.consentRequiredFrom', 'campaigns.f.consentRequiredFrom', {
    hint: 'campaigns.h.consentRequiredFrom',
  }),
  check('tighten.contractExempts', 'campaigns.f.noContractExemption'),
  check('tighten.consentLiftsHours', 'campaigns.f.noConsentLiftsHours'),
  check('tighten.suppression.required', 'campaigns.f.suppressionRequired'),
  num(
    'tighten.suppression.maxAgeDays',
    'campaigns.f.suppressionMaxAgeDays',
    'campaigns.h.suppressionMaxAge',
  ),
  num('tighten.abandonLockHours', 'campaigns.f.abandonLockHours', 'campaigns.h.abandonLock'),
];

export const DISPOSITION_FIELDS: readonly FieldSpec[] = [
  {
    path: 'dispositions',
    label: 'campaigns.f.dispositions',
    hint: 'campaigns.h.dispositions',
    kind: {
      type: 'repeat',
      max: 100,
      words: {
        item: 'campaigns.disposition.item',
        add: 'campaigns.disposition.add',
        remove: 'campaigns.disposition.remove',
      },
      fields: [
        text('id', 'campaigns.f.dispositionId', { required: true }),
        text('label', 'campaigns.f.dispositionLabel', { required: true }),
        {
          path: 'flag',
          label: 'campaigns.f.dispositionFlag',
          kind: { type: 'select', options: DISPOSITION_FLAGS, labels: 'campaigns.flag' },
          required: true,
        },
      ],
    },
  },
];

export const RECYCLE_FIELDS: readonly FieldSpec[] = [
  {
    path: 'recycling',
    label: 'campaigns.f.recycling',
    hint: 'campaigns.h.recycling',
    kind: {
      type: 'repeat',
      max: 20,
      words: {
        item: 'campaigns.recycle.item',
        add: 'campaigns.recycle.add',
        remove: 'campaigns.recycle.remove',
      },
      fields: [
        {
          path: 'outcome',
          label: 'campaigns.f.recycleOutcome',
          kind: {
            type: 'select',
            options: [...DISPOSITION_FLAGS, 'abandoned'],
            labels: 'campaigns.flag',
          },
          required: true,
        },
        num('delayMinutes', 'campaigns.f.recycleDelay'),
        num('maxAttempts', 'campaigns.f.recycleMaxAttempts'),
      ],
    },
  },
];

export const PACING_FIELDS: readonly FieldSpec[] = [
  num('pacing.abandonTarget', 'campaigns.f.abandonTarget', 'campaigns.h.abandonTarget'),
  num('pacing.abandonWindowHours', 'campaigns.f.abandonWindowHours', 'campaigns.h.abandonWindow'),
  num('pacing.maxLinesPerAgent', 'campaigns.f.maxLinesPerAgent'),
  num('pacing.ringTimeoutSeconds', 'campaigns.f.ringTimeoutSeconds', 'campaigns.h.ringTimeout'),
];

/** The suppression lists scrubbed, as ids separated by spaces (checkboxes on the page). */
export const SUPPRESSION_FIELDS: readonly FieldSpec[] = [
  { path: 'suppressionListIds', label: 'campaigns.f.suppressionLists', kind: { type: 'list' } },
];

export const ALL_FIELDS: readonly FieldSpec[] = [
  ...GENERAL_FIELDS,
  ...PACK_FIELDS,
  ...DAY_FIELDS,
  ...TIGHTEN_FIELDS,
  ...DISPOSITION_FIELDS,
  ...RECYCLE_FIELDS,
  ...PACING_FIELDS,
  ...SUPPRESSION_FIELDS,
];

/**
 * Each pack's own windows as typed in the form, to start from when replacing them: France's
 * D.223-9 hours, and the United States' and United Kingdom's 08:00–21:00 (packages/dialer SPEC
 * PK1–PK3). The server checks the campaign's windows against the pack itself.
 */
export const PACK_WINDOWS: Record<(typeof RULE_PACK_IDS)[number], Record<Weekday, string>> = {
  FR: {
    mon: '10:00-13:00 14:00-20:00',
    tue: '10:00-13:00 14:00-20:00',
    wed: '10:00-13:00 14:00-20:00',
    thu: '10:00-13:00 14:00-20:00',
    fri: '10:00-13:00 14:00-20:00',
    sat: '',
    sun: '',
  },
  US: Object.fromEntries(WEEKDAYS.map((d) => [d, '08:00-21:00'])) as Record<Weekday, string>,
  UK: Object.fromEntries(WEEKDAYS.map((d) => [d, '08:00-21:00'])) as Record<Weekday, string>,
};

const RANGE = /^(\d{1,2}:\d{2})-(\d{1,2}:\d{2})$/;
const pad = (time: string): string => time.padStart(5, '0');

/** "10:00-13:00 14:00-20:00" → windows; undefined when a part is not a range. */
export function parseDayWindows(typed: string): { from: string; to: string }[] | undefined {
  const parts = typed.split(/[\s,;]+/).filter((p) => p !== '');
  const windows: { from: string; to: string }[] = [];
  for (const part of parts) {
    const match = RANGE.exec(part.replace(/[–—]/g, '-'));
    if (match === null) return undefined;
    windows.push({ from: pad(match[1] as string), to: pad(match[2] as string) });
  }
  return windows;
}

export interface BuiltBody {
  body: Record<string, unknown>;
  /** Problems found while reading the form (a weekday's windows that are not ranges). */
  problems: Problem[];
  /** Which weekday each entry of tighten.windows came from, for errors naming an index. */
  windowDays: Weekday[];
}

const DISPOSITION_DEFAULTS: readonly [string, DispositionFlag][] = [
  ['sale', 'success'],
  ['refused', 'refusal'],
  ['do-not-call', 'doNotCall'],
  ['callback', 'callback'],
  ['wrong-number', 'wrongNumber'],
  ['machine', 'answeringMachine'],
  ['no-answer', 'noAnswer'],
  ['busy', 'busy'],
];

/** A new campaign's form: a disposition per flag (labels in the reader's words), usual retries. */
export function newCampaignValues(label: (flag: DispositionFlag) => string): FormValues {
  const values: FormValues = {
    mode: 'progressive',
    rulePack: 'FR',
    defaultRegion: 'FR',
    'pacing.abandonTarget': '0.03',
    'pacing.maxLinesPerAgent': '3',
    'pacing.ringTimeoutSeconds': '25',
    'dispositions.#': String(DISPOSITION_DEFAULTS.length),
    'recycling.#': '3',
  };
  DISPOSITION_DEFAULTS.forEach(([id, flag], i) => {
    values[`dispositions.${i}.id`] = id;
    values[`dispositions.${i}.label`] = label(flag);
    values[`dispositions.${i}.flag`] = flag;
  });
  const retries: [DispositionFlag, number, number][] = [
    ['noAnswer', 120, 4],
    ['busy', 30, 4],
    ['answeringMachine', 240, 3],
  ];
  retries.forEach(([outcome, delay, max], i) => {
    values[`recycling.${i}.outcome`] = outcome;
    values[`recycling.${i}.delayMinutes`] = String(delay);
    values[`recycling.${i}.maxAttempts`] = String(max);
  });
  return values;
}

/** The form's text for a stored campaign. */
export function campaignValues(campaign: Campaign): FormValues {
  const values = toValues(ALL_FIELDS, campaign);
  const tighten = campaign.tighten ?? {};
  values['tighten.contractExempts'] = tighten.contractExempts === false;
  values['tighten.consentLiftsHours'] = tighten.consentLiftsHours === false;
  values[REPLACE_WINDOWS] = tighten.windows !== undefined;
  for (const day of WEEKDAYS)
    values[dayPath(day)] = (tighten.windows ?? [])
      .filter((w) => w.day === day)
      .map((w) => `${w.from}-${w.to}`)
      .join(' ');
  return values;
}

/** The Campaign body the form stands for, before any check. */
export function campaignBody(values: FormValues): BuiltBody {
  const body = toBody(ALL_FIELDS, values);
  const problems: Problem[] = [];
  const windowDays: Weekday[] = [];
  const tighten = (body.tighten ?? {}) as Record<string, unknown>;
  delete tighten.windowDays;
  delete tighten.replaceWindows;
  if (values[REPLACE_WINDOWS] === true) {
    const windows: { day: Weekday; from: string; to: string }[] = [];
    for (const day of WEEKDAYS) {
      const typed = values[dayPath(day)];
      const parsed = parseDayWindows(typeof typed === 'string' ? typed : '');
      if (parsed === undefined) problems.push({ path: dayPath(day), message: 'windows' });
      else
        for (const window of parsed) {
          windows.push({ day, ...window });
          windowDays.push(day);
        }
    }
    tighten.windows = windows;
  }
  // The schema takes these only as the literal that tightens; unchecked means "as the pack".
  if (tighten.blockHolidays !== true) delete tighten.blockHolidays;
  if (tighten.contractExempts === true) tighten.contractExempts = false;
  else delete tighten.contractExempts;
  if (tighten.consentLiftsHours === true) tighten.consentLiftsHours = false;
  else delete tighten.consentLiftsHours;
  const suppression = tighten.suppression as
    { required?: boolean; maxAgeDays?: unknown } | undefined;
  if (
    suppression !== undefined &&
    suppression.required !== true &&
    suppression.maxAgeDays === undefined
  )
    delete tighten.suppression;
  if (Object.keys(tighten).length === 0) delete body.tighten;
  else body.tighten = tighten;
  return { body, problems, windowDays };
}

/**
 * Problems that name tighten.windows (the schema's "tighten.windows.3.to", the server's
 * "tighten.windows") moved to the weekday field the window was typed in, or to the checkbox.
 */
export function windowProblems(
  problems: readonly Problem[],
  windowDays: readonly Weekday[],
): Problem[] {
  return problems.map((problem) => {
    const indexed = /^tighten\.windows\.(\d+)/.exec(problem.path);
    if (indexed !== null) {
      const day = windowDays[Number(indexed[1])];
      if (day !== undefined) return { ...problem, path: dayPath(day) };
    }
    if (problem.path === 'tighten.windows') return { ...problem, path: REPLACE_WINDOWS };
    return problem;
  });
}

/** The form checked as the server will: the body to send, or the problems by field. */
export function checkCampaign(
  values: FormValues,
  locale: Locale,
  wordsForWindows: string,
): { ok: true; body: Campaign } | { ok: false; errors: FieldErrors } {
  const built = campaignBody(values);
  const problems = [
    ...built.problems.map((p) => ({ ...p, message: wordsForWindows })),
    ...windowProblems(checkBody(Campaign, built.body, locale), built.windowDays),
  ];
  if (problems.length > 0) return { ok: false, errors: placeErrors(ALL_FIELDS, values, problems) };
  return { ok: true, body: Campaign.parse(built.body) };
}

/** The server's refusal of a campaign (a loosening, a caller ID outside ARCEP's ranges) by field. */
export function placeServerProblems(values: FormValues, problems: readonly Problem[]): FieldErrors {
  const built = campaignBody(values);
  return placeErrors(ALL_FIELDS, values, windowProblems(problems, built.windowDays));
}
