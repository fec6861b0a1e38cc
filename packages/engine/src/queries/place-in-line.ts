import type { Core } from '../core.ts';
import { positionInLine } from '../contacts/placement.ts';
import { unknown } from '../model/errors.ts';
import { estimatedWaitMs } from './estimated-wait.ts';

/** Where a waiting contact stands now, for what a waiting caller is told (SPEC RT6). */
export interface PlaceInLine {
  contactId: string;
  queueId: string;
  /** 1-based rank by place in line among the queue's waiting contacts. */
  position: number;
  /** The RT4 estimate with the contacts ahead of it; undefined while RT4 has no figure. */
  estimatedWaitMs: number | undefined;
}

/** Undefined when the contact is not in line (offered, connected, in a menu…). */
export function placeInLine(core: Core, contactId: string): PlaceInLine | undefined {
  const contact = core.contacts.get(contactId);
  if (!contact) throw unknown('Contact', contactId, 'placeInLine');
  if (!contact.ageNode.inHeap) return undefined;
  const queue = contact.queue;
  const position = positionInLine(contact);
  const { eligible, available } = core.topology.countServing(queue, 0, queue.config.channel);
  const estimate = estimatedWaitMs(queue, eligible, available, position - 1);
  return {
    contactId,
    queueId: queue.id,
    position,
    estimatedWaitMs: estimate === undefined ? undefined : Math.round(estimate),
  };
}
