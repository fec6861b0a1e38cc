// Builders for the web app's tests: protocol values with defaults, overridden where a test cares.
import type { AgentEvent, AgentStatusView, ContactView } from '@relais/protocol';

export function makeStatus(overrides: Partial<AgentStatusView> = {}): AgentStatusView {
  return {
    agentId: 'casa-07',
    siteId: 'casa',
    state: 'available',
    contacts: [],
    canTake: ['voice'],
    missedOffers: 0,
    handledMs: 0,
    seq: 10,
    nowMs: 1_000_000,
    ...overrides,
  };
}

let nextSeq = 100;
/** An event with the next seq and the given fields (seq and atMs may be overridden). */
export function makeEvent<E extends AgentEvent>(
  event: Omit<E, 'seq' | 'atMs'> & Partial<Pick<E, 'seq' | 'atMs'>>,
): E {
  const seq = event.seq ?? ++nextSeq;
  return { atMs: 1_000_000 + seq, ...event, seq } as E;
}

/** A contact's view as GET /api/v1/contacts/:id gives it (connected to casa-07 by default). */
export function makeContactView(overrides: Partial<ContactView> = {}): ContactView {
  return {
    id: 'c1',
    queueId: 'orbitel.fr',
    channel: 'voice',
    state: 'connected',
    agentId: 'casa-07',
    arrivedAtMs: 1_000_000,
    updatedAtMs: 1_000_500,
    lastEvent: 'contactConnected',
    events: 4,
    ...overrides,
  };
}
