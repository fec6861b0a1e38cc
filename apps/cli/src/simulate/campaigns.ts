// `relais simulate` for the campaigns of a scenario (issue 8): each campaign day once per
// replication (seed + replication), on the real engine and dialer runtime.
import { campaignRun, simulateCampaign, type Scenario } from '@relais/sim';

/** Means over the replications of one campaign's day. */
export interface CampaignFigures {
  mode: string;
  agents: number;
  placed: number;
  answeredHuman: number;
  dropped: number;
  talkShare: number;
  abandonRate: number;
  maxWindowAbandonRate: number;
}

export function simulateCampaigns(
  scenario: Scenario,
  seed: number,
  replications: number,
): Record<string, CampaignFigures> {
  const figures: Record<string, CampaignFigures> = {};
  for (const campaign of scenario.campaigns ?? []) {
    const sum = { placed: 0, answeredHuman: 0, dropped: 0, talkShare: 0, abandonRate: 0, max: 0 };
    for (let r = 0; r < replications; r++) {
      const day = simulateCampaign(campaignRun(campaign, seed + r));
      sum.placed += day.placed;
      sum.answeredHuman += day.answeredHuman;
      sum.dropped += day.dropped;
      sum.talkShare += day.talkShare;
      sum.abandonRate += day.abandonRate;
      sum.max = Math.max(sum.max, day.maxWindowAbandonRate);
    }
    figures[campaign.id] = {
      mode: campaign.mode,
      agents: campaign.agents,
      placed: sum.placed / replications,
      answeredHuman: sum.answeredHuman / replications,
      dropped: sum.dropped / replications,
      talkShare: sum.talkShare / replications,
      abandonRate: sum.abandonRate / replications,
      maxWindowAbandonRate: sum.max,
    };
  }
  return figures;
}

const pct = (value: number): string => `${(value * 100).toFixed(1)}%`;
const n = (value: number): string => value.toLocaleString('en-US', { maximumFractionDigits: 1 });

/** The campaigns' table printed by `relais simulate` without --json. */
export function campaignReport(figures: Record<string, CampaignFigures>): string {
  const header = [
    'campaign',
    'mode',
    'agents',
    'placed',
    'answered',
    'dropped',
    'talk share',
    'abandon',
    'max window',
  ];
  const rows = Object.entries(figures).map(([id, f]) => [
    id,
    f.mode,
    n(f.agents),
    n(f.placed),
    n(f.answeredHuman),
    n(f.dropped),
    pct(f.talkShare),
    pct(f.abandonRate),
    pct(f.maxWindowAbandonRate),
  ]);
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((cells) => (cells[i] ?? '').length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (i < 2 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [
    'Outbound campaigns (means per replication; max window: the highest abandon rate of the regulator window seen in any replication)',
    line(header),
    ...rows.map(line),
    'Talk share: talk time / logged-in time. Abandon: calls answered by a person and not connected to an agent within 2 s / calls answered by a person.',
  ].join('\n');
}
