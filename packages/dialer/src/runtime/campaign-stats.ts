// Live campaign figures in the shape of the protocol's CampaignStats (RUN8); the server adds the
// campaign id, the ISO time and the agents' states it reads from the engine.
import type { CampaignRuntime } from './campaign-runtime.ts';
import type { DailyCounter } from './daily-counts.ts';

export interface CampaignFigures {
  readonly state: 'running' | 'paused' | 'stopped';
  readonly mode: 'preview' | 'progressive' | 'predictive';
  readonly effectiveMode: 'preview' | 'progressive' | 'predictive';
  readonly dialLevel: number;
  readonly linesInUse: number;
  /** The floor the pacer last applied, and its explanation ("why this dial level?"). */
  readonly floor: string | null;
  readonly explanation: string;
  readonly today: Readonly<Record<DailyCounter, number>>;
  /** Calls answered by a person / calls placed, today. */
  readonly answerRate: number;
  readonly abandonRate: {
    readonly window: number;
    readonly windowHours: number;
    readonly sinceStart: number;
  };
  readonly leadsByState: Record<string, number>;
  readonly blockedByReason: Record<string, number>;
  readonly gateChecks: number;
}

export function campaignFigures(runtime: CampaignRuntime, nowMs: number): CampaignFigures {
  const today = runtime.dailyCounts.on(nowMs);
  const leadsByState: Record<string, number> = {};
  for (const record of runtime.book.records) {
    leadsByState[record.state] = (leadsByState[record.state] ?? 0) + 1;
  }
  const decision = runtime.decision;
  return {
    state: runtime.state,
    mode: runtime.settings.mode,
    effectiveMode: decision?.effectiveMode ?? runtime.settings.mode,
    dialLevel: decision?.dialLevel ?? 0,
    linesInUse: runtime.linesInUse,
    floor: decision?.floor ?? null,
    explanation: decision?.explanation ?? 'not paced yet',
    today,
    answerRate: today.placed > 0 ? today.answeredHuman / today.placed : 0,
    abandonRate: {
      window: runtime.ledger.window(nowMs).rate,
      windowHours: runtime.ledger.windowHours,
      sinceStart: runtime.ledger.sinceStart().rate,
    },
    leadsByState,
    blockedByReason: Object.fromEntries(runtime.book.blockedByReason()),
    gateChecks: runtime.book.gateChecks,
  };
}
