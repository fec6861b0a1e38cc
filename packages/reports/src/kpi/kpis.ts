// The KPIs of ../shared/docs/KPI.md from a counter row, each formula as written there.
import type { ServiceLevelFormula } from '@relais/engine';
import type { Counters } from './counters.ts';

export type { ServiceLevelFormula };

/** The service-level rule a report applies, printed with it. */
export interface ServiceLevelRule {
  formula: ServiceLevelFormula;
  thresholdSeconds: number;
  shortAbandonSeconds: number;
}

export const DEFAULT_RULE: ServiceLevelRule = {
  formula: 'offered',
  thresholdSeconds: 20,
  shortAbandonSeconds: 5,
};

/** How each formula reads, for report headers and exports. */
export const FORMULA_TEXT: Record<ServiceLevelFormula, string> = {
  answered: 'ans(T) / ans',
  offered: 'ans(T) / (ans + ab − short)',
  'abandon-neutral': 'ans(T) / (ans + ab − ab(T))',
  'abandon-positive': '(ans(T) + ab(T)) / (ans + ab)',
};

/** A ratio with nothing to divide is null ("no data"), never 0 or 100%. */
export interface Kpis {
  serviceLevel: number | null;
  asaSeconds: number | null;
  ahtSeconds: number | null;
  abandonRate: number | null;
  averageAbandonWaitSeconds: number | null;
  occupancy: number | null;
  utilisation: number | null;
  /** Mean absolute error of the waits announced to answered contacts (SPEC RT5), and its bias. */
  ewtMaeSeconds: number | null;
  ewtBiasSeconds: number | null;
}

const ratio = (num: number, den: number): number | null => (den > 0 ? num / den : null);

export function serviceLevel(c: Counters, formula: ServiceLevelFormula): number | null {
  switch (formula) {
    case 'answered':
      return ratio(c.answeredWithin, c.answered);
    case 'offered':
      return ratio(c.answeredWithin, c.answered + c.abandoned - c.abandonedShort);
    case 'abandon-neutral':
      return ratio(c.answeredWithin, c.answered + c.abandoned - c.abandonedWithin);
    case 'abandon-positive':
      return ratio(c.answeredWithin + c.abandonedWithin, c.answered + c.abandoned);
  }
}

export function kpisOf(c: Counters, formula: ServiceLevelFormula): Kpis {
  const handling = c.busyMs + c.wrapUpMs;
  const working = handling + c.availableMs + c.reservedMs;
  return {
    serviceLevel: serviceLevel(c, formula),
    asaSeconds: ratio(c.waitAnsweredMs / 1000, c.answered),
    ahtSeconds: ratio((c.talkMs + c.holdMs + c.wrapMs) / 1000, c.handled),
    abandonRate: ratio(c.abandoned - c.abandonedShort, c.offered - c.abandonedShort),
    averageAbandonWaitSeconds: ratio(c.waitAbandonedMs / 1000, c.abandoned),
    // Agent time: ringing (reserved) counts as waiting for work, not as handling.
    occupancy: ratio(handling, working),
    utilisation: ratio(working, c.loggedInMs),
    ewtMaeSeconds: ratio(c.ewtAbsErrorMs / 1000, c.ewtAnswered),
    ewtBiasSeconds: ratio(c.ewtErrorMs / 1000, c.ewtAnswered),
  };
}
