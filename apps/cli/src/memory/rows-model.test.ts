import type { Command } from '@relais/engine';
import { describe, expect, it } from 'vitest';
import { recordBenchmarkRun } from './floor-recording.ts';
import { replayEntry } from './floor.ts';
import { applyCommand } from './model-steps.ts';
import { ObjectsModel } from './objects-model.ts';
import { arrive, recordingOf, TINY_DAY, type Entry } from './recording-builder.ts';
import { RowsModel, RowState } from './rows-model.ts';

const replay = (entries: Entry[], agentIds: string[], pools?: number[]): RowsModel => {
  const recording = recordingOf(agentIds, entries, 0, pools);
  const model = new RowsModel(agentIds, recording.poolOfAgent, recording.pools);
  for (let i = 0; i < entries.length; i++) replayEntry(model, recording, i);
  return model;
};

describe('rows model', () => {
  const upTo = (entries: number): RowsModel => replay(TINY_DAY.slice(0, entries), ['a0', 'a1']);

  it('an offer takes the agent out of its idle list and arms the contact deadline', () => {
    const model = upTo(2);
    expect(model.contactField(0, 'state')).toBe(RowState.offered);
    expect(model.contactField(0, 'agent')).toBe(1);
    expect(model.agentField(1, 'state')).toBe(RowState.offered);
    expect(model.idleList(0)).toEqual([0]);
    expect(model.timersArmed).toBe(1);
    expect(model.out.map((e) => e.type)).toEqual(['contactQueued', 'contactOffered']);
    expect(model.out[1]?.decision?.candidates[0]?.agentId).toBe('a1');
  });

  it('accept disarms the deadline; decline puts the agent back at the tail of its list', () => {
    const model = upTo(6);
    expect(model.timersArmed).toBe(0);
    expect(model.contactField(0, 'state')).toBe(RowState.connected);
    expect(model.contactField(1, 'state')).toBe(RowState.queued);
    expect(model.idleList(0)).toEqual([0]);
    expect(model.freeIn(0)).toBe(1);
  });

  it('wrap-up done frees the agent with its handling time; the freed row is reused', () => {
    const done = upTo(8);
    expect(done.agentField(1, 'state')).toBe(RowState.idle);
    expect(done.agentField(1, 'handledMs')).toBe(6000 - 1000);
    expect(done.idleList(0)).toEqual([0, 1]);
    const all = upTo(TINY_DAY.length);
    expect(all.contactRowOf('c1')).toBe(-1);
    expect(all.contactRowOf('c2')).toBe(1);
    expect(all.idleList(0)).toEqual([1]);
    expect(all.out.at(-1)).toMatchObject({ type: 'agentStateChanged', agentId: 'a0' });
  });

  it('keeps one idle list per pool, longest idle first, whatever the order of events', () => {
    const day: Entry[] = [
      [0, { type: 'login', agentId: 'a0' }],
      [1, { type: 'login', agentId: 'a1' }],
      [2, { type: 'login', agentId: 'a2' }],
      [3, { type: 'login', agentId: 'a3' }],
      [4, arrive('c0'), [['c0', 0]]],
      [5, { type: 'pause', agentId: 'a2', reason: 'break' }],
      [6, { type: 'makeAvailable', agentId: 'a2' }],
      [7, { type: 'logout', agentId: 'a1' }],
    ];
    const model = replay(day, ['a0', 'a1', 'a2', 'a3'], [0, 1, 0, 1]);
    expect(model.idleList(0)).toEqual([2]);
    expect(model.idleList(1)).toEqual([3]);
    expect([model.freeIn(0), model.freeIn(1)]).toEqual([1, 1]);
  });

  it.each([
    ['rows', RowsModel],
    ['objects', ObjectsModel],
  ])('the %s model refuses a contact it does not hold, or another agent’s answer', (_, Model) => {
    const recording = recordingOf(['a0', 'a1'], TINY_DAY.slice(0, 2));
    const model = new Model(['a0', 'a1'], recording.poolOfAgent, recording.pools);
    for (let i = 0; i < 2; i++) replayEntry(model, recording, i);
    const apply = (command: Command) => (): void => applyCommand(model, command, 0);
    expect(apply({ type: 'end', contactId: 'c9' })).toThrow(/c9/);
    expect(apply({ type: 'endWrapUp', contactId: 'c9' })).toThrow(/c9/);
    expect(apply({ type: 'accept', contactId: 'c0', agentId: 'a0' })).toThrow(
      /c0 not offered to a0/,
    );
    expect(apply({ type: 'pause', agentId: 'zz', reason: 'x' })).toThrow(/zz/);
    expect(apply({ type: 'hold', contactId: 'c0' })).not.toThrow();
    expect(model.ignored).toBe(1);
  });

  it('follows a recorded benchmark day: every list agrees with the agents it links', () => {
    const recording = recordBenchmarkRun({ agents: 1000, ops: 4000, seed: 1 });
    const model = new RowsModel(recording.agentIds, recording.poolOfAgent, recording.pools);
    // Every answer must come from the agent of the offer: the model throws otherwise.
    for (let i = 0; i < recording.commands.length; i++) replayEntry(model, recording, i);
    expect(recording.pools).toBeGreaterThan(100);
    let listed = 0;
    for (let pool = 0; pool < recording.pools; pool++) {
      const list = model.idleList(pool);
      expect(list.length).toBe(model.freeIn(pool));
      for (const agent of list) {
        expect(recording.poolOfAgent[agent]).toBe(pool);
        expect(model.agentField(agent, 'free')).toBe(1);
        expect(model.agentField(agent, 'state')).toBe(RowState.idle);
      }
      listed += list.length;
    }
    const free = recording.agentIds.filter((_, a) => model.agentField(a, 'free') === 1).length;
    expect(listed).toBe(free);
    expect(free).toBeGreaterThan(0);
  });
});
