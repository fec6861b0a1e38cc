// A contact as the API shows it, folded from its events in the log: the engine forgets contacts
// once they end, the log does not.
import type { LoggedEvent } from '@relais/store';

export interface ContactView {
  id: string;
  queueId: string;
  channel?: string;
  state: string;
  agentId?: string;
  arrivedAtMs: number;
  updatedAtMs: number;
  lastEvent: string;
  events: number;
}

const STATE_OF: Record<string, string> = {
  contactArrived: 'queued',
  contactQueued: 'queued',
  contactWaitingForAgent: 'waitingPreferred',
  preferredWaitEnded: 'queued',
  contactOffered: 'offered',
  offerRevoked: 'queued',
  contactConnected: 'connected',
  contactHeld: 'held',
  contactRetrieved: 'connected',
  contactEnded: 'wrapUp',
  contactCompleted: 'completed',
  contactAbandoned: 'abandoned',
  contactCancelled: 'cancelled',
  contactExpired: 'expired',
  contactTransferredOut: 'transferredOut',
  contactTransferred: 'queued',
  contactOverflowed: 'queued',
  callbackRequested: 'scheduled',
};

export function foldContact(id: string, events: readonly LoggedEvent[]): ContactView | undefined {
  const first = events[0];
  if (first === undefined) return undefined;
  const view: ContactView = {
    id,
    queueId: first.refs.queueId ?? '',
    state: 'queued',
    arrivedAtMs: first.atMs,
    updatedAtMs: first.atMs,
    lastEvent: first.type,
    events: 0,
  };
  for (const event of events) {
    const body = event.body as { channel?: string; agentId?: string; expired?: string };
    const state = STATE_OF[event.type];
    if (state !== undefined) view.state = state;
    if (event.refs.queueId !== undefined) view.queueId = event.refs.queueId;
    if (typeof body.channel === 'string') view.channel = body.channel;
    if (event.type === 'contactOffered' || event.type === 'contactConnected')
      view.agentId = String(body.agentId);
    if (event.type === 'offerRevoked') delete view.agentId;
    view.updatedAtMs = event.atMs;
    view.lastEvent = event.type;
    view.events++;
  }
  return view;
}
