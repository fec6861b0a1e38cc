import { Engine, type EventOf, type WaitExplanation } from '@relais/engine';
import { buildDemoNetwork, DEMO_WRAP_UP_SECONDS } from './demo-network.ts';
import { WorkloadDriver } from './driver.ts';
import { DEFAULT_WORKLOAD, type WorkloadOptions } from './workload-options.ts';
import { configureNetwork, type Network } from './network.ts';
import { QueueKpis, type QueueKpiRow } from './queue-kpis.ts';

export interface DemoDay {
  network: Network;
  hours: number;
  rows: QueueKpiRow[];
  /** Handling / (handling + available) over the day, all agents. */
  occupancy: number;
  /** A routing decision in which the engine weighed several agents. */
  offer: EventOf<'contactOffered'> | undefined;
  /** The engine's answer for a contact still waiting after its first routing step. */
  waiting: WaitExplanation | undefined;
  /** How the estimated wait given at arrival compared with the wait of answered contacts. */
  ewt: EwtAccuracy;
}

/** KPI.md: the EWT's error measured against what contacts actually waited (answered only). */
export interface EwtAccuracy {
  /** Answered contacts that had an estimate at arrival. */
  contacts: number;
  meanAbsoluteErrorSeconds: number;
  /** Mean of (actual − estimate): positive when the engine promised too short a wait. */
  meanErrorSeconds: number;
  /** Mean actual wait of the same contacts, for scale. */
  meanWaitSeconds: number;
}

/** A small centre's day: busier than the benchmark, so some contacts wait and some abandon. */
export const DEMO_WORKLOAD: Omit<WorkloadOptions, 'seed'> = {
  ...DEFAULT_WORKLOAD,
  occupancy: 0.88,
  talkMeanSeconds: 180,
  wrapUpSeconds: DEMO_WRAP_UP_SECONDS,
  abandonShare: 0.4,
  patienceMeanSeconds: 60,
  pauseShare: 0.04,
  pauseSeconds: [300, 600],
  declineShare: 0.01,
};

/** Routing examples are taken once the day is under way, not from the empty morning. */
const EXAMPLE_AFTER_MS = 15 * 60 * 1000;

/**
 * The decision worth showing: an agent choosing among several waiting contacts, else a contact
 * choosing among agents of different sites, else any choice among several candidates.
 */
function betterExample(
  kept: EventOf<'contactOffered'> | undefined,
  e: EventOf<'contactOffered'>,
): EventOf<'contactOffered'> | undefined {
  const rank = (o: EventOf<'contactOffered'> | undefined): number => {
    const candidates = o?.decision.candidates ?? [];
    if (candidates.length < 2) return 0;
    if (o?.decision.trigger === 'agent') return 3;
    return new Set(candidates.map((c) => c.score[0])).size > 1 ? 2 : 1;
  };
  return rank(e) > rank(kept) ? e : kept;
}

/**
 * Plays `hours` of traffic on the demo network against the real engine, then lets the contacts
 * still in progress finish, and computes the day's KPIs from the events.
 */
export function runDemoDay(seed: number, hours: number): DemoDay {
  const network = buildDemoNetwork(seed);
  const engine = new Engine();
  configureNetwork(engine, network);
  const driver = new WorkloadDriver(engine, network, { ...DEMO_WORKLOAD, seed });
  const kpis = new QueueKpis(network.queues.map((queue) => queue.id));
  let offer: EventOf<'contactOffered'> | undefined;
  let waiting: WaitExplanation | undefined;
  const estimates = new Map<string, number>();
  const ewt = { contacts: 0, absErrorMs: 0, errorMs: 0, waitMs: 0 };
  driver.beforeArrive = (queueId, contactId) => {
    const estimate = engine.queueStatus(queueId).estimatedWaitMs;
    if (estimate !== undefined) estimates.set(contactId, estimate);
  };
  driver.onEvents = (events) => {
    kpis.observe(events);
    for (const e of events) {
      if (e.type === 'contactConnected') {
        const estimate = estimates.get(e.contactId);
        if (estimate !== undefined) {
          ewt.contacts++;
          ewt.absErrorMs += Math.abs(e.waitMs - estimate);
          ewt.errorMs += e.waitMs - estimate;
          ewt.waitMs += e.waitMs;
        }
      }
      if (e.type === 'contactCompleted' || e.type === 'contactAbandoned') {
        estimates.delete(e.contactId);
      }
      if (e.type === 'contactOffered' && e.atMs >= EXAMPLE_AFTER_MS)
        offer = betterExample(offer, e);
      if (waiting === undefined && e.type === 'contactStepReached') {
        const answer = engine.whyWaiting(e.contactId);
        if (answer.state === 'queued') waiting = answer;
      }
    }
  };
  const endMs = hours * 3600 * 1000;
  driver.arrivalsUntilMs = endMs;
  driver.agentTime.open(0);
  driver.start();
  while (driver.step(endMs));
  driver.agentTime.close(endMs);
  const occupancy = driver.agentTime.occupancy;
  // After closing time: no new contacts; those in progress are answered or abandon.
  while (driver.step());
  const per = (ms: number): number => (ewt.contacts === 0 ? 0 : ms / ewt.contacts / 1000);
  return {
    network,
    hours,
    rows: kpis.rows(),
    occupancy,
    offer,
    waiting,
    ewt: {
      contacts: ewt.contacts,
      meanAbsoluteErrorSeconds: per(ewt.absErrorMs),
      meanErrorSeconds: per(ewt.errorMs),
      meanWaitSeconds: per(ewt.waitMs),
    },
  };
}
