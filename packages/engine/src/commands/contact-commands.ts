import {
  abandon,
  admit,
  completeContact,
  connect,
  detachFromAgent,
  endConversation,
  finish,
  revokeOffer,
  toCallback,
} from '../contacts/contact-flow.ts';
import { changePriority, leaveLine } from '../contacts/placement.ts';
import type { Core } from '../core.ts';
import type { NewContact, TransferTarget } from '../model/commands.ts';
import { DEFAULTS } from '../model/config.ts';
import { EngineError, illegal, invalid, unknown } from '../model/errors.ts';
import type { BodyOf, ContactState } from '../model/events.ts';
import type { ContactRuntime } from '../model/runtime.ts';
import { checkChannel, checkId } from '../model/validate.ts';

function contactOf(core: Core, contactId: string, where: string): ContactRuntime {
  const contact = core.contacts.get(contactId);
  if (!contact) throw unknown('Contact', contactId, where);
  return contact;
}

function expectState(
  contact: ContactRuntime,
  what: string,
  allowed: readonly ContactState[],
): void {
  if (!allowed.includes(contact.state)) {
    throw illegal(what, contact.state, { contactId: contact.id, allowed });
  }
}

const WAITING: readonly ContactState[] = ['queued', 'waitingPreferred'];
const CONNECTED: readonly ContactState[] = ['connected'];
const WRAP_UP: readonly ContactState[] = ['wrapUp'];
const CONNECTED_OR_WRAP_UP: readonly ContactState[] = ['connected', 'wrapUp'];
const ABANDONABLE: readonly ContactState[] = ['queued', 'waitingPreferred', 'offered'];
const CANCELLABLE: readonly ContactState[] = ['queued', 'waitingPreferred', 'offered', 'scheduled'];
const TRANSFERABLE: readonly ContactState[] = ['queued', 'waitingPreferred', 'connected'];

/** A new contact enters a queue (SPEC CON1). */
export function arrive(core: Core, input: NewContact): void {
  checkId('contact.contactId', input.contactId);
  if (core.contacts.has(input.contactId)) {
    throw new EngineError(
      'DuplicateContact',
      `contact "${input.contactId}" is already in progress`,
      {
        contactId: input.contactId,
      },
    );
  }
  const queue = core.queues.get(input.queueId);
  if (!queue) throw unknown('Queue', input.queueId, 'contact.queueId');
  const channel = input.channel ?? queue.channel;
  checkChannel('contact.channel', channel);
  const priority = input.priority ?? 0;
  if (!Number.isInteger(priority) || Math.abs(priority) > 1000) {
    throw invalid('contact.priority', 'an integer from -1000 to 1000', priority);
  }
  const preferred =
    input.preferredAgentId === undefined ? undefined : core.agents.get(input.preferredAgentId);
  if (input.preferredAgentId !== undefined && !preferred) {
    throw unknown('Agent', input.preferredAgentId, 'contact.preferredAgentId');
  }
  const site = input.siteId === undefined ? undefined : core.sites.get(input.siteId);
  if (input.siteId !== undefined && !site) throw unknown('Site', input.siteId, 'contact.siteId');
  const wait = input.preferredWaitSeconds;
  if (wait !== undefined && (typeof wait !== 'number' || !(wait >= 0))) {
    throw invalid('contact.preferredWaitSeconds', 'a number of seconds ≥ 0', wait);
  }
  const attributes = input.attributes;
  if (attributes !== undefined) {
    for (const [key, value] of Object.entries(attributes)) {
      if (typeof value !== 'string') throw invalid(`contact.attributes.${key}`, 'a string', value);
    }
  }
  if (input.callbackNumber !== undefined) checkId('contact.callbackNumber', input.callbackNumber);
  const callbackAt = input.callbackAtMs;
  if (callbackAt !== undefined) {
    if (typeof callbackAt !== 'number' || !(callbackAt > core.nowMs)) {
      throw invalid('contact.callbackAtMs', `a time after now (${core.nowMs})`, callbackAt);
    }
    if (input.callbackNumber === undefined) {
      throw invalid('contact.callbackNumber', 'the number to call back at callbackAtMs', undefined);
    }
    if (channel !== 'voice' && channel !== 'callback') {
      throw invalid('contact.channel', 'voice or callback for a scheduled callback', channel);
    }
  }

  const contact = core.newContact(input.contactId, queue, channel, priority, site);
  contact.callbackNumber = input.callbackNumber;
  if (preferred) {
    contact.preferredAgent = preferred;
    const seconds =
      wait ?? queue.config.preferredAgentWaitSeconds ?? DEFAULTS.preferredAgentWaitSeconds;
    contact.preferredUntilMs = core.nowMs + seconds * 1000;
  }
  core.contacts.add(contact);
  const arrived: BodyOf<'contactArrived'> = {
    type: 'contactArrived',
    contactId: contact.id,
    queueId: queue.id,
    channel,
    priority,
  };
  if (attributes) arrived.attributes = { ...attributes };
  if (preferred) arrived.preferredAgentId = preferred.id;
  if (input.callbackNumber !== undefined) arrived.callbackNumber = input.callbackNumber;
  if (site) arrived.siteId = site.id;
  core.emit(arrived);
  if (callbackAt !== undefined && input.callbackNumber !== undefined) {
    // CBK3: scheduled at once, never in line before its time.
    toCallback(core, contact, input.callbackNumber, callbackAt, 0);
    return;
  }
  admit(core, contact, queue, 'arrival');
}

function offeredTo(core: Core, agentId: string, contactId: string, what: string): ContactRuntime {
  const contact = core.contacts.get(contactId);
  // The usual case needs one lookup: the contact rings at the agent named.
  if (contact?.state === 'offered' && contact.agent?.id === agentId) return contact;
  if (!core.agents.has(agentId)) throw unknown('Agent', agentId, `${what}.agentId`);
  if (!contact) throw unknown('Contact', contactId, `${what}.contactId`);
  throw illegal(what, contact.state, {
    contactId,
    agentId,
    needs: `to be ringing at agent "${agentId}"`,
    offeredTo: contact.agent?.id,
  });
}

export function accept(core: Core, agentId: string, contactId: string): void {
  connect(core, offeredTo(core, agentId, contactId, 'accept'));
}

export function decline(core: Core, agentId: string, contactId: string): void {
  revokeOffer(core, offeredTo(core, agentId, contactId, 'decline'), 'declined');
}

export function hold(core: Core, contactId: string): void {
  const contact = contactOf(core, contactId, 'hold.contactId');
  expectState(contact, 'hold', CONNECTED);
  if (contact.holdStartMs !== undefined)
    throw illegal('hold', 'connected', { contactId, needs: 'to be off hold' });
  contact.holdStartMs = core.nowMs;
  core.emit({ type: 'contactHeld', contactId, agentId: contact.agent?.id ?? '' });
}

export function retrieve(core: Core, contactId: string): void {
  const contact = contactOf(core, contactId, 'retrieve.contactId');
  expectState(contact, 'retrieve', CONNECTED);
  const start = contact.holdStartMs;
  if (start === undefined) {
    throw illegal('retrieve', 'connected', { contactId, needs: 'to be on hold' });
  }
  contact.holdStartMs = undefined;
  contact.holdMs += core.nowMs - start;
  core.emit({
    type: 'contactRetrieved',
    contactId,
    agentId: contact.agent?.id ?? '',
    holdMs: core.nowMs - start,
  });
}

export function end(core: Core, contactId: string): void {
  const contact = contactOf(core, contactId, 'end.contactId');
  expectState(contact, 'end', CONNECTED);
  endConversation(core, contact);
}

export function setDisposition(core: Core, contactId: string, dispositionId: string): void {
  const contact = contactOf(core, contactId, 'setDisposition.contactId');
  if (!core.dispositions.has(dispositionId)) {
    throw unknown('Disposition', dispositionId, 'setDisposition.dispositionId');
  }
  expectState(contact, 'setDisposition', CONNECTED_OR_WRAP_UP);
  contact.dispositionId = dispositionId;
  core.emit({ type: 'dispositionSet', contactId, agentId: contact.agent?.id ?? '', dispositionId });
}

export function endWrapUp(core: Core, contactId: string): void {
  const contact = contactOf(core, contactId, 'endWrapUp.contactId');
  expectState(contact, 'endWrapUp', WRAP_UP);
  completeContact(core, contact);
}

export function abandonContact(core: Core, contactId: string): void {
  const contact = contactOf(core, contactId, 'abandon.contactId');
  expectState(contact, 'abandon', ABANDONABLE);
  // The customer of a callback is not on the line; cancel it instead (SPEC CBK2).
  if (contact.channel === 'callback')
    throw illegal('abandon', contact.state, {
      contactId,
      needs: 'a customer on the line (a callback has none: cancel it instead)',
    });
  abandon(core, contact);
}

export function cancel(core: Core, contactId: string, reason = 'cancelled'): void {
  const contact = contactOf(core, contactId, 'cancel.contactId');
  expectState(contact, 'cancel', CANCELLABLE);
  if (contact.state === 'offered') revokeOffer(core, contact, 'cancelled');
  core.emit({ type: 'contactCancelled', contactId, queueId: contact.queue.id, reason });
  finish(core, contact, 'cancelled');
}

/** To a queue or to an agent by name, from the line or from a conversation (SPEC TRF1). */
export function transfer(core: Core, contactId: string, to: TransferTarget): void {
  const contact = contactOf(core, contactId, 'transfer.contactId');
  expectState(contact, 'transfer', TRANSFERABLE);
  const targetAgent = 'agentId' in to ? core.agents.get(to.agentId) : undefined;
  if ('agentId' in to && !targetAgent) throw unknown('Agent', to.agentId, 'transfer.to.agentId');
  const queue = 'queueId' in to ? core.queues.get(to.queueId) : contact.queue;
  if (!queue) throw unknown('Queue', (to as { queueId: string }).queueId, 'transfer.to.queueId');
  const from = contact.queue;
  let by: { agentId: string; talkMs: number; holdMs: number } | undefined;
  if (contact.state === 'connected') {
    const detached = detachFromAgent(core, contact);
    by = { agentId: detached.agent.id, talkMs: detached.talkMs, holdMs: detached.holdMs };
  } else {
    leaveLine(contact);
  }
  core.emit({
    type: 'contactTransferred',
    contactId,
    fromQueueId: from.id,
    toQueueId: queue.id,
    ...(targetAgent ? { toAgentId: targetAgent.id } : {}),
    ...(by ? { byAgentId: by.agentId, talkMs: by.talkMs, holdMs: by.holdMs } : {}),
  });
  contact.preferredAgent = targetAgent;
  if (targetAgent) {
    const seconds = queue.config.preferredAgentWaitSeconds ?? DEFAULTS.preferredAgentWaitSeconds;
    contact.preferredUntilMs = core.nowMs + seconds * 1000;
  }
  admit(core, contact, queue, 'transfer');
}

export function transferOut(core: Core, contactId: string, destination: string): void {
  const contact = contactOf(core, contactId, 'transferOut.contactId');
  expectState(contact, 'transferOut', TRANSFERABLE);
  checkId('transferOut.destination', destination);
  let by: { agentId: string; talkMs: number; holdMs: number } | undefined;
  if (contact.state === 'connected') {
    const detached = detachFromAgent(core, contact);
    by = { agentId: detached.agent.id, talkMs: detached.talkMs, holdMs: detached.holdMs };
  }
  core.emit({
    type: 'contactTransferredOut',
    contactId,
    queueId: contact.queue.id,
    destination,
    ...(by ? { agentId: by.agentId, talkMs: by.talkMs, holdMs: by.holdMs } : {}),
  });
  finish(core, contact, 'transferredOut');
}

/** The customer chooses to be called back instead of waiting (SPEC CBK1). */
export function requestCallback(
  core: Core,
  contactId: string,
  number: string,
  atMs?: number,
): void {
  const contact = contactOf(core, contactId, 'requestCallback.contactId');
  expectState(contact, 'requestCallback', WAITING);
  if (contact.channel !== 'voice') {
    throw illegal('requestCallback', contact.state, {
      contactId,
      needs: `a voice contact, not ${contact.channel}`,
    });
  }
  checkId('requestCallback.number', number);
  if (atMs !== undefined && (typeof atMs !== 'number' || !(atMs > core.nowMs))) {
    throw invalid('requestCallback.atMs', `a time after now (${core.nowMs})`, atMs);
  }
  toCallback(core, contact, number, atMs, core.nowMs - contact.enqueuedAtMs);
}

/** A supervisor raises a waiting contact's own priority (negative: lowers it); a transfer keeps it. */
export function raisePriority(core: Core, contactId: string, by: number): void {
  const contact = contactOf(core, contactId, 'raisePriority.contactId');
  expectState(contact, 'raisePriority', WAITING);
  if (typeof by !== 'number' || !Number.isInteger(by) || by === 0 || Math.abs(by) > 1000)
    throw invalid('raisePriority.by', 'a non-zero integer from -1000 to 1000', by);
  if (Math.abs(contact.basePriority + by) > 1_000_000)
    throw invalid('raisePriority.by', 'a raise keeping the priority within ±1,000,000', by);
  contact.basePriority += by;
  changePriority(core, contact, contact.priority + by);
  core.emit({
    type: 'contactPriorityRaised',
    contactId,
    queueId: contact.queue.id,
    by,
    priority: contact.priority,
  });
}
