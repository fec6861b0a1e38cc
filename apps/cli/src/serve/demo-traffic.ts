// `relais serve --demo`: live traffic on the demo network so that the API, the stream and the
// wallboard have something to show. Callers arrive (Poisson), agents answer after a short ring,
// talk for a while and set a disposition; callers who wait too long hang up. Everything goes
// through the tenant runtime, like any other client of the engine, and is logged. Only the
// agents named are simulated: an agent a person signs in as gets real offers and answers them.
import type { Command, EngineEvent } from '@relais/engine';
import type { TenantRuntime } from '@relais/server';

export interface DemoTraffic {
  stop(): void;
}

const exponential = (mean: number): number => -Math.log(1 - Math.random()) * mean;

/** Arrivals per second for the whole network: about 85% occupancy with 60 agents. */
const NETWORK_RATE = 0.65;
const LANGUAGE_SHARE: Record<string, number> = { fr: 0.7, ar: 0.2, en: 0.1 };
const MEAN_TALK_MS = 60_000;
const MEAN_PATIENCE_MS = 120_000;
const TICK_MS = 250;
/** What an IVR would pass along: the customer's number in the client's books and the menu choice. */
const REASONS = ['facture', 'résiliation', 'déménagement', 'panne', 'changement d’offre'];
const callerContext = (): Record<string, string> => ({
  client: `C-${100_000 + Math.floor(Math.random() * 900_000)}`,
  motif: REASONS[Math.floor(Math.random() * REASONS.length)] ?? 'autre',
});

export async function startDemoTraffic(
  runtime: TenantRuntime,
  queueIds: readonly string[],
  agentIds: readonly string[],
): Promise<DemoTraffic> {
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  const later = (ms: number, work: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      if (!stopped) work();
    }, ms);
    timers.add(timer);
  };
  // Commands may be refused when the world moved on (the caller hung up first): that is fine.
  const send = (command: Command): void => void runtime.execute(command).catch(() => undefined);

  const simulated = new Set(agentIds);
  for (const agentId of agentIds) {
    await runtime.execute({ type: 'login', agentId }).catch(() => undefined);
    await runtime.execute({ type: 'makeAvailable', agentId }).catch(() => undefined);
  }
  const unsubscribe = runtime.subscribe((events) => {
    for (const logged of events) {
      const event = logged.body as EngineEvent;
      if (!('agentId' in event) || event.agentId === undefined || !simulated.has(event.agentId))
        continue;
      if (event.type === 'contactOffered') {
        later(1000 + Math.random() * 3000, () =>
          send({ type: 'accept', agentId: event.agentId, contactId: event.contactId }),
        );
      } else if (event.type === 'contactConnected') {
        later(exponential(MEAN_TALK_MS), () => {
          send({
            type: 'setDisposition',
            contactId: event.contactId,
            dispositionId: Math.random() < 0.8 ? 'resolved' : 'follow-up',
          });
          send({ type: 'end', contactId: event.contactId });
        });
      }
    }
  });
  let next = 0;
  const tick = setInterval(() => {
    for (const queueId of queueIds) {
      const language = queueId.split('.').at(-1) ?? 'fr';
      const rate = (NETWORK_RATE * (LANGUAGE_SHARE[language] ?? 0.1) * 3) / queueIds.length;
      if (Math.random() >= rate * (TICK_MS / 1000)) continue;
      const contactId = `demo-${Date.now().toString(36)}-${(next++).toString(36)}`;
      send({ type: 'arrive', contact: { contactId, queueId, attributes: callerContext() } });
      // Once answered, the engine refuses the abandon: only callers still waiting hang up.
      later(exponential(MEAN_PATIENCE_MS), () => send({ type: 'abandon', contactId }));
    }
  }, TICK_MS);
  tick.unref();
  return {
    stop() {
      stopped = true;
      clearInterval(tick);
      for (const timer of timers) clearTimeout(timer);
      unsubscribe();
    },
  };
}
