// The three shapes of `relais plan`: a table for people, CSV for spreadsheets, JSON for tools.
import { isoDate, type StaffingPlan } from '@relais/wfm';
import { localStart } from './forecast-flags.ts';
import { rounded } from './wfm-flags.ts';
import type { WhatIfInterval } from './what-if.ts';

const pct = (value: number): string => `${(value * 100).toFixed(1)}%`;

/** The plan as one JSON object. */
export function planJson(
  plan: StaffingPlan,
  header: Record<string, unknown>,
  whatIf: WhatIfInterval[] | undefined,
) {
  return {
    ...header,
    intervalMinutes: plan.intervalMinutes,
    siteShares: plan.sites,
    shortIntervals: plan.shortIntervals,
    queues: plan.queues.map((q) => ({
      start: localStart(q.day, q.startSeconds),
      queue: q.queue,
      offered: rounded(q.offered, 2),
      ahtSeconds: rounded(q.ahtSeconds, 1),
      trafficErlangs: rounded(q.staffing.trafficErlangs, 4),
      agents: q.staffing.agents,
      positions: q.staffing.positions,
      ...(q.staffing.fractionalAgents === undefined
        ? {}
        : {
            fractionalAgents: rounded(q.staffing.fractionalAgents, 4),
            fractionalPositions: rounded(q.staffing.fractionalPositions ?? 0, 4),
          }),
      serviceLevel: rounded(q.staffing.serviceLevel, 4),
      pAbandon: rounded(q.staffing.pAbandon, 4),
      asaSeconds: rounded(q.staffing.asaSeconds, 2),
      occupancy: rounded(q.staffing.occupancy, 4),
    })),
    siteIntervals: plan.siteIntervals.map((s) => ({
      start: localStart(s.day, s.startSeconds),
      site: s.site,
      requiredPositions: s.requiredPositions,
      scheduledPositions: s.scheduledPositions,
      gap: s.gap,
    })),
    ...(whatIf === undefined
      ? {}
      : {
          whatIf: whatIf.map((w) => ({
            start: localStart(w.day, w.startSeconds),
            queue: w.queue,
            agents: w.agents,
            offered: {
              predicted: rounded(w.offered.predicted, 2),
              simulated: rounded(w.offered.simulated, 2),
            },
            serviceLevel: {
              predicted: rounded(w.serviceLevel.predicted, 4),
              simulated: rounded(w.serviceLevel.simulated, 4),
              ci95: rounded(w.serviceLevel.ci95, 4),
            },
            abandonRate: {
              predicted: rounded(w.abandonRate.predicted, 4),
              simulated: rounded(w.abandonRate.simulated, 4),
              ci95: rounded(w.abandonRate.ci95, 4),
            },
          })),
        }),
  };
}

/** One CSV table: a row per queue interval (level queue) and per site interval (level site). */
export function planCsv(plan: StaffingPlan): string {
  const lines = [
    'start,level,name,offered,aht_seconds,agents,positions,scheduled,gap,service_level,p_abandon,occupancy',
  ];
  const cell = (text: string): string =>
    /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  for (const q of plan.queues) {
    const s = q.staffing;
    lines.push(
      [
        localStart(q.day, q.startSeconds),
        'queue',
        cell(q.queue),
        q.offered.toFixed(2),
        q.ahtSeconds.toFixed(1),
        s.agents,
        s.positions,
        '',
        '',
        s.serviceLevel.toFixed(4),
        s.pAbandon.toFixed(4),
        s.occupancy.toFixed(4),
      ].join(','),
    );
  }
  for (const s of plan.siteIntervals) {
    lines.push(
      [
        localStart(s.day, s.startSeconds),
        'site',
        cell(s.site),
        '',
        '',
        '',
        s.requiredPositions,
        s.scheduledPositions ?? '',
        s.gap ?? '',
        '',
        '',
        '',
      ].join(','),
    );
  }
  return lines.join('\n');
}

/** A table per interval: agents per queue, then each site's required and scheduled positions. */
export function planTable(plan: StaffingPlan, whatIf: WhatIfInterval[] | undefined): string {
  const queues = [...new Set(plan.queues.map((q) => q.queue))];
  const sites = plan.sites.map((s) => s.site);
  const lines = [
    `agents per queue; positions per site (required / scheduled, gap; SHORT where fewer are scheduled)`,
    `${'start'.padEnd(17)}${queues.map((q) => q.padStart(7)).join('')}  ${sites.map((s) => `| ${s.padEnd(22)}`).join('')}`,
  ];
  const agents = new Map(
    plan.queues.map((q) => [`${q.day} ${q.startSeconds} ${q.queue}`, q.staffing.agents]),
  );
  const siteRows = new Map(
    plan.siteIntervals.map((s) => [`${s.day} ${s.startSeconds} ${s.site}`, s]),
  );
  const starts = [...new Map(plan.queues.map((q) => [`${q.day} ${q.startSeconds}`, q])).values()];
  for (const { day, startSeconds } of starts) {
    const perQueue = queues.map((q) => agents.get(`${day} ${startSeconds} ${q}`) ?? 0);
    const perSite = sites.map((site) => siteRows.get(`${day} ${startSeconds} ${site}`));
    if (perQueue.every((n) => n === 0) && perSite.every((s) => s?.scheduledPositions == null))
      continue;
    const siteText = perSite.map((s) => {
      if (s === undefined) return '| '.padEnd(24);
      const scheduled = s.scheduledPositions === null ? '—' : String(s.scheduledPositions);
      const gap =
        s.gap === null ? '' : `${s.gap >= 0 ? '+' : ''}${s.gap}${s.gap < 0 ? ' SHORT' : ''}`;
      return `| ${`${s.requiredPositions} / ${scheduled} ${gap}`.padEnd(22)}`;
    });
    lines.push(
      `${localStart(day, startSeconds).replace('T', ' ').slice(0, 16).padEnd(17)}${perQueue.map((n) => String(n).padStart(7)).join('')}  ${siteText.join('')}`,
    );
  }
  lines.push(
    '',
    `${plan.shortIntervals} site interval${plan.shortIntervals === 1 ? '' : 's'} short of positions`,
  );
  if (whatIf !== undefined) {
    lines.push('', 'what-if on the simulator: predicted vs simulated (± 95% half-width)');
    lines.push(
      `${'start'.padEnd(17)}${'queue'.padEnd(8)}${'agents'.padStart(7)}${'offered'.padStart(16)}${'service level'.padStart(26)}${'abandon rate'.padStart(26)}`,
    );
    for (const w of whatIf) {
      lines.push(
        `${localStart(w.day, w.startSeconds).replace('T', ' ').slice(0, 16).padEnd(17)}${w.queue.padEnd(8)}${String(w.agents).padStart(7)}${`${w.offered.predicted.toFixed(1)} / ${w.offered.simulated.toFixed(1)}`.padStart(16)}${`${pct(w.serviceLevel.predicted)} / ${pct(w.serviceLevel.simulated)} ± ${pct(w.serviceLevel.ci95)}`.padStart(26)}${`${pct(w.abandonRate.predicted)} / ${pct(w.abandonRate.simulated)} ± ${pct(w.abandonRate.ci95)}`.padStart(26)}`,
      );
    }
  }
  return lines.join('\n');
}

/** "from 1999-02-15, 7 days" */
export function planSpan(plan: StaffingPlan): string {
  const days = [...new Set(plan.queues.map((q) => q.day))];
  return days.length === 0
    ? 'no interval'
    : `${isoDate(Math.min(...days))} to ${isoDate(Math.max(...days))}`;
}
