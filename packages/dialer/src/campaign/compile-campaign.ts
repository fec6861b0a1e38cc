// From a campaign's settings to what the dialer runs (CAMP1–CAMP5): its rule pack (the base pack,
// tightened, never loosened), its caller ID checked against the pack, its dispositions with
// what each does to a lead, and its recycling rules. Every refusal names the settings field.
import { DialerInputError, LooseningRefused } from '../errors.ts';
import { RECYCLE_OUTCOMES, recycleRuleFor, type RecycleOutcome } from '../outcomes/outcomes.ts';
import { abandonWindowHoursFor } from '../pacing/abandon-ledger.ts';
import { RULE_PACKS } from '../packs/packs.ts';
import type { CallingWindow, RulePack, WeeklyWindows } from '../packs/rule-pack.ts';
import { tightenPack, type PackTightening } from '../packs/tighten.ts';
import type { CampaignDefinition, DispositionFlag, Weekday } from './campaign-settings.ts';

/** A campaign's settings refused: the field (a path in the settings), the rule and why. */
export class CampaignRejected extends Error {
  override readonly name = 'CampaignRejected';
  constructor(
    readonly field: string,
    readonly rule: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason} (${rule})`);
  }
}

/** What a disposition does to its lead (CAMP3), read by the runtime and the figures. */
export interface DispositionEffect {
  readonly flag: DispositionFlag;
  /** Counts as a conversion (KPI.md: success dispositions / contacts). */
  readonly success: boolean;
  /** Starts the pack's refusal period for the campaign's client. */
  readonly refusal: boolean;
  /** The number is never called again by the tenant (internal do-not-call). */
  readonly doNotCall: boolean;
  /** The agent sets a callback time. */
  readonly callback: boolean;
}

export interface RecycleDelay {
  readonly delayMinutes: number;
  readonly maxAttempts: number;
}

export interface CompiledCampaign {
  readonly pack: RulePack;
  readonly dispositions: ReadonlyMap<string, DispositionEffect>;
  /**
   * The delay and attempts the runtime applies per outcome (`recycleRuleFor`: the campaign's
   * rule, else the house default); an outcome absent here closes the lead (callbacks aside).
   */
  readonly recycling: ReadonlyMap<RecycleOutcome, RecycleDelay>;
  /** The abandon-rate window: the campaign's, or the pack's regulator window (KPI.md). */
  readonly abandonWindowHours: number;
}

/** Outcomes the dialer itself produces, whatever the dispositions: always known (CAMP4). */
const DIALER_OUTCOMES: ReadonlySet<string> = new Set([
  'noAnswer',
  'busy',
  'answeringMachine',
  'wrongNumber',
  'abandoned',
]);

const WEEKDAY_INDEX: Readonly<Record<Weekday, number>> = {
  mon: 0,
  tue: 1,
  wed: 2,
  thu: 3,
  fri: 4,
  sat: 5,
  sun: 6,
};

const minuteOf = (clock: string, field: string): number => {
  const match = /^(\d{2}):(\d{2})$/.exec(clock);
  const minute = match === null ? Number.NaN : Number(match[1]) * 60 + Number(match[2]);
  if (!(minute >= 0 && minute <= 1440)) {
    throw new CampaignRejected(field, 'CAMP1', `"${clock}" is not a time HH:MM`);
  }
  return minute;
};

function packOf(settings: CampaignDefinition): RulePack {
  const base = RULE_PACKS.find((pack) => pack.id === settings.rulePack);
  if (base === undefined) {
    const known = RULE_PACKS.map((pack) => pack.id).join(', ');
    throw new CampaignRejected(
      'rulePack',
      'CAMP1',
      `no rule pack "${settings.rulePack}"; known: ${known}`,
    );
  }
  const spec = settings.tighten;
  if (spec === undefined) return base;
  // The weekly windows, remembering which window of the settings each one came from.
  let weekly: WeeklyWindows | undefined;
  const origin = new Map<string, number>();
  if (spec.windows !== undefined) {
    const days: CallingWindow[][] = [[], [], [], [], [], [], []];
    spec.windows.forEach((window, index) => {
      const field = `tighten.windows.${index}`;
      const day = WEEKDAY_INDEX[window.day];
      const list = days[day] as CallingWindow[];
      origin.set(`weekly[${day}][${list.length}]`, index);
      list.push({
        fromMinute: minuteOf(window.from, `${field}.from`),
        toMinute: minuteOf(window.to, `${field}.to`),
      });
    });
    weekly = days as unknown as WeeklyWindows;
  }
  const tightening: PackTightening = {
    ...(weekly === undefined ? {} : { weekly }),
    ...(spec.blockHolidays === undefined ? {} : { blockHolidays: spec.blockHolidays }),
    ...(spec.attempts === undefined ? {} : { attempts: spec.attempts }),
    ...(spec.refusalDays === undefined ? {} : { refusalDays: spec.refusalDays }),
    ...(spec.consentRequiredFrom === undefined
      ? {}
      : { consentRequiredFrom: spec.consentRequiredFrom }),
    ...(spec.contractExempts === undefined ? {} : { contractExempts: spec.contractExempts }),
    ...(spec.consentLiftsHours === undefined ? {} : { consentLiftsHours: spec.consentLiftsHours }),
    ...(spec.suppression === undefined ? {} : { suppression: spec.suppression }),
    ...(spec.abandonLockHours === undefined ? {} : { abandonLockHours: spec.abandonLockHours }),
  };
  try {
    return tightenPack(base, tightening);
  } catch (error) {
    if (error instanceof LooseningRefused || error instanceof DialerInputError) {
      const window = origin.get(error.field);
      const field = window === undefined ? `tighten.${error.field}` : `tighten.windows.${window}`;
      throw new CampaignRejected(
        field,
        'CAMP1',
        `${error.reason}: a campaign may only tighten its rule pack`,
      );
    }
    throw error;
  }
}

/** CAMP2: the caller ID must be one the pack allows for automated dialing. */
function checkCallerId(pack: RulePack, callerId: string): void {
  const rule = pack.callerId;
  if (rule === undefined) return;
  const refused = rule.refusedPrefixes.find(({ prefix }) => callerId.startsWith(prefix));
  if (refused !== undefined) {
    throw new CampaignRejected('callerId', rule.code, `${callerId} ${refused.reason}`);
  }
  if (!rule.allowedPrefixes.some((prefix) => callerId.startsWith(prefix))) {
    const ranges = rule.allowedPrefixes.join(', ');
    throw new CampaignRejected(
      'callerId',
      rule.code,
      `${callerId} is outside the ranges for automated dialing (${ranges})`,
    );
  }
}

function dispositionsOf(settings: CampaignDefinition): Map<string, DispositionEffect> {
  const effects = new Map<string, DispositionEffect>();
  settings.dispositions.forEach((disposition, index) => {
    if (effects.has(disposition.id)) {
      throw new CampaignRejected(
        `dispositions.${index}.id`,
        'CAMP3',
        `"${disposition.id}" is used twice`,
      );
    }
    const flag = disposition.flag;
    effects.set(disposition.id, {
      flag,
      success: flag === 'success',
      refusal: flag === 'refusal',
      doNotCall: flag === 'doNotCall',
      callback: flag === 'callback',
    });
  });
  if (![...effects.values()].some((effect) => effect.success)) {
    throw new CampaignRejected(
      'dispositions',
      'CAMP3',
      'no disposition is flagged success: the conversion rate needs at least one',
    );
  }
  return effects;
}

function recyclingOf(
  settings: CampaignDefinition,
  dispositions: ReadonlyMap<string, DispositionEffect>,
): Map<RecycleOutcome, RecycleDelay> {
  const flags = new Set<string>([...dispositions.values()].map((effect) => effect.flag));
  const seen = new Set<string>();
  settings.recycling.forEach((rule, index) => {
    const field = `recycling.${index}.outcome`;
    if (!DIALER_OUTCOMES.has(rule.outcome) && !flags.has(rule.outcome)) {
      throw new CampaignRejected(
        field,
        'CAMP4',
        `no disposition is flagged "${rule.outcome}" and the dialer does not produce it`,
      );
    }
    if (rule.outcome === 'doNotCall') {
      throw new CampaignRejected(field, 'CAMP4', 'a do-not-call number is never called again');
    }
    if (seen.has(rule.outcome)) {
      throw new CampaignRejected(field, 'CAMP4', `"${rule.outcome}" has a rule already`);
    }
    seen.add(rule.outcome);
  });
  const steps = new Map<RecycleOutcome, RecycleDelay>();
  for (const outcome of RECYCLE_OUTCOMES) {
    const rule = recycleRuleFor(outcome, settings.recycling);
    if (rule !== undefined) {
      steps.set(outcome, { delayMinutes: rule.delayMinutes, maxAttempts: rule.maxAttempts });
    }
  }
  return steps;
}

/** Checks a campaign's settings and compiles them; throws CampaignRejected naming the field. */
export function compileCampaign(settings: CampaignDefinition): CompiledCampaign {
  const pack = packOf(settings);
  checkCallerId(pack, settings.callerId);
  const dispositions = dispositionsOf(settings);
  const recycling = recyclingOf(settings, dispositions);
  const seen = new Set<string>();
  settings.suppressionListIds.forEach((id, index) => {
    if (seen.has(id)) {
      throw new CampaignRejected(`suppressionListIds.${index}`, 'CAMP5', `"${id}" is listed twice`);
    }
    seen.add(id);
  });
  const abandonWindowHours = settings.pacing.abandonWindowHours ?? abandonWindowHoursFor(pack.id);
  return { pack, dispositions, recycling, abandonWindowHours };
}
