import { holdSlot, moveSlot, refreshAgent, releaseSlot } from '../agents/agent-flow.ts';
import type { Core } from '../core.ts';
import { MISSED_OFFERS_PAUSE, slotIndex } from '../model/config.ts';
import type { BodyOf, Decision, EventOf } from '../model/events.ts';
import type { ContactRuntime } from '../model/runtime.ts';
import { type AgentRuntime, type QueueRuntime } from '../model/runtime.ts';
import {
  joinQueue,
  leaveLine,
  maxWaitAt,
  placeInBucket,
  positionInLine,
  rejoinAtPlace,
  scheduleContact,
} from './placement.ts';

/** Overflow may push a contact through at most this many queues (SPEC OVF4). */
const MAX_OVERFLOW_HOPS = 8;

/** Offers a waiting contact to an agent; the offer holds a slot until answered (SPEC CON4). */
export function offer(
  core: Core,
  contact: ContactRuntime,
  agent: AgentRuntime,
  decision: Decision,
): void {
  leaveLine(contact);
  contact.state = 'offered';
  contact.agent = agent;
  contact.offeredAtMs = core.nowMs;
  const seconds = contact.queue.offerTimeoutSeconds;
  contact.offerExpiresAtMs =
    core.nowMs + (seconds === undefined ? core.settings.offerTimeoutMs : seconds * 1000);
  holdSlot(agent, contact);
  agent.lastOfferSeq = ++core.offerSeq;
  core.decisions++;
  core.emit({
    type: 'contactOffered',
    contactId: contact.id,
    queueId: contact.queue.id,
    agentId: agent.id,
    channel: contact.channel,
    expiresAtMs: contact.offerExpiresAtMs,
    decision,
  });
  if (agent.autoAnswer) {
    // SPEC AGT8: answered at once, so the agent goes straight from free to busy.
    connect(core, contact);
  } else {
    scheduleContact(core, contact);
  }
  refreshAgent(core, agent, contact.slot, true);
}

type RevokeReason = EventOf<'offerRevoked'>['reason'];

/** Withdraws a ringing offer; declined, timed-out and logout offers go back in line (SPEC AGT5). */
export function revokeOffer(core: Core, contact: ContactRuntime, reason: RevokeReason): void {
  const agent = contact.agent as AgentRuntime;
  core.emit({
    type: 'offerRevoked',
    contactId: contact.id,
    queueId: contact.queue.id,
    agentId: agent.id,
    reason,
    ringMs: core.nowMs - contact.offeredAtMs,
  });
  releaseSlot(agent, contact, 'offer');
  contact.agent = undefined;
  if (reason === 'timeout') {
    agent.missedOffers++;
    if (agent.missedOffers >= core.settings.missedOffersBeforePause) {
      // SPEC AGT6: too many missed offers in a row pauses the agent.
      if (agent.heldTotal === 0) agent.paused = MISSED_OFFERS_PAUSE;
      else agent.pendingPause = MISSED_OFFERS_PAUSE;
    }
  }
  if (reason === 'declined' || reason === 'timeout' || reason === 'logout') {
    rejoinAtPlace(core, contact, 'requeue');
  }
  // SPEC AGT5: the agent goes to the back of the idle order on that channel.
  refreshAgent(core, agent, contact.slot, true);
}

export function connect(core: Core, contact: ContactRuntime): void {
  const agent = contact.agent as AgentRuntime;
  contact.state = 'connected';
  contact.connectedAtMs = core.nowMs;
  moveSlot(agent, 'offer', 'connected');
  agent.missedOffers = 0;
  const waitMs = core.nowMs - contact.enqueuedAtMs;
  contact.queue.stats.recordAnswer(waitMs, core.nowMs);
  core.emit({
    type: 'contactConnected',
    contactId: contact.id,
    queueId: contact.queue.id,
    agentId: agent.id,
    channel: contact.channel,
    waitMs,
    ringMs: core.nowMs - contact.offeredAtMs,
  });
  scheduleContact(core, contact);
  refreshAgent(core, agent, -1, false);
}

/** Closes a hold in progress and returns talk and hold time of the conversation so far. */
function conversationTimes(
  core: Core,
  contact: ContactRuntime,
): { talkMs: number; holdMs: number } {
  if (contact.holdStartMs !== undefined) {
    contact.holdMs += core.nowMs - contact.holdStartMs;
    contact.holdStartMs = undefined;
  }
  const holdMs = contact.holdMs;
  return { talkMs: core.nowMs - contact.connectedAtMs - holdMs, holdMs };
}

/** The conversation ends; wrap-up starts, timed or until the agent ends it (SPEC CON5). */
export function endConversation(core: Core, contact: ContactRuntime): void {
  const agent = contact.agent as AgentRuntime;
  const { talkMs, holdMs } = conversationTimes(core, contact);
  contact.endedAtMs = core.nowMs;
  contact.state = 'wrapUp';
  moveSlot(agent, 'connected', 'wrapping');
  const wrapUpMs = contact.queue.wrapUpMs;
  contact.wrapUpUntilMs = wrapUpMs === undefined ? undefined : core.nowMs + wrapUpMs;
  const ended: BodyOf<'contactEnded'> = {
    type: 'contactEnded',
    contactId: contact.id,
    queueId: contact.queue.id,
    agentId: agent.id,
    talkMs,
    holdMs,
  };
  if (contact.wrapUpUntilMs !== undefined) ended.wrapUpUntilMs = contact.wrapUpUntilMs;
  core.emit(ended);
  if (contact.wrapUpUntilMs === core.nowMs) {
    completeContact(core, contact);
    return;
  }
  scheduleContact(core, contact);
  refreshAgent(core, agent, -1, false);
}

/** Wrap-up is over: the contact is completed and the agent's slot is free (SPEC CON5). */
export function completeContact(core: Core, contact: ContactRuntime): void {
  const agent = contact.agent as AgentRuntime;
  releaseSlot(agent, contact, 'wrapping');
  const handleMs = core.nowMs - contact.connectedAtMs;
  agent.handledMs += handleMs;
  contact.queue.stats.recordHandle(handleMs);
  const completed: BodyOf<'contactCompleted'> = {
    type: 'contactCompleted',
    contactId: contact.id,
    queueId: contact.queue.id,
    agentId: agent.id,
    wrapMs: core.nowMs - contact.endedAtMs,
  };
  if (contact.dispositionId !== undefined) completed.dispositionId = contact.dispositionId;
  core.emit(completed);
  finish(core, contact, 'completed');
  refreshAgent(core, agent, -1, true);
}

/** Lets a connected contact go from its agent (transfers); returns the conversation times. */
export function detachFromAgent(
  core: Core,
  contact: ContactRuntime,
): { agent: AgentRuntime; talkMs: number; holdMs: number } {
  const agent = contact.agent as AgentRuntime;
  const times = conversationTimes(core, contact);
  releaseSlot(agent, contact, 'connected');
  agent.handledMs += core.nowMs - contact.connectedAtMs;
  contact.agent = undefined;
  contact.holdMs = 0;
  refreshAgent(core, agent, -1, true);
  return { agent, ...times };
}

/** Marks a contact terminal and forgets it (SPEC CON2: exactly one terminal state). */
export function finish(
  core: Core,
  contact: ContactRuntime,
  state: 'completed' | 'abandoned' | 'cancelled' | 'expired' | 'transferredOut',
): void {
  // Only a contact waiting in line has line nodes to leave (the others are not fetched).
  if (contact.state === 'queued' || contact.state === 'waitingPreferred') leaveLine(contact);
  contact.state = state;
  core.setTimer(contact, undefined);
  core.contacts.delete(contact);
  core.retire(contact);
}

/** The customer hangs up while waiting or ringing (SPEC CON6). */
export function abandon(core: Core, contact: ContactRuntime): void {
  const agent = contact.agent;
  if (contact.state === 'offered') revokeOffer(core, contact, 'abandoned');
  const waitMs = core.nowMs - contact.enqueuedAtMs;
  const position = contact.ageNode.inHeap ? positionInLine(contact) : 1;
  contact.queue.stats.recordAbandon(waitMs);
  const abandoned: BodyOf<'contactAbandoned'> = {
    type: 'contactAbandoned',
    contactId: contact.id,
    queueId: contact.queue.id,
    waitMs,
    position,
  };
  if (agent) abandoned.agentId = agent.id;
  core.emit(abandoned);
  finish(core, contact, 'abandoned');
}

/** Maximum wait reached or queue full: the queue's overflow action decides (SPEC OVF1–OVF4). */
export function overflow(
  core: Core,
  contact: ContactRuntime,
  reason: 'max-wait' | 'queue-full',
): void {
  const from = contact.queue;
  const action = from.overflow;
  const waitMs = core.nowMs - contact.enqueuedAtMs;
  leaveLine(contact);
  if (action.kind === 'queue' && contact.overflowHops < MAX_OVERFLOW_HOPS) {
    contact.overflowHops++;
    const to = core.queues.get(action.queueId);
    if (to) {
      core.emit({
        type: 'contactOverflowed',
        contactId: contact.id,
        fromQueueId: from.id,
        toQueueId: to.id,
        reason,
        waitMs,
      });
      admit(core, contact, to, 'overflow');
      return;
    }
  }
  if (
    action.kind === 'callback' &&
    contact.callbackNumber !== undefined &&
    contact.channel === 'voice'
  ) {
    if (reason === 'queue-full') {
      contact.enqueuedAtMs = core.nowMs;
      contact.order = ++core.orderSeq;
    }
    toCallback(core, contact, contact.callbackNumber, undefined, waitMs);
    return;
  }
  const kind = action.kind === 'voicemail' ? 'voicemail' : 'disconnect';
  core.emit({
    type: 'contactExpired',
    contactId: contact.id,
    queueId: from.id,
    reason,
    waitMs,
    action: kind,
  });
  finish(core, contact, 'expired');
  if (action.kind === 'voicemail') leaveVoicemail(core, contact, action.queueId);
}

function leaveVoicemail(core: Core, parent: ContactRuntime, queueId: string): void {
  const queue = core.queues.get(queueId);
  if (!queue) return;
  let id = `${parent.id}#voicemail`;
  for (let n = 2; core.contacts.has(id); n++) id = `${parent.id}#voicemail${n}`;
  const task = core.newContact(id, queue, 'task', parent.basePriority, parent.site);
  task.callbackNumber = parent.callbackNumber;
  core.contacts.add(task);
  core.emit({
    type: 'contactArrived',
    contactId: id,
    queueId: queue.id,
    channel: 'task',
    priority: parent.basePriority,
    parentId: parent.id,
    ...(parent.callbackNumber === undefined ? {} : { callbackNumber: parent.callbackNumber }),
    ...(parent.site ? { siteId: parent.site.id } : {}),
  });
  admit(core, task, queue, 'overflow');
}

/** Admits a contact to a queue, or overflows it at once when the queue is full (SPEC QUE2). */
export function admit(
  core: Core,
  contact: ContactRuntime,
  queue: QueueRuntime,
  reason: 'arrival' | 'transfer' | 'overflow',
): void {
  const maxSize = queue.maxSize;
  if (maxSize !== undefined && queue.waiting >= maxSize) {
    contact.queue = queue;
    contact.enqueuedAtMs = core.nowMs;
    contact.state = 'queued';
    overflow(core, contact, 'queue-full');
    return;
  }
  joinQueue(core, contact, queue, reason);
}

/** The customer will be called back: at a time, or when reached, keeping its place (SPEC CBK1). */
export function toCallback(
  core: Core,
  contact: ContactRuntime,
  number: string,
  dueAtMs: number | undefined,
  waitMs: number,
): void {
  leaveLine(contact);
  contact.channel = 'callback';
  contact.slot = slotIndex('callback');
  contact.callbackNumber = number;
  core.emit({
    type: 'callbackRequested',
    contactId: contact.id,
    queueId: contact.queue.id,
    number,
    waitMs,
    ...(dueAtMs === undefined ? {} : { dueAtMs }),
  });
  if (dueAtMs !== undefined) {
    contact.state = 'scheduled';
    contact.callbackDueAtMs = dueAtMs;
    scheduleContact(core, contact);
  } else {
    contact.preferredAgent = undefined;
    rejoinAtPlace(core, contact, 'requeue');
  }
}

/** A routing step's time has come: widen or change the requirements (SPEC STP1–STP3). */
export function reachStep(core: Core, contact: ContactRuntime, index: number): void {
  const step = contact.queue.steps[index];
  if (!step) return;
  contact.step = index;
  contact.priority += step.raisePriority;
  core.emit({
    type: 'contactStepReached',
    contactId: contact.id,
    queueId: contact.queue.id,
    step: index,
    afterSeconds: step.afterMs / 1000,
  });
  const target = step.moveToQueue === undefined ? undefined : core.queues.get(step.moveToQueue);
  leaveLine(contact);
  if (target && contact.overflowHops >= MAX_OVERFLOW_HOPS) {
    // SPEC OVF4: a cycle of step moves ends like an overflow cycle.
    const waitMs = core.nowMs - contact.enqueuedAtMs;
    core.emit({
      type: 'contactExpired',
      contactId: contact.id,
      queueId: contact.queue.id,
      reason: 'max-wait',
      waitMs,
      action: 'disconnect',
    });
    finish(core, contact, 'expired');
    return;
  }
  if (target) {
    contact.overflowHops++;
    core.emit({
      type: 'contactOverflowed',
      contactId: contact.id,
      fromQueueId: contact.queue.id,
      toQueueId: target.id,
      reason: 'step',
      waitMs: core.nowMs - contact.enqueuedAtMs,
    });
    admit(core, contact, target, 'overflow');
    return;
  }
  const age = contact.ageNode;
  contact.queue.waitingByAge.push(age);
  placeInBucket(core, contact);
  scheduleContact(core, contact);
}

/** A contact's deadline has come; what it means depends on its state (SPEC TMR1). */
export function fireTimer(core: Core, contact: ContactRuntime): void {
  switch (contact.state) {
    case 'offered':
      revokeOffer(core, contact, 'timeout');
      return;
    case 'wrapUp':
      completeContact(core, contact);
      return;
    case 'scheduled':
      contact.callbackDueAtMs = undefined;
      joinQueue(core, contact, contact.queue, 'callback-due');
      return;
    case 'waitingPreferred':
    case 'queued': {
      const expiry = maxWaitAt(contact);
      if (expiry !== undefined && expiry <= core.nowMs) {
        overflow(core, contact, 'max-wait');
        return;
      }
      if (contact.state === 'waitingPreferred') {
        endPreferredWait(core, contact);
        return;
      }
      reachStep(core, contact, contact.step + 1);
      return;
    }
    default:
      return;
  }
}

/** The preferred agent did not come in time: route the contact normally (SPEC MAT8). */
export function endPreferredWait(core: Core, contact: ContactRuntime): void {
  const agent = contact.preferredAgent;
  leaveLine(contact);
  contact.preferredAgent = undefined;
  if (agent) {
    core.emit({
      type: 'preferredWaitEnded',
      contactId: contact.id,
      queueId: contact.queue.id,
      agentId: agent.id,
    });
  }
  contact.queue.waitingByAge.push(contact.ageNode);
  placeInBucket(core, contact);
  scheduleContact(core, contact);
}
