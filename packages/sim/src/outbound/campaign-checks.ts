// Checks across a campaign's fields (SIMO3): spans run forwards, shares add up, windows only
// tighten the pack, ids are unique.
import {
  FRANCE,
  LooseningRefused,
  UNITED_KINGDOM,
  UNITED_STATES,
  tightenPack,
} from '@relais/dialer';
import type { RulePack } from '@relais/dialer';
import { secondsOfDay } from '../scenario/clock-time.ts';
import { describeFound, type ValidationIssue } from '../validation/validation-issue.ts';
import type { ScenarioCampaign } from './campaign-scenario.ts';

export const PACKS: Record<ScenarioCampaign['pack'], RulePack> = {
  FR: FRANCE,
  US: UNITED_STATES,
  UK: UNITED_KINGDOM,
};

const minutes = (time: string): number => secondsOfDay(time) / 60;

/** The campaign's pack with its windows applied (every day the pack opens); throws when looser. */
export function campaignPack(campaign: ScenarioCampaign): RulePack {
  const base = PACKS[campaign.pack];
  if (campaign.windows === undefined) return base;
  const windows = campaign.windows.map((w) => ({
    fromMinute: minutes(w.from),
    toMinute: minutes(w.to),
  }));
  const weekly = base.hours.weekly.map((day) => (day.length > 0 ? windows : [])) as [
    typeof windows,
    typeof windows,
    typeof windows,
    typeof windows,
    typeof windows,
    typeof windows,
    typeof windows,
  ];
  return tightenPack(base, { weekly });
}

export function campaignIssues(campaigns: readonly ScenarioCampaign[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Map<string, number>();
  campaigns.forEach((campaign, index) => {
    const at = ['campaigns', index] as const;
    const first = seen.get(campaign.id);
    if (first !== undefined) {
      issues.push({
        path: [...at, 'id'],
        expected: `a campaign id not already used (by campaigns[${first}])`,
        found: describeFound(campaign.id),
      });
    } else seen.set(campaign.id, index);
    campaign.shifts.forEach((shift, k) => {
      if (minutes(shift.end) <= minutes(shift.start)) {
        issues.push({
          path: [...at, 'shifts', k, 'end'],
          expected: `a time after start (${shift.start})`,
          found: describeFound(shift.end),
        });
      }
    });
    const party = campaign.calledParty;
    const calls = party.answerRate + party.busyRate + party.wrongNumberRate + party.failedRate;
    if (calls > 1 + 1e-9) {
      issues.push({
        path: [...at, 'calledParty', 'answerRate'],
        expected: 'answerRate + busyRate + wrongNumberRate + failedRate ≤ 1',
        found: `a sum of ${Number(calls.toFixed(6))}`,
      });
    }
    const { success, refusal, callback, doNotCall } = party.dispositions;
    const flags = success + refusal + callback + doNotCall;
    if (flags > 1 + 1e-9) {
      issues.push({
        path: [...at, 'calledParty', 'dispositions'],
        expected: 'shares that add up to at most 1',
        found: `a sum of ${Number(flags.toFixed(6))}`,
      });
    }
    campaign.windows?.forEach((window, k) => {
      const path = [...at, 'windows', k];
      if (minutes(window.to) <= minutes(window.from)) {
        issues.push({
          path: [...path, 'to'],
          expected: `a time after from (${window.from})`,
          found: describeFound(window.to),
        });
      }
    });
    if (campaign.windows !== undefined && !issues.some((i) => i.path[2] === 'windows')) {
      try {
        campaignPack(campaign);
      } catch (error) {
        if (!(error instanceof LooseningRefused)) throw error;
        const k = Number(/\[\d+\]\[(\d+)\]/.exec(error.field)?.[1] ?? 0);
        issues.push({
          path: [...at, 'windows', k],
          expected: `a window inside the ${campaign.pack} pack's calling hours`,
          found: `${campaign.windows[k]?.from ?? '?'}–${campaign.windows[k]?.to ?? '?'}`,
        });
      }
    }
  });
  return issues;
}
