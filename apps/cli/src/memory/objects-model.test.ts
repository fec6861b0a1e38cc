import { describe, expect, it } from 'vitest';
import { recordBenchmarkRun } from './floor-recording.ts';
import { replayEntry } from './floor.ts';
import { ObjectsModel } from './objects-model.ts';
import { RowsModel, type ModelEvent } from './rows-model.ts';

const shown = (events: ModelEvent[]): string[] =>
  events.map((e) => `${e.seq} ${e.type} ${e.contactId} ${e.queueId ?? ''} ${e.agentId ?? ''}`);

describe('objects model', () => {
  it('does the rows model’s work step for step on a recorded benchmark day', () => {
    const recording = recordBenchmarkRun({ agents: 1000, ops: 4000, seed: 1 });
    const { agentIds, poolOfAgent, pools } = recording;
    const rows = new RowsModel(agentIds, poolOfAgent, pools);
    const objects = new ObjectsModel(agentIds, poolOfAgent, pools);
    let events = 0;
    for (let i = 0; i < recording.commands.length; i++) {
      replayEntry(rows, recording, i);
      replayEntry(objects, recording, i);
      expect(shown(objects.out)).toEqual(shown(rows.out));
      events += rows.out.length;
    }
    expect(events).toBeGreaterThan(5000);
    // The same idle lists, pool by pool (an agent of each pool names it).
    const firstOfPool = new Map<number, number>();
    poolOfAgent.forEach((pool, a) => {
      if (!firstOfPool.has(pool)) firstOfPool.set(pool, a);
    });
    for (const [pool, a] of firstOfPool) expect(objects.idleListOf(a)).toEqual(rows.idleList(pool));
  });
});
