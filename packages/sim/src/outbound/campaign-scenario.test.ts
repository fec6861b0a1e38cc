import { describe, expect, it } from 'vitest';
import { parseScenario } from '../scenario/parse-scenario.ts';
import { ScenarioError, formatScenarioError } from '../scenario/scenario-error.ts';
import { campaignRun } from './campaign-run.ts';
import { simulateCampaign } from './simulate-campaign.ts';

/** A campaign-only scenario; `campaign` adds or replaces fields (YAML lines, 4 spaces in). */
function scenario(campaign = ''): string {
  return `
name: outbound
seed: 3
replications: 1
day: { start: "09:00", end: "20:00" }
routing: { strategy: longest-idle }
queues: []
agents: []
campaigns:
  - id: renewals
    mode: predictive
    date: "2026-12-02"
    timeZone: Europe/Paris
    leads: 2000
    agents: 4
    shifts: [ { start: "10:00", end: "11:00" } ]
    calledParty:
      answerRate: 0.3
      machineShare: 0.1
      busyRate: 0.05
      ringSeconds: { dist: lognormal, mean: 8, sd: 3 }
      talkSeconds: { dist: exponential, mean: 120 }
      wrapUpSeconds: { dist: fixed, value: 10 }
${campaign}
`;
}

function problems(text: string): string[] {
  try {
    parseScenario(text, 'c.yaml');
  } catch (error) {
    if (!(error instanceof ScenarioError)) throw error;
    return formatScenarioError(error)
      .split('\n')
      .map((line) => line.replace(/^c\.yaml:\d+:\d+: /, ''));
  }
  throw new Error('expected a ScenarioError');
}

describe('campaigns in a scenario', () => {
  it('[SIMO3] reads a campaign-only scenario with its defaults', () => {
    const parsed = parseScenario(scenario(), 'c.yaml');
    expect(parsed.queues).toEqual([]);
    expect(parsed.campaigns?.[0]).toMatchObject({
      id: 'renewals',
      pack: 'FR',
      pacing: { abandonTarget: 0.03, maxLinesPerAgent: 3, ringTimeoutSeconds: 25 },
      calledParty: { wrongNumberRate: 0, dispositions: { success: 0 } },
    });
  });

  it.each<[string, string, string]>([
    [
      'an answer rate over 1',
      '    calledParty: { answerRate: 1.5, machineShare: 0, ringSeconds: { dist: fixed, value: 5 }, talkSeconds: { dist: fixed, value: 5 }, wrapUpSeconds: { dist: fixed, value: 5 } }',
      'campaigns[0].calledParty.answerRate: expected a number from 0 to 1, found 1.5',
    ],
    [
      'shares of calls over 1',
      '    calledParty: { answerRate: 0.8, busyRate: 0.3, machineShare: 0, ringSeconds: { dist: fixed, value: 5 }, talkSeconds: { dist: fixed, value: 5 }, wrapUpSeconds: { dist: fixed, value: 5 } }',
      'campaigns[0].calledParty.answerRate: expected answerRate + busyRate + wrongNumberRate + failedRate ≤ 1, found a sum of 1.1',
    ],
    [
      'a shift that ends before it starts',
      '    shifts: [ { start: "11:00", end: "10:00" } ]',
      'campaigns[0].shifts[0].end: expected a time after start (11:00), found "10:00"',
    ],
    [
      'a window outside the French hours',
      '    windows: [ { from: "10:00", to: "12:00" }, { from: "19:00", to: "21:00" } ]',
      "campaigns[0].windows[1]: expected a window inside the FR pack's calling hours, found 19:00–21:00",
    ],
    [
      'an unknown zone',
      '    timeZone: Europe/Pariss',
      'campaigns[0].timeZone: expected an IANA time zone such as Europe/Paris, found "Europe/Pariss"',
    ],
    [
      'a bad date',
      '    date: "2026-13-45"',
      'campaigns[0].date: expected a calendar date, found "2026-13-45"',
    ],
    [
      'a mode that does not exist',
      '    mode: robocall',
      'campaigns[0].mode: expected one of "preview", "progressive", "predictive", found "robocall"',
    ],
    [
      'a ring timeout under 15 s',
      '    pacing: { ringTimeoutSeconds: 10 }',
      'campaigns[0].pacing.ringTimeoutSeconds: expected an integer from 15 to 120, found 10',
    ],
  ])('[SIMO3] names the field of %s', (_, line, message) => {
    // Drop the original field (and its nested lines) so the replacement is the only one.
    const key = line.trim().split(':')[0] ?? '';
    const lines = scenario().split('\n');
    const start = lines.findIndex((l) => l.startsWith(`    ${key}:`));
    let end = start + 1;
    while (lines[end]?.startsWith('      ') === true) end++;
    if (start === -1) lines.push(line);
    else lines.splice(start, end - start, line);
    const text = lines.join('\n');
    expect(problems(text)).toContain(message);
  });

  it('[SIMO3] refuses a duplicate campaign id and an empty scenario', () => {
    const twice =
      scenario().replace('campaigns:\n', 'campaigns:\n') + scenario().split('campaigns:\n')[1];
    expect(problems(twice)).toContain(
      'campaigns[1].id: expected a campaign id not already used (by campaigns[0]), found "renewals"',
    );
    const empty = scenario().split('campaigns:')[0] ?? '';
    expect(problems(empty)).toContain(
      'queues: expected at least 1 item (or a campaign in campaigns), found a list of 0',
    );
  });

  it('[SIMO3] runs a scenario campaign on the engine and dialer', () => {
    const parsed = parseScenario(scenario(), 'c.yaml');
    const campaign = parsed.campaigns?.[0];
    if (campaign === undefined) throw new Error('no campaign');
    const result = simulateCampaign(campaignRun(campaign, parsed.seed));
    expect(result.placed).toBeGreaterThan(50);
    expect(result.loggedInSeconds).toBeGreaterThanOrEqual(4 * 3600);
    expect(result.abandonRate).toBeLessThan(0.05);
  });
});
