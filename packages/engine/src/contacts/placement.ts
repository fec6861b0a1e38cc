import { IndexedHeap } from '../collections/indexed-heap.ts';
import type { Core } from '../core.ts';
import type { BodyOf, QueueReason } from '../model/events.ts';
import { estimatedWaitMs } from '../queries/estimated-wait.ts';
import type { ContactRuntime, QueueRuntime } from '../model/runtime.ts';
import type { Bucket } from '../routing/bucket.ts';
import { selectAgent } from '../routing/select-agent.ts';
import { offer } from './contact-flow.ts';

/** Starts a new visit of the contact to a queue: a new place in line, step 0 (SPEC CON3). */
export function joinQueue(
  core: Core,
  contact: ContactRuntime,
  queue: QueueRuntime,
  reason: QueueReason,
): void {
  contact.queue = queue;
  contact.enqueuedAtMs = core.nowMs;
  contact.order = ++core.orderSeq;
  contact.step = 0;
  contact.priority = queue.priority + contact.basePriority;
  enterLine(core, contact, reason);
}

/** Puts the contact back in line at the place it had (offer not answered, SPEC AGT5). */
export function rejoinAtPlace(core: Core, contact: ContactRuntime, reason: QueueReason): void {
  enterLine(core, contact, reason);
}

function enterLine(core: Core, contact: ContactRuntime, reason: QueueReason): void {
  const queue = contact.queue;
  const preferred = contact.preferredAgent;
  const waitsForPreferred =
    preferred !== undefined && contact.preferredUntilMs > core.nowMs && preferred.loggedIn;
  // An arrival with nothing else to route (the work list is empty) and a free eligible agent is
  // offered at once: the drain would route it first and find the same agent, so it is not filed
  // in the bucket's and the queue's lines only to leave them again (SPEC PERF7).
  let choice: ReturnType<typeof selectAgent>;
  const matchedFirst = reason === 'arrival' && !waitsForPreferred && core.work.length === 0;
  if (matchedFirst) {
    contact.preferredAgent = undefined;
    contact.bucket = bucketOf(core, contact);
    contact.state = 'queued';
    choice = selectAgent(core, contact);
  }
  // The wait a contact joining now is told, before it joins (SPEC RT4, RT5): 0 when nobody is
  // ahead and the agent just chosen is free (the step-0 bucket of the queue's channel).
  let estimate: number | undefined;
  if (reason !== 'requeue') {
    if (choice !== undefined && queue.waiting === 0 && contact.channel === queue.channel) {
      estimate = 0;
    } else {
      const serving = core.topology.countServing(queue, 0, queue.channel);
      estimate = estimatedWaitMs(queue, serving.eligible, serving.available, queue.waiting);
    }
  }
  // Its place counts the contacts already waiting, itself not yet among them.
  const queued: BodyOf<'contactQueued'> = {
    type: 'contactQueued',
    contactId: contact.id,
    queueId: queue.id,
    reason,
    position: reason === 'requeue' ? positionInLine(contact) : queue.waiting + 1,
  };
  // Set after, not spread in: a spread builds and copies a second object on every arrival.
  if (estimate !== undefined) queued.estimatedWaitMs = Math.round(estimate);
  core.emit(queued);
  if (choice !== undefined) {
    offer(core, contact, choice.agent, choice.decision);
    return;
  }
  const age = contact.ageNode;
  age.k1 = contact.enqueuedAtMs;
  age.k2 = contact.order;
  queue.waitingByAge.push(age);
  if (waitsForPreferred) {
    contact.state = 'waitingPreferred';
    setLineKeys(contact);
    (preferred.preferredWaiting ??= new IndexedHeap()).push(contact.bucketNode);
    core.emit({
      type: 'contactWaitingForAgent',
      contactId: contact.id,
      queueId: queue.id,
      agentId: preferred.id,
      untilMs: contact.preferredUntilMs,
    });
    core.markAgent(preferred);
  } else {
    contact.preferredAgent = undefined;
    // Matched first and no agent free: the drain would look again and find none (nothing has
    // changed since), so the contact is not queued for routing a second time.
    placeInBucket(core, contact, !matchedFirst);
  }
  scheduleContact(core, contact);
}

/** The bucket of the contact's step and channel. */
function bucketOf(core: Core, contact: ContactRuntime): Bucket {
  const queue = contact.queue;
  const step = Math.min(contact.step, queue.steps.length - 1);
  return core.topology.bucketFor(queue, step, contact.channel);
}

/**
 * Files a waiting contact under the bucket of its step and channel, keeping its place, and
 * queues it for routing unless `route` is false (it was just matched and found no agent).
 */
export function placeInBucket(core: Core, contact: ContactRuntime, route = true): void {
  const bucket = bucketOf(core, contact);
  contact.bucket = bucket;
  contact.state = 'queued';
  setLineKeys(contact);
  bucket.add(contact);
  if (route) core.markContact(contact);
}

function setLineKeys(contact: ContactRuntime): void {
  const node = contact.bucketNode;
  // 0 - p, not -p: -0 is no small integer, and one -0 makes V8 box k1 in every heap node (an
  // extra fetch per key read); 0 and -0 compare equal, so the order is the same (SPEC PERF3).
  node.k1 = 0 - contact.priority;
  node.k2 = contact.enqueuedAtMs;
  node.k3 = contact.order;
}

/**
 * Gives a waiting contact a new effective priority: it is filed again under the same keys but
 * the first, so among contacts of equal priority it keeps its place (its age and order).
 */
export function changePriority(core: Core, contact: ContactRuntime, priority: number): void {
  const node = contact.bucketNode;
  const preferred = contact.state === 'waitingPreferred' ? contact.preferredAgent : undefined;
  const line = preferred === undefined ? contact.bucket : undefined;
  const filed = node.inHeap;
  if (filed) {
    if (preferred !== undefined) preferred.preferredWaiting?.remove(node);
    else line?.remove(contact);
  }
  contact.priority = priority;
  setLineKeys(contact);
  if (filed) {
    if (preferred !== undefined) {
      preferred.preferredWaiting?.push(node);
      core.markAgent(preferred);
    } else if (line !== undefined) {
      line.add(contact);
      core.markContact(contact);
    }
  }
}

/** Takes the contact out of its bucket (or preferred-agent line) and out of the waiting count. */
export function leaveLine(contact: ContactRuntime): void {
  const node = contact.bucketNode;
  if (node.inHeap) {
    if (contact.state === 'waitingPreferred' && contact.preferredAgent) {
      contact.preferredAgent.preferredWaiting?.remove(node);
    } else if (contact.bucket) {
      contact.bucket.remove(contact);
    }
  }
  contact.bucket = undefined;
  if (contact.ageNode.inHeap) contact.queue.waitingByAge.remove(contact.ageNode);
}

/** 1-based rank by place in line among the queue's waiting contacts (O(waiting)). */
export function positionInLine(contact: ContactRuntime): number {
  let ahead = 0;
  for (const node of contact.queue.waitingByAge.values()) {
    const other = node.value;
    if (other === contact) continue;
    if (
      other.enqueuedAtMs < contact.enqueuedAtMs ||
      (other.enqueuedAtMs === contact.enqueuedAtMs && other.order < contact.order)
    ) {
      ahead++;
    }
  }
  return ahead + 1;
}

/** The contact's next deadline, from its state (SPEC TMR1). */
export function scheduleContact(core: Core, contact: ContactRuntime): void {
  core.setTimer(contact, nextDeadline(contact));
}

function nextDeadline(contact: ContactRuntime): number | undefined {
  switch (contact.state) {
    case 'offered':
      return contact.offerExpiresAtMs;
    case 'wrapUp':
      return contact.wrapUpUntilMs;
    case 'scheduled':
      return contact.callbackDueAtMs;
    case 'waitingPreferred':
      return min(contact.preferredUntilMs, maxWaitAt(contact));
    case 'queued': {
      const next = contact.queue.steps[contact.step + 1];
      return min(next ? contact.enqueuedAtMs + next.afterMs : undefined, maxWaitAt(contact));
    }
    default:
      return undefined;
  }
}

export function maxWaitAt(contact: ContactRuntime): number | undefined {
  const seconds = contact.queue.maxWaitSeconds;
  // A callback's customer is not on the line: nobody to time out (SPEC CBK2).
  if (seconds === undefined || contact.channel === 'callback') return undefined;
  return contact.enqueuedAtMs + seconds * 1000;
}

const min = (a: number | undefined, b: number | undefined): number | undefined =>
  a === undefined ? b : b === undefined ? a : Math.min(a, b);
