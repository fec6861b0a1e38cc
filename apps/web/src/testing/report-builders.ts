// Builders for report tests: a report as GET /api/v1/reports answers it, and a fetch that answers
// by path (without the query), recording every URL asked for.
import type { ReportCounters, ReportKpis, ReportView } from '@relais/protocol';

export function makeCounters(overrides: Partial<ReportCounters> = {}): ReportCounters {
  return {
    offered: 0,
    answered: 0,
    answeredWithin: 0,
    abandoned: 0,
    abandonedShort: 0,
    abandonedWithin: 0,
    waitAnsweredMs: 0,
    waitAbandonedMs: 0,
    maxWaitMs: 0,
    transferred: 0,
    overflowed: 0,
    handled: 0,
    talkMs: 0,
    holdMs: 0,
    wrapMs: 0,
    loggedInMs: 0,
    availableMs: 0,
    busyMs: 0,
    wrapUpMs: 0,
    pausedMs: 0,
    ...overrides,
  };
}

export function makeKpis(overrides: Partial<ReportKpis> = {}): ReportKpis {
  return {
    serviceLevel: null,
    asaSeconds: null,
    ahtSeconds: null,
    abandonRate: null,
    averageAbandonWaitSeconds: null,
    occupancy: null,
    utilisation: null,
    ...overrides,
  };
}

/** Queue q1: 10 offered at 10:00 (8 answered, SL 0.75, ASA 12 s, AHT 245 s), 4 at 11:00. */
export function makeReport(overrides: Partial<ReportView> = {}): ReportView {
  const at10 = makeCounters({ offered: 10, answered: 8, abandoned: 2, handled: 8 });
  const at11 = makeCounters({ offered: 4, answered: 4, handled: 4 });
  const total = makeCounters({ offered: 14, answered: 12, abandoned: 2, handled: 12 });
  const kpis10 = makeKpis({
    serviceLevel: 0.75,
    asaSeconds: 12,
    ahtSeconds: 245,
    abandonRate: 0.2,
  });
  const kpis11 = makeKpis({ serviceLevel: 1, asaSeconds: 3, ahtSeconds: 200, abandonRate: 0 });
  const kpisTotal = makeKpis({
    serviceLevel: 0.8125,
    asaSeconds: 9,
    ahtSeconds: 230,
    abandonRate: 0.142857,
  });
  return {
    dimension: 'queue',
    zone: 'Africa/Casablanca',
    intervalMinutes: 60,
    from: '2026-04-05T23:00:00.000Z',
    to: '2026-04-06T23:00:00.000Z',
    serviceLevel: {
      q1: { formula: 'offered', text: 'ans(T) / (ans + ab − short)', thresholdSeconds: 20 },
    },
    lines: [
      {
        id: 'q1',
        start: '2026-04-06T10:00',
        startUtc: '2026-04-06T09:00:00.000Z',
        counters: at10,
        kpis: kpis10,
      },
      {
        id: 'q1',
        start: '2026-04-06T11:00',
        startUtc: '2026-04-06T10:00:00.000Z',
        counters: at11,
        kpis: kpis11,
      },
    ],
    totals: [{ id: 'q1', counters: total, kpis: kpisTotal }],
    total: { counters: total, kpis: kpisTotal },
    intervals: [
      {
        start: '2026-04-06T10:00',
        startUtc: '2026-04-06T09:00:00.000Z',
        counters: at10,
        kpis: kpis10,
      },
      {
        start: '2026-04-06T11:00',
        startUtc: '2026-04-06T10:00:00.000Z',
        counters: at11,
        kpis: kpis11,
      },
    ],
    intervalFormula: 'offered',
    lastSeq: 42,
    ...overrides,
  };
}

export type PathAnswer = { status?: number; body: unknown };

/**
 * A fetch answering by path (the part before `?`); `pending` paths never answer (a long report).
 * `asked` lists every URL in order.
 */
export function fetchByPath(
  routes: Record<string, PathAnswer | ((url: URL) => PathAnswer)>,
  pending: readonly string[] = [],
): { fetch: typeof fetch; asked: URL[] } {
  const asked: URL[] = [];
  const fetchImpl = (input: RequestInfo | URL): Promise<Response> => {
    const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const url = new URL(href, 'http://relais.test');
    asked.push(url);
    if (pending.includes(url.pathname)) return new Promise<Response>(() => undefined);
    const route = routes[url.pathname];
    const answer: PathAnswer =
      route === undefined
        ? { status: 404, body: { error: { code: 'NotFound', message: `no ${url.pathname}` } } }
        : typeof route === 'function'
          ? route(url)
          : route;
    return Promise.resolve(
      new Response(JSON.stringify(answer.body), {
        status: answer.status ?? 200,
        headers: { 'content-type': 'application/json' },
      }),
    );
  };
  return { fetch: fetchImpl, asked };
}
