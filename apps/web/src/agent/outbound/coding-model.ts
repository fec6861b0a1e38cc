// Coding a campaign call: the form's values checked and turned into the route's body, the
// campaign's dispositions grouped by what they mean, and the server's refusals put on the field
// they are about.
import {
  DISPOSITION_FLAGS,
  type DispositionFlag,
  type OutboundContext,
  type OutboundDispositionBody,
} from '@relais/protocol';
import { ApiFailure } from '../../api/api-client.ts';
import type { MessageKey } from '../../i18n/messages-en.ts';
import { instantOfWallTime } from './zone-time.ts';

type CampaignDisposition = OutboundContext['dispositions'][number];

export type CodingField = 'dispositionId' | 'callbackAt' | 'ownCallback';

export interface CodingForm {
  dispositionId: string;
  /** `YYYY-MM-DDTHH:mm` in the callee's zone. */
  callbackAt: string;
  ownCallback: boolean;
}

/** A problem per field: a message of ours (key) or the server's own words (text). */
export type CodingProblems = Partial<
  Record<CodingField | 'form', { key: MessageKey } | { text: string }>
>;

export type CodingCheck =
  { ok: true; body: OutboundDispositionBody } | { ok: false; problems: CodingProblems };

/** The campaign's dispositions in the order of their flags, each group in the campaign's order. */
export function groupByFlag(
  dispositions: readonly CampaignDisposition[],
): { flag: DispositionFlag; dispositions: CampaignDisposition[] }[] {
  return DISPOSITION_FLAGS.map((flag) => ({
    flag,
    dispositions: dispositions.filter((d) => d.flag === flag),
  })).filter((group) => group.dispositions.length > 0);
}

/** The form as the route's body, or what to fix first; the callback time must be ahead of now. */
export function checkCoding(
  form: CodingForm,
  dispositions: readonly CampaignDisposition[],
  zone: string,
  nowMs: number,
): CodingCheck {
  const chosen = dispositions.find((d) => d.id === form.dispositionId);
  if (chosen === undefined)
    return { ok: false, problems: { dispositionId: { key: 'outbound.coding.pickDisposition' } } };
  if (chosen.flag !== 'callback') return { ok: true, body: { dispositionId: chosen.id } };
  const atMs = instantOfWallTime(form.callbackAt, zone);
  if (atMs === undefined || !(atMs > nowMs))
    return { ok: false, problems: { callbackAt: { key: 'outbound.coding.pickTime' } } };
  return {
    ok: true,
    body: {
      dispositionId: chosen.id,
      callbackAt: new Date(atMs).toISOString(),
      ownCallback: form.ownCallback,
    },
  };
}

const FIELDS: readonly CodingField[] = ['dispositionId', 'callbackAt', 'ownCallback'];
const fieldOf = (path: string): CodingField | undefined =>
  FIELDS.find((field) => path === field || path.startsWith(`${field}.`));

/**
 * Where a failed coding's reason goes: a 400's details (`[{ path, message }]`) or a message that
 * starts with the field ("callbackAt: outside the calling windows") land under that field;
 * anything else (another status, no field named) under the form.
 */
export function codingProblems(error: unknown): CodingProblems {
  if (!(error instanceof ApiFailure)) return { form: { text: String(error) } };
  if (error.status !== 400) return { form: { text: error.message } };
  const problems: CodingProblems = {};
  const details: unknown[] = Array.isArray(error.details) ? error.details : [error.details];
  for (const detail of details) {
    const { path, message } = (detail ?? {}) as { path?: unknown; message?: unknown };
    const field = typeof path === 'string' ? fieldOf(path) : undefined;
    if (field !== undefined)
      problems[field] ??= { text: typeof message === 'string' ? message : error.message };
  }
  if (Object.keys(problems).length > 0) return problems;
  const named = /^(\w+)(?:\.\S*)?: (.+)$/s.exec(error.message);
  const field = named === null ? undefined : fieldOf(named[1] as string);
  if (field !== undefined) return { [field]: { text: named?.[2] as string } };
  return { form: { text: error.message } };
}
