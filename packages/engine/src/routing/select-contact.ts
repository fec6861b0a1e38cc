import { canTake } from '../agents/agent-flow.ts';
import type { Core } from '../core.ts';
import { SLOT_CHANNELS } from '../model/config.ts';
import type { Decision } from '../model/events.ts';
import type { AgentRuntime, ContactRuntime } from '../model/runtime.ts';
import type { Bucket } from './bucket.ts';
import type { TopCandidates } from './top-candidates.ts';

const contactId = (contact: ContactRuntime): string => contact.id;

const SLOT_COUNT = SLOT_CHANNELS.length;

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
  const top = core.topBuckets.reset();
  const table = core.topology.bucketTable;
  const waiting = table.waiting;
  const keys = table.headKeys;
  const weights = table.weight;
  for (let slot = 0; slot < SLOT_COUNT; slot++) {
    // The free mask says which memberships are in their pool's heaps (matchable).
    if ((agent.freeMask & (1 << slot)) === 0) continue;
    const member = agent.memberOn(slot);
    const buckets = member.pool.buckets;
    const rows = member.pool.bucketRows;
    for (let i = 0; i < rows.length; i++) {
      core.headsWeighed++;
      const row = rows[i] as number;
      // Each bucket's head is scored from the table: no bucket, heap or contact is fetched.
      if (waiting[row] === 0) continue;
      top.considered++;
      const minusPriority = keys[3 * row] as number;
      const weightedAge = (now - (keys[3 * row + 1] as number)) * (weights[row] as number);
      const order = keys[3 * row + 2] as number;
      if (favour) {
        const gap = (buckets[i] as Bucket).queue.stats.gapToTarget();
        top.offer(row, minusPriority, -gap, -weightedAge, order);
      } else {
        top.offer(row, minusPriority, -weightedAge, order, 0);
      }
    }
  }
  const best = top.best;
  if (best === undefined) return undefined;
  const contact = table.head[best] as ContactRuntime;
  const rule = favour ? 'service-level-gap' : 'priority-then-weighted-age';
  const fields = favour ? SL_FIELDS : AGE_FIELDS;
  return {
    contact,
    decision: {
      trigger: 'agent',
      rule,
      scoreFields: fields,
      step: contact.step,
      considered: top.considered,
      candidates: top.candidates(fields.length, (row) => table.headId(row)),
    },
  };
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
