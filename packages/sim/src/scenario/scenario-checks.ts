/** Checks across fields that the schema cannot see one field at a time. */
import {
  describeFound,
  formatPath,
  type IssuePath,
  type ValidationIssue,
} from '../validation/validation-issue.ts';
import { campaignIssues } from '../outbound/campaign-checks.ts';
import { secondsOfDay, type ClockTime } from './clock-time.ts';
import type { DayWindow, Scenario } from './scenario.ts';

type Issues = ValidationIssue[];

const quoted = (text: string): string => describeFound(text);

/** Reports every id after the first one it repeats. */
function checkUnique(
  ids: readonly string[],
  path: (index: number) => IssuePath,
  what: string,
  issues: Issues,
): void {
  const firstIndex = new Map<string, number>();
  ids.forEach((id, index) => {
    const first = firstIndex.get(id);
    if (first === undefined) firstIndex.set(id, index);
    else {
      const where = formatPath(path(first).slice(0, -1));
      issues.push({
        path: path(index),
        expected: `${what} not already used (by ${where})`,
        found: quoted(id),
      });
    }
  });
}

interface Span {
  start: ClockTime;
  end: ClockTime;
}

/**
 * Windows (arrival rates, shifts) lie within the day, run forwards and do not overlap.
 * `keys` names their start and end fields as the file spells them.
 */
function checkSpans(
  spans: readonly Span[],
  at: IssuePath,
  keys: readonly [string, string],
  day: DayWindow,
  issues: Issues,
): void {
  const [startKey, endKey] = keys;
  const dayStart = secondsOfDay(day.start);
  const dayEnd = secondsOfDay(day.end);
  const inDay = `a time within the day (${day.start}–${day.end})`;
  const forward: number[] = [];
  spans.forEach(({ start, end }, index) => {
    const [from, to] = [secondsOfDay(start), secondsOfDay(end)];
    if (from < dayStart || from >= dayEnd)
      issues.push({ path: [...at, index, startKey], expected: inDay, found: quoted(start) });
    if (to <= from) {
      issues.push({
        path: [...at, index, endKey],
        expected: `a time after ${startKey} (${start})`,
        found: quoted(end),
      });
    } else {
      if (to > dayEnd)
        issues.push({ path: [...at, index, endKey], expected: inDay, found: quoted(end) });
      forward.push(index);
    }
  });
  const byStart = forward.sort(
    (a, b) => secondsOfDay(spans[a]?.start ?? '') - secondsOfDay(spans[b]?.start ?? ''),
  );
  for (let k = 1; k < byStart.length; k++) {
    const [before, index] = [byStart[k - 1] as number, byStart[k] as number];
    const [previous, span] = [spans[before] as Span, spans[index] as Span];
    if (secondsOfDay(span.start) < secondsOfDay(previous.end)) {
      issues.push({
        path: [...at, index, startKey],
        expected: `a time at or after ${formatPath([...at, before, endKey])} (${previous.end}): windows must not overlap`,
        found: quoted(span.start),
      });
    }
  }
}

function checkDay(day: DayWindow, issues: Issues): boolean {
  if (secondsOfDay(day.end) > secondsOfDay(day.start)) return true;
  issues.push({
    path: ['day', 'end'],
    expected: `a time after day.start (${day.start})`,
    found: quoted(day.end),
  });
  return false;
}

/** Every skill a queue requires is held by some agent group, and one group holds them all. */
function checkQueueSkills(scenario: Scenario, issues: Issues): void {
  const known = new Set(scenario.agents.flatMap((agent) => Object.keys(agent.skills)));
  const knownList = [...known].sort().join(', ') || 'none';
  scenario.queues.forEach((queue, index) => {
    const required = Object.entries(queue.skills);
    const unknown = required.filter(([skill]) => !known.has(skill));
    for (const [skill] of unknown) {
      issues.push({
        path: ['queues', index, 'skills', skill],
        expected: `a skill some agent group has (${knownList})`,
        found: `${quoted(skill)}, which no agent has, so queue ${quoted(queue.id)} cannot be served`,
      });
    }
    if (unknown.length > 0) return;
    const served = scenario.agents.some((agent) =>
      required.every(([skill, min]) => (agent.skills[skill] ?? 0) >= min),
    );
    if (!served) {
      const needs = required.map(([skill, min]) => `${skill} ≥ ${min}`).join(', ');
      issues.push({
        path: ['queues', index, 'skills'],
        expected: `an agent group with ${needs} to serve queue ${quoted(queue.id)}`,
        found: 'no such agent group',
      });
    }
  });
}

function checkAgentSites(scenario: Scenario, issues: Issues): void {
  const sites = new Set(scenario.sites.map((site) => site.id));
  const listed = [...sites].join(', ') || 'none listed';
  scenario.agents.forEach((agent, index) => {
    if (agent.site !== undefined && !sites.has(agent.site)) {
      issues.push({
        path: ['agents', index, 'site'],
        expected: `a site id from sites (${listed})`,
        found: quoted(agent.site),
      });
    }
  });
}

/** The issues of a scenario that passed the schema; empty when it is consistent. */
export function scenarioIssues(scenario: Scenario): ValidationIssue[] {
  const issues: Issues = [];
  const campaigns = scenario.campaigns ?? [];
  // A scenario of campaigns only needs no inbound queue; inbound queues need agents.
  if (scenario.queues.length === 0 && campaigns.length === 0) {
    issues.push({
      path: ['queues'],
      expected: 'at least 1 item (or a campaign in campaigns)',
      found: 'a list of 0',
    });
  }
  if (scenario.agents.length === 0 && scenario.queues.length > 0) {
    issues.push({ path: ['agents'], expected: 'at least 1 item', found: 'a list of 0' });
  }
  issues.push(...campaignIssues(campaigns));
  checkUnique(
    scenario.queues.map((queue) => queue.id),
    (index) => ['queues', index, 'id'],
    'a queue id',
    issues,
  );
  checkUnique(
    scenario.agents.map((agent) => agent.name),
    (index) => ['agents', index, 'name'],
    'an agent group name',
    issues,
  );
  checkUnique(
    scenario.sites.map((site) => site.id),
    (index) => ['sites', index, 'id'],
    'a site id',
    issues,
  );
  checkQueueSkills(scenario, issues);
  checkAgentSites(scenario, issues);
  if (!checkDay(scenario.day, issues)) return issues; // windows cannot be placed in a reversed day
  scenario.queues.forEach((queue, index) => {
    if (!Array.isArray(queue.arrivals)) return; // history arrivals are checked when read
    const windows = queue.arrivals.map(({ from, to }) => ({ start: from, end: to }));
    checkSpans(windows, ['queues', index, 'arrivals'], ['from', 'to'], scenario.day, issues);
  });
  scenario.agents.forEach((agent, index) => {
    if (agent.shifts)
      checkSpans(agent.shifts, ['agents', index, 'shifts'], ['start', 'end'], scenario.day, issues);
  });
  return issues;
}
