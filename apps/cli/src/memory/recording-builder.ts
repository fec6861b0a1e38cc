import type { Command } from '@relais/engine';
import type { FloorRecording } from './floor-recording.ts';

/** One hand-written entry: its time, its command (or a plain clock advance) and its offers. */
export type Entry = [atMs: number, command: Command | undefined, offers?: [string, number][]];

/**
 * A recording built by hand for the floor's and the rows model's tests: entries with their
 * offers, those from `warmupEntries` on measured; agents in pools as `poolOfAgent` says (all
 * in pool 0 by default).
 */
export function recordingOf(
  agentIds: readonly string[],
  entries: Entry[],
  warmupEntries = 0,
  poolOfAgent: readonly number[] = agentIds.map(() => 0),
): FloorRecording {
  const offerStart = [0];
  const offerContacts: string[] = [];
  const offerAgents: number[] = [];
  for (const [, , offers] of entries) {
    for (const [contactId, agent] of offers ?? []) {
      offerContacts.push(contactId);
      offerAgents.push(agent);
    }
    offerStart.push(offerContacts.length);
  }
  const commands = entries.map(([, command]) => command);
  return {
    agentIds,
    times: entries.map(([atMs]) => atMs),
    commands,
    offerStart: Int32Array.from(offerStart),
    offerContacts,
    offerAgents: Int32Array.from(offerAgents),
    warmupEntries,
    measuredOps: commands.slice(warmupEntries).filter((c) => c !== undefined).length,
    poolOfAgent: Int32Array.from(poolOfAgent),
    pools: Math.max(0, ...poolOfAgent) + 1,
  };
}

export const arrive = (contactId: string, queueId = 'q1'): Command => ({
  type: 'arrive',
  contact: { contactId, queueId },
});

/**
 * A short day for two agents: c0 is offered to a1 on arrival, answered, ended and wrapped up;
 * c1 waits, is offered to a0 at a timer, declined, and hangs up in line; then c2 reuses c0's
 * freed row, and a0 pauses.
 */
export const TINY_DAY: Entry[] = [
  [0, { type: 'login', agentId: 'a0' }],
  [10, arrive('c0'), [['c0', 1]]],
  [20, arrive('c1')],
  [30, undefined, [['c1', 0]]],
  [1000, { type: 'accept', agentId: 'a1', contactId: 'c0' }],
  [1500, { type: 'decline', agentId: 'a0', contactId: 'c1' }],
  [5000, { type: 'end', contactId: 'c0' }],
  [6000, { type: 'endWrapUp', contactId: 'c0' }],
  [7000, { type: 'abandon', contactId: 'c1' }],
  [8000, arrive('c2')],
  [9000, { type: 'pause', agentId: 'a0', reason: 'break' }],
];
