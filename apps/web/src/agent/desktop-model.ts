// What the agent desktop knows, folded from the agent's status and then its events from the
// stream. Pure: the same status and events give the same model, whatever arrived when.
import type { AgentEvent, AgentState, AgentStatusView, ContactView } from '@relais/protocol';

export type ContactPhase = 'offered' | 'connected' | 'wrapUp';

export interface HeldContact {
  contactId: string;
  queueId: string;
  channel: string;
  phase: ContactPhase;
  /** Server times (ms since 1970). */
  offerExpiresAtMs?: number;
  connectedAtMs?: number;
  wrapUpUntilMs?: number;
  /** When wrap-up began (server time), when this desktop saw it begin. */
  wrapUpSinceMs?: number;
  dispositionId?: string;
  attributes?: Record<string, string>;
  /** On hold (a connected contact only); the caller hears music on a call. */
  held?: boolean;
  /** When the hold began (server time), when known: a status read says held, not since when. */
  heldSinceMs?: number;
}

export interface DesktopModel {
  agentId: string;
  state: AgentState;
  /** Server time the state began, when known (a status read does not say). */
  stateSinceMs?: number;
  pauseReason?: string;
  pendingPause?: string;
  /** Offered, connected or in wrap-up, oldest first. */
  contacts: HeldContact[];
  /** The last event folded in: a reconnection asks for what follows it. */
  lastSeq: number;
}

const PHASE_OF: Record<string, ContactPhase | undefined> = {
  offered: 'offered',
  connected: 'connected',
  held: 'connected',
  wrapUp: 'wrapUp',
};

/** The model from a status read and the views of the contacts it holds. */
export function fromStatus(
  status: AgentStatusView,
  views: readonly (ContactView | undefined)[],
): DesktopModel {
  const contacts = status.contacts.map((held): HeldContact => {
    const view = views.find((v) => v?.id === held.contactId);
    const contact: HeldContact = {
      contactId: held.contactId,
      queueId: view?.queueId ?? '',
      channel: held.channel,
      phase: PHASE_OF[held.state] ?? 'connected',
      ...(held.state === 'held' ? { held: true } : {}),
    };
    return view === undefined ? contact : withView(contact, view);
  });
  return {
    agentId: status.agentId,
    state: status.state,
    ...(status.pauseReason === undefined ? {} : { pauseReason: status.pauseReason }),
    ...(status.pendingPause === undefined ? {} : { pendingPause: status.pendingPause }),
    contacts,
    lastSeq: status.seq,
  };
}

/** Adds what the contact's view tells (the caller's data, deadlines) to a held contact. */
export function withView(contact: HeldContact, view: ContactView): HeldContact {
  return {
    ...contact,
    queueId: view.queueId,
    ...(view.attributes === undefined ? {} : { attributes: view.attributes }),
    ...(contact.phase === 'offered' && view.offerExpiresAtMs !== undefined
      ? { offerExpiresAtMs: view.offerExpiresAtMs }
      : {}),
    ...(contact.phase === 'wrapUp' && view.wrapUpUntilMs !== undefined
      ? { wrapUpUntilMs: view.wrapUpUntilMs }
      : {}),
    ...(view.dispositionId === undefined ? {} : { dispositionId: view.dispositionId }),
    ...heldFromView(contact, view),
  };
}

/**
 * A view says the contact is held; it says since when only if the hold is its last event (its
 * updatedAtMs is then the hold's time). An event already folded in wins over the view.
 */
function heldFromView(contact: HeldContact, view: ContactView): Partial<HeldContact> {
  if (contact.phase !== 'connected' || view.state !== 'held') return {};
  if (contact.heldSinceMs !== undefined) return {};
  return view.lastEvent === 'contactHeld'
    ? { held: true, heldSinceMs: view.updatedAtMs }
    : { held: true };
}

/** The contact off hold. */
function offHold(contact: HeldContact): HeldContact {
  const next = { ...contact };
  delete next.held;
  delete next.heldSinceMs;
  return next;
}

const without = (model: DesktopModel, contactId: string): HeldContact[] =>
  model.contacts.filter((c) => c.contactId !== contactId);

const update = (
  model: DesktopModel,
  contactId: string,
  change: (contact: HeldContact) => HeldContact,
): HeldContact[] => model.contacts.map((c) => (c.contactId === contactId ? change(c) : c));

/** Folds one event in; events at or before lastSeq (a replay's overlap) change nothing. */
export function applyEvent(model: DesktopModel, event: AgentEvent): DesktopModel {
  if (event.seq <= model.lastSeq) return model;
  const next = { ...model, lastSeq: event.seq };
  switch (event.type) {
    case 'agentStateChanged': {
      if (event.agentId !== model.agentId) return next;
      const changed: DesktopModel = {
        agentId: next.agentId,
        state: event.to,
        stateSinceMs: event.atMs,
        contacts: next.contacts,
        lastSeq: next.lastSeq,
      };
      if (event.to === 'paused' && event.reason !== undefined) changed.pauseReason = event.reason;
      // A pending pause is what this change just started, or it still waits.
      if (next.pendingPause !== undefined && event.to !== 'paused')
        changed.pendingPause = next.pendingPause;
      return changed;
    }
    case 'agentPauseRequested':
      return event.agentId === model.agentId ? { ...next, pendingPause: event.reason } : next;
    case 'contactOffered':
      if (event.agentId !== model.agentId) return next;
      return {
        ...next,
        contacts: [
          ...without(model, event.contactId),
          {
            contactId: event.contactId,
            queueId: event.queueId,
            channel: event.channel,
            phase: 'offered',
            offerExpiresAtMs: event.expiresAtMs,
          },
        ],
      };
    case 'contactConnected':
      return {
        ...next,
        contacts: update(model, event.contactId, (c) => {
          const connected: HeldContact = { ...c, phase: 'connected', connectedAtMs: event.atMs };
          delete connected.offerExpiresAtMs;
          return connected;
        }),
      };
    case 'contactHeld':
      return {
        ...next,
        contacts: update(model, event.contactId, (c) =>
          c.phase === 'connected' ? { ...c, held: true, heldSinceMs: event.atMs } : c,
        ),
      };
    case 'contactRetrieved':
      return { ...next, contacts: update(model, event.contactId, offHold) };
    case 'contactEnded':
      return {
        ...next,
        contacts: update(model, event.contactId, (c) => ({
          ...offHold(c),
          phase: 'wrapUp',
          wrapUpSinceMs: event.atMs,
          ...(event.wrapUpUntilMs === undefined ? {} : { wrapUpUntilMs: event.wrapUpUntilMs }),
        })),
      };
    case 'dispositionSet':
      return {
        ...next,
        contacts: update(model, event.contactId, (c) => ({
          ...c,
          dispositionId: event.dispositionId,
        })),
      };
    case 'offerRevoked':
    case 'contactCompleted':
    case 'contactAbandoned':
    case 'contactTransferred':
    case 'contactTransferredOut':
      return { ...next, contacts: without(model, event.contactId) };
  }
}

/** The contact the desktop shows first: a ringing offer, else the conversation, else wrap-up. */
export function focusedContact(model: DesktopModel): HeldContact | undefined {
  for (const phase of ['offered', 'connected', 'wrapUp'] as const) {
    const found = model.contacts.find((c) => c.phase === phase);
    if (found !== undefined) return found;
  }
  return undefined;
}
