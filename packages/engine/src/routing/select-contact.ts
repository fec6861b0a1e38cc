import { canTake } from '../agents/agent-flow.ts';
import type { Core } from '../core.ts';
import type { Decision } from '../model/events.ts';
import type { AgentRuntime, ContactRuntime } from '../model/runtime.ts';
import type { TopCandidates } from './top-candidates.ts';

const contactId = (contact: ContactRuntime): string => contact.id;

const AGE_FIELDS = ['minusPriority', 'minusWeightedAgeMs', 'order'];
const SL_FIELDS = ['minusPriority', 'minusServiceLevelGap', 'minusWeightedAgeMs', 'order'];
const PREFERRED_FIELDS = ['minusPriority', 'enqueuedAtMs', 'order'];

/**
 * The best waiting contact for an agent who can take work: contacts waiting for this agent by
 * name first (SPEC MAT8), else the heads of the buckets its pools serve, by priority, then
 * (optionally) the queue furthest below target, then age weighted by queue (SPEC MAT5, MAT6).
 */
export function selectContact(
  core: Core,
  agent: AgentRuntime,
): { contact: ContactRuntime; decision: Decision } | undefined {
  const preferred = agent.preferredWaiting;
  if (preferred !== undefined && preferred.size > 0) {
    const top = core.topContacts.reset();
    for (const node of preferred.values()) {
      const c = node.value;
      if (!canTake(agent, c.slot)) continue;
      top.considered++;
      top.offer(c, -c.priority, c.enqueuedAtMs, c.order, 0);
    }
    const contact = top.best;
    if (contact) {
      return {
        contact,
        decision: decision('preferred-agent', PREFERRED_FIELDS, contact.step, top),
      };
    }
  }
  const favour = core.settings.favourQueuesBelowTarget;
  const now = core.nowMs;
  const top = core.topContacts.reset();
  const waiting = core.topology.bucketTable.waiting;
  for (const member of agent.channels) {
    if (!member.matchable) continue;
    const buckets = member.pool.buckets;
    const rows = member.pool.bucketRows;
    for (let i = 0; i < rows.length; i++) {
      core.headsWeighed++;
      // The table says which buckets have anyone waiting, without fetching the others.
      if (waiting[rows[i] as number] === 0) continue;
      const bucket = buckets[i];
      const node = bucket?.contacts.peek();
      if (!bucket || !node) continue;
      top.considered++;
      const c = node.value;
      const weightedAge = (now - c.enqueuedAtMs) * bucket.queue.weight;
      if (favour) {
        top.offer(c, -c.priority, -bucket.queue.stats.gapToTarget(), -weightedAge, c.order);
      } else {
        top.offer(c, -c.priority, -weightedAge, c.order, 0);
      }
    }
  }
  const contact = top.best;
  if (!contact) return undefined;
  return favour
    ? { contact, decision: decision('service-level-gap', SL_FIELDS, contact.step, top) }
    : { contact, decision: decision('priority-then-weighted-age', AGE_FIELDS, contact.step, top) };
}

function decision(
  rule: string,
  fields: string[],
  step: number,
  top: TopCandidates<ContactRuntime>,
): Decision {
  return {
    trigger: 'agent',
    rule,
    scoreFields: fields,
    step,
    considered: top.considered,
    candidates: top.candidates(fields.length, contactId),
  };
}
