import { describe, expect, it } from 'vitest';
import { countersOf, mergeRow, newRow, type Counters } from '../kpi/counters.ts';
import { buildReport } from '../report/build-report.ts';
import { BUCKET_MS } from '../time/buckets.ts';
import { EventLog, MIN, NINE, SEC } from '../testing/event-builder.ts';
import { Projection, type Dimension } from './projection.ts';

const project = (log: EventLog): Projection => {
  const p = new Projection();
  for (const event of log.events) p.apply(event);
  return p;
};
/** The non-zero counters of one entity's bucket. */
const at = (p: Projection, dimension: Dimension, id: string, bucket: number): Partial<Counters> => {
  const row = [...p.rows()].find(
    (r) => r.dimension === dimension && r.id === id && r.bucket === bucket,
  );
  if (row === undefined) return {};
  return Object.fromEntries(Object.entries(countersOf(row.values)).filter(([, v]) => v !== 0));
};
const world = (): EventLog => new EventLog().queue(NINE - MIN, 'q1').queue(NINE - MIN, 'q2');

describe('projection: contacts', () => {
  it('counts in the entry bucket; an abandon exactly at T is within T, one at 4 s is short', () => {
    const log = world()
      .arrive(NINE, 'c1')
      .connect(NINE + 10 * SEC, 'c1', 'a1', 10 * SEC)
      .arrive(NINE + MIN, 'c2')
      .abandon(NINE + MIN + 20 * SEC, 'c2', 20 * SEC)
      .arrive(NINE + 2 * MIN, 'c3')
      .abandon(NINE + 2 * MIN + 4 * SEC, 'c3', 4 * SEC)
      .arrive(NINE + 3 * MIN, 'c4')
      .connect(NINE + 3 * MIN + 30 * SEC, 'c4', 'a2', 30 * SEC);
    const expected = {
      offered: 4,
      answered: 2,
      answeredWithin: 1,
      abandoned: 2,
      abandonedShort: 1,
      abandonedWithin: 2,
      waitAnsweredMs: 40 * SEC,
      waitAbandonedMs: 24 * SEC,
      maxWaitMs: 30 * SEC,
    };
    const p = project(log);
    expect(at(p, 'queue', 'q1', NINE)).toEqual(expected);
    expect(at(p, 'client', 'acme', NINE)).toEqual(expected);
    expect(at(p, 'site', 'rabat', NINE)).toEqual(expected); // the queue's home site
    expect(at(p, 'agent', 'a2', NINE)).toEqual({
      answered: 1,
      waitAnsweredMs: 30 * SEC,
      maxWaitMs: 30 * SEC,
    });
    const report = buildReport(
      { dimension: 'queue', fromMs: NINE, toMs: NINE + 60 * MIN, intervalMinutes: 30, zone: 'UTC' },
      p.rows(),
      p.pauseRows(),
      (id) => p.ruleOf(id),
    );
    // Offered formula: ans(T) / (ans + ab − short) = 1 / (2 + 2 − 1).
    expect(report.totals[0]?.kpis.serviceLevel).toBeCloseTo(1 / 3, 12);
    expect(report.serviceLevel.q1).toEqual({
      formula: 'offered',
      text: 'ans(T) / (ans + ab − short)',
      thresholdSeconds: 20,
    });
  });

  it('a contact that spans two intervals counts where it entered; the agent where it answered', () => {
    const entered = NINE + 14 * MIN + 50 * SEC;
    const log = world()
      .arrive(entered, 'c5')
      .connect(NINE + 15 * MIN + 20 * SEC, 'c5', 'a1', 30 * SEC)
      .finish(NINE + 20 * MIN + 20 * SEC, 'c5', 'a1', 300 * SEC, 0, 30 * SEC);
    const p = project(log);
    expect(at(p, 'queue', 'q1', NINE)).toMatchObject({
      offered: 1,
      answered: 1,
      handled: 1,
      talkMs: 300 * SEC,
      wrapMs: 30 * SEC,
    });
    expect(at(p, 'queue', 'q1', NINE + BUCKET_MS)).toEqual({});
    expect(at(p, 'agent', 'a1', NINE + BUCKET_MS)).toMatchObject({
      answered: 1,
      handled: 1,
      talkMs: 300 * SEC,
    });
    // In Paris (UTC+1 in winter) the half hour is 10:00; AHT = (300 + 30) s / 1.
    const report = buildReport(
      {
        dimension: 'queue',
        fromMs: NINE,
        toMs: NINE + 60 * MIN,
        intervalMinutes: 30,
        zone: 'Europe/Paris',
      },
      p.rows(),
      p.pauseRows(),
      (id) => p.ruleOf(id),
    );
    expect(report.lines.map((l) => [l.id, l.start, l.kpis.ahtSeconds])).toEqual([
      ['q1', '2026-03-02T10:00', 330],
    ]);
  });

  it('a transfer: answered and transferred in the first queue, offered and handled in the second', () => {
    const log = world()
      .arrive(NINE, 'c6')
      .connect(NINE + 5 * SEC, 'c6', 'a1', 5 * SEC)
      .at(NINE + 5 * MIN, {
        type: 'contactTransferred',
        contactId: 'c6',
        fromQueueId: 'q1',
        toQueueId: 'q2',
        byAgentId: 'a1',
        talkMs: 295 * SEC,
        holdMs: 0,
      })
      .at(NINE + 5 * MIN, {
        type: 'contactQueued',
        contactId: 'c6',
        queueId: 'q2',
        reason: 'transfer',
        position: 1,
      })
      .connect(NINE + 5 * MIN + 10 * SEC, 'c6', 'a2', 10 * SEC, 'q2')
      .finish(NINE + 10 * MIN, 'c6', 'a2', 290 * SEC, 0, 0, 'q2');
    const p = project(log);
    expect(at(p, 'queue', 'q1', NINE)).toMatchObject({ offered: 1, answered: 1, transferred: 1 });
    expect(at(p, 'queue', 'q1', NINE).handled).toBeUndefined();
    expect(at(p, 'queue', 'q2', NINE)).toMatchObject({
      offered: 1,
      answered: 1,
      handled: 1,
      talkMs: 290 * SEC,
    });
    expect(at(p, 'agent', 'a1', NINE)).toMatchObject({ answered: 1, transferred: 1 });
    expect(at(p, 'agent', 'a2', NINE)).toMatchObject({ answered: 1, handled: 1 });
    expect(at(p, 'client', 'acme', NINE)).toMatchObject({
      offered: 2,
      answered: 2,
      transferred: 1,
      handled: 1,
    });
  });

  it('a callback is not an abandon; when due it is offered again in its own interval', () => {
    const log = world()
      .arrive(NINE, 'c7')
      .at(NINE + MIN, {
        type: 'callbackRequested',
        contactId: 'c7',
        queueId: 'q1',
        number: '+33612345678',
        dueAtMs: NINE + 30 * MIN,
        waitMs: MIN,
      })
      .at(NINE + 30 * MIN, {
        type: 'contactQueued',
        contactId: 'c7',
        queueId: 'q1',
        reason: 'callback-due',
        position: 1,
      })
      .connect(NINE + 30 * MIN + 5 * SEC, 'c7', 'a1', 5 * SEC);
    const p = project(log);
    expect(at(p, 'queue', 'q1', NINE)).toEqual({ offered: 1, callbacks: 1 });
    expect(at(p, 'queue', 'q1', NINE + 2 * BUCKET_MS)).toMatchObject({
      offered: 1,
      answered: 1,
      answeredWithin: 1,
    });
  });

  it('a full queue counts the contact as blocked, not offered; overflows count where they left', () => {
    const log = world()
      .at(NINE, {
        type: 'contactArrived',
        contactId: 'c8',
        queueId: 'q1',
        channel: 'voice',
        priority: 0,
      })
      .at(NINE, {
        type: 'contactOverflowed',
        contactId: 'c8',
        fromQueueId: 'q1',
        toQueueId: 'q2',
        reason: 'queue-full',
        waitMs: 0,
      })
      .at(NINE, {
        type: 'contactQueued',
        contactId: 'c8',
        queueId: 'q2',
        reason: 'overflow',
        position: 1,
      })
      .arrive(NINE, 'c9')
      .at(NINE + 5 * MIN, {
        type: 'contactOverflowed',
        contactId: 'c9',
        fromQueueId: 'q1',
        toQueueId: 'q2',
        reason: 'max-wait',
        waitMs: 5 * MIN,
      })
      .at(NINE + 5 * MIN, {
        type: 'contactQueued',
        contactId: 'c9',
        queueId: 'q2',
        reason: 'overflow',
        position: 2,
      });
    const p = project(log);
    expect(at(p, 'queue', 'q1', NINE)).toEqual({
      offered: 1,
      blocked: 1,
      overflowed: 1,
      maxWaitMs: 5 * MIN,
    });
    expect(at(p, 'queue', 'q2', NINE)).toEqual({ offered: 2 });
  });

  it('a requeue after an unanswered offer is the same visit, not a new offer', () => {
    const log = world()
      .arrive(NINE, 'c10')
      .at(NINE + 20 * SEC, {
        type: 'contactQueued',
        contactId: 'c10',
        queueId: 'q1',
        reason: 'requeue',
        position: 1,
      })
      .connect(NINE + 40 * SEC, 'c10', 'a1', 40 * SEC);
    expect(at(project(log), 'queue', 'q1', NINE)).toEqual({
      offered: 1,
      answered: 1,
      waitAnsweredMs: 40 * SEC,
      maxWaitMs: 40 * SEC,
    });
  });
});

describe('projection: agent time', () => {
  const day = (): EventLog =>
    world()
      .state(NINE, 'a1', 'loggedOut', 'available')
      .state(NINE + 10 * MIN, 'a1', 'available', 'paused', 'lunch')
      .state(NINE + 40 * MIN, 'a1', 'paused', 'available');

  it('an agent paused mid-interval: time split by quarter hour, pause time by code', () => {
    const p = project(day().state(NINE + 60 * MIN, 'a1', 'available', 'loggedOut'));
    expect(at(p, 'agent', 'a1', NINE)).toEqual({
      loggedInMs: 15 * MIN,
      availableMs: 10 * MIN,
      pausedMs: 5 * MIN,
    });
    expect(at(p, 'agent', 'a1', NINE + BUCKET_MS)).toEqual({
      loggedInMs: 15 * MIN,
      pausedMs: 15 * MIN,
    });
    expect(at(p, 'agent', 'a1', NINE + 2 * BUCKET_MS)).toEqual({
      loggedInMs: 15 * MIN,
      pausedMs: 10 * MIN,
      availableMs: 5 * MIN,
    });
    expect(at(p, 'site', 'rabat', NINE + 3 * BUCKET_MS)).toEqual({
      loggedInMs: 15 * MIN,
      availableMs: 15 * MIN,
    });
    const report = buildReport(
      { dimension: 'agent', fromMs: NINE, toMs: NINE + 60 * MIN, intervalMinutes: 60, zone: 'UTC' },
      p.rows(),
      p.pauseRows(),
      (id) => p.ruleOf(id),
    );
    expect(report.lines).toHaveLength(1);
    expect(report.lines[0]).toMatchObject({
      start: '2026-03-02T09:00',
      counters: { loggedInMs: 60 * MIN, availableMs: 30 * MIN, pausedMs: 30 * MIN },
      kpis: { utilisation: 0.5, occupancy: 0 },
      pauseSeconds: { lunch: 1800 },
    });
  });

  it('time in the current state counts up to now only when asked (open spans), and is not stored', () => {
    const p = project(day());
    const open = p.openSpans(NINE + 47 * MIN);
    expect(
      open.rows
        .filter((r) => r.dimension === 'agent')
        .map((r) => [r.bucket - NINE, countersOf(r.values).availableMs]),
    ).toEqual([
      [2 * BUCKET_MS, 5 * MIN],
      [3 * BUCKET_MS, 2 * MIN],
    ]);
    expect(at(p, 'agent', 'a1', NINE + 3 * BUCKET_MS)).toEqual({});
  });

  it('a day across the spring DST change of Europe/Paris: local hours 00, 01, then 03', () => {
    const start = Date.UTC(2026, 2, 28, 23, 30); // 00:30 CET
    const end = Date.UTC(2026, 2, 29, 1, 30); // 03:30 CEST
    const log = new EventLog()
      .state(start, 'a1', 'loggedOut', 'available')
      .state(end, 'a1', 'available', 'loggedOut');
    const p = project(log);
    const report = buildReport(
      {
        dimension: 'agent',
        fromMs: start - 30 * MIN,
        toMs: end + 30 * MIN,
        intervalMinutes: 60,
        zone: 'Europe/Paris',
      },
      p.rows(),
      p.pauseRows(),
      (id) => p.ruleOf(id),
    );
    expect(report.lines.map((l) => [l.start, l.counters.loggedInMs / MIN])).toEqual([
      ['2026-03-29T00:00', 30],
      ['2026-03-29T01:00', 60],
      ['2026-03-29T03:00', 30],
    ]);
  });
});

describe('projection: flushes and restarts', () => {
  it('flushed in pieces with a save and load between them, it adds up to one pass over the log', () => {
    const log = world()
      .state(NINE, 'a1', 'loggedOut', 'available')
      .arrive(NINE + MIN, 'c1')
      .connect(NINE + MIN + 3 * SEC, 'c1', 'a1', 3 * SEC)
      .state(NINE + MIN + 3 * SEC, 'a1', 'available', 'busy')
      .arrive(NINE + 2 * MIN, 'c2')
      .finish(NINE + 16 * MIN, 'c1', 'a1', 897 * SEC, 0, 20 * SEC)
      .state(NINE + 16 * MIN, 'a1', 'busy', 'wrapUp')
      .state(NINE + 16 * MIN + 20 * SEC, 'a1', 'wrapUp', 'available')
      .connect(NINE + 16 * MIN + 21 * SEC, 'c2', 'a1', 14 * MIN + 21 * SEC)
      .state(NINE + 16 * MIN + 21 * SEC, 'a1', 'available', 'paused', 'brief')
      .finish(NINE + 20 * MIN, 'c2', 'a1', 219 * SEC, 0, 0)
      .state(NINE + 31 * MIN, 'a1', 'paused', 'loggedOut');
    const whole = project(log);
    const stored = new Map<string, Float64Array>();
    const store = (
      rows: readonly { dimension: string; id: string; bucket: number; values: Float64Array }[],
    ) => {
      for (const row of rows) {
        const key = `${row.dimension}/${row.id}/${row.bucket}`;
        const into = stored.get(key) ?? newRow();
        mergeRow(into, row.values);
        stored.set(key, into);
      }
    };
    // Every 3 events: flush, save, and go on in a new projection loaded from the JSON.
    let p = new Projection();
    log.events.forEach((event, i) => {
      p.apply(event);
      if (i % 3 === 2) {
        store(p.flush().rows);
        p = Projection.load(JSON.parse(JSON.stringify(p.save())));
      }
    });
    store(p.flush().rows);
    expect(p.lastSeq).toBe(log.events.length);
    const expected = new Map(
      whole.rows().map((r) => [`${r.dimension}/${r.id}/${r.bucket}`, [...r.values]]),
    );
    expect(new Map([...stored].map(([k, v]) => [k, [...v]]))).toEqual(expected);
    expect(p.flush().rows).toEqual([]);
  });

  it('refuses a saved state it does not know', () => {
    expect(() => Projection.load({ version: 2 })).toThrow(/not a saved projection \(version 1\)/);
  });
});

describe('projection: the estimated waits given', () => {
  it('[RT5] measures each answered contact’s wait against the estimate it was told', () => {
    const log = world()
      .at(NINE, {
        type: 'contactArrived',
        contactId: 'c1',
        queueId: 'q1',
        channel: 'voice',
        priority: 0,
      })
      .at(NINE, {
        type: 'contactQueued',
        contactId: 'c1',
        queueId: 'q1',
        reason: 'arrival',
        position: 1,
        estimatedWaitMs: 30 * SEC,
      })
      .connect(NINE + 40 * SEC, 'c1', 'a1', 40 * SEC)
      .at(NINE, {
        type: 'contactArrived',
        contactId: 'c2',
        queueId: 'q1',
        channel: 'voice',
        priority: 0,
      })
      .at(NINE, {
        type: 'contactQueued',
        contactId: 'c2',
        queueId: 'q1',
        reason: 'arrival',
        position: 2,
        estimatedWaitMs: 60 * SEC,
      })
      .connect(NINE + 50 * SEC, 'c2', 'a2', 50 * SEC)
      // Told nothing (no figure yet): not measured.
      .arrive(NINE, 'c3')
      .connect(NINE + 5 * SEC, 'c3', 'a3', 5 * SEC);
    const p = project(log);
    // |40 − 30| + |50 − 60| = 20 s; the signed errors cancel out (0 is left out of `at`).
    expect(at(p, 'queue', 'q1', NINE)).toMatchObject({ ewtAnswered: 2, ewtAbsErrorMs: 20 * SEC });
    expect(at(p, 'queue', 'q1', NINE).ewtErrorMs).toBeUndefined();
    const report = buildReport(
      { dimension: 'queue', fromMs: NINE, toMs: NINE + 60 * MIN, intervalMinutes: 60, zone: 'UTC' },
      p.rows(),
      p.pauseRows(),
      (id) => p.ruleOf(id),
    );
    // |40 − 30| and |50 − 60|: a mean absolute error of 10 s, no bias.
    expect(report.totals[0]?.kpis).toMatchObject({ ewtMaeSeconds: 10, ewtBiasSeconds: 0 });
  });
});
