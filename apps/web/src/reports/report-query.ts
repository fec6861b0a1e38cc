// What a report asks the server: the settings a user picks, checked here first (the server checks
// again), and the one URL both the page's JSON and the CSV download are read from.
import type { ReportDimension, ReportIntervalSize, Role } from '@relais/protocol';

export interface ReportSettings {
  /** Local dates YYYY-MM-DD; `to` is included. */
  from: string;
  to: string;
  interval: ReportIntervalSize;
  dimension: ReportDimension;
  /** Only these entities; empty: all the caller may see. */
  ids: readonly string[];
  /** An IANA zone; undefined: the server's default (the first site's). */
  zone?: string | undefined;
}

export const MAX_DAYS = 93;

/** The dimensions a role may report on, as the server's scope allows (report-scope.ts). */
export function dimensionsFor(role: Role): ReportDimension[] {
  switch (role) {
    case 'admin':
    case 'planner':
      return ['queue', 'client', 'site', 'agent'];
    case 'supervisor':
      return ['queue', 'site', 'agent'];
    case 'clientViewer':
      return ['queue', 'client'];
    case 'agent':
      return ['agent'];
  }
}

const DAY_MS = 86_400_000;
const dayMs = (date: string): number => Date.parse(`${date}T00:00:00Z`);
export const addDays = (date: string, days: number): string =>
  new Date(dayMs(date) + days * DAY_MS).toISOString().slice(0, 10);

/** Today's date where the browser is, as YYYY-MM-DD. */
export function today(nowMs: number): string {
  const d = new Date(nowMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

export type SettingsProblem = 'badRange' | 'tooLong';

/** Why these settings cannot be asked for, or undefined when they can. */
export function problemOf(settings: ReportSettings): SettingsProblem | undefined {
  const from = dayMs(settings.from);
  const to = dayMs(settings.to);
  if (Number.isNaN(from) || Number.isNaN(to) || to < from) return 'badRange';
  if ((to - from) / DAY_MS + 1 > MAX_DAYS) return 'tooLong';
  return undefined;
}

export function daysOf(settings: ReportSettings): number {
  return Math.round((dayMs(settings.to) - dayMs(settings.from)) / DAY_MS) + 1;
}

/** GET /api/v1/reports with these settings, as JSON or as a CSV file. */
export function reportUrl(
  settings: ReportSettings,
  format: 'json' | 'csv' = 'json',
  separator: ',' | ';' = ',',
): string {
  const query = new URLSearchParams({
    dimension: settings.dimension,
    from: settings.from,
    to: addDays(settings.to, 1),
    interval: settings.interval,
  });
  if (settings.ids.length > 0) query.set('ids', settings.ids.join(','));
  if (settings.zone !== undefined) query.set('zone', settings.zone);
  if (format === 'csv') {
    query.set('format', 'csv');
    query.set('separator', separator);
  }
  return `/api/v1/reports?${query.toString()}`;
}
