// A contact as the API shows it, folded from its events in the log: the engine forgets contacts
// once they end, the log does not.
import type { EngineEvent } from '@relais/engine';
import type { ContactView } from '@relais/protocol';
import type { LoggedEvent } from '@relais/store';

export type { ContactView };

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
    foldDetails(view, event.body as EngineEvent);
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

/** What an agent desktop shows beside the state: the caller's data, offer and wrap-up deadlines. */
function foldDetails(view: ContactView, event: EngineEvent): void {
  switch (event.type) {
    case 'contactArrived':
      view.priority = event.priority;
      if (event.attributes !== undefined) view.attributes = event.attributes;
      break;
    case 'contactOffered':
      view.offerExpiresAtMs = event.expiresAtMs;
      break;
    case 'offerRevoked':
    case 'contactConnected':
      delete view.offerExpiresAtMs;
      break;
    case 'contactEnded':
      if (event.wrapUpUntilMs !== undefined) view.wrapUpUntilMs = event.wrapUpUntilMs;
      break;
    case 'dispositionSet':
      view.dispositionId = event.dispositionId;
      break;
    case 'contactCompleted':
      delete view.wrapUpUntilMs;
      if (event.dispositionId !== undefined) view.dispositionId = event.dispositionId;
      break;
    default:
      break;
  }
}
