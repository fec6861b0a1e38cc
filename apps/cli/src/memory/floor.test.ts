import { describe, expect, it } from 'vitest';
import { FloorEngine, FloorState, replayEntry, timeFloor } from './floor.ts';
import { recordBenchmarkRun } from './floor-recording.ts';
import { applyCommand } from './model-steps.ts';
import { recordingOf, TINY_DAY } from './recording-builder.ts';

describe('floor engine', () => {
  const day = TINY_DAY;
  const tiny = recordingOf(['a0', 'a1'], day);
  const upTo = (entries: number): FloorEngine => {
    const floor = new FloorEngine(tiny.agentIds);
    for (let i = 0; i < entries; i++) replayEntry(floor, tiny, i);
    return floor;
  };

  it('an arrival takes a row; its offer marks the contact and the agent', () => {
    const floor = upTo(2);
    const row = floor.contactRowOf('c0');
    expect(row).toBe(0);
    expect(floor.contactField(row, 'state')).toBe(FloorState.offered);
    expect(floor.contactField(row, 'agent')).toBe(1);
    expect(floor.agentField(1, 'state')).toBe(FloorState.offered);
    expect(floor.agentField(1, 'contact')).toBe(row);
    expect(floor.agentField(0, 'state')).toBe(0);
    expect(floor.ignored).toBe(1);
  });

  it('offers made at a plain advance of the clock are applied with it', () => {
    const floor = upTo(4);
    const row = floor.contactRowOf('c1');
    expect(row).toBe(1);
    expect(floor.contactField(row, 'agent')).toBe(0);
    expect(floor.agentField(0, 'contact')).toBe(row);
  });

  it('accept connects, decline puts the contact back in line and frees the agent', () => {
    const floor = upTo(6);
    expect(floor.contactField(0, 'state')).toBe(FloorState.connected);
    expect(floor.agentField(1, 'state')).toBe(FloorState.connected);
    expect(floor.contactField(1, 'state')).toBe(FloorState.queued);
    expect(floor.agentField(0, 'state')).toBe(FloorState.idle);
  });

  it('end reaches the agent through the contact row; wrap-up done frees both', () => {
    const ended = upTo(7);
    expect(ended.contactField(0, 'state')).toBe(FloorState.wrapping);
    expect(ended.agentField(1, 'state')).toBe(FloorState.wrapping);
    const done = upTo(8);
    expect(done.contactRowOf('c0')).toBe(-1);
    expect(done.agentField(1, 'state')).toBe(FloorState.idle);
    expect(done.agentField(1, 'busyMs')).toBe(6000 - 10);
  });

  it('an abandon frees the row; the next arrival reuses the last freed row', () => {
    const floor = upTo(tiny.commands.length);
    expect(floor.contactRowOf('c1')).toBe(-1);
    expect(floor.contactRowOf('c2')).toBe(1);
    expect(floor.contactField(1, 'state')).toBe(FloorState.queued);
  });

  it('refuses a command for a contact it does not hold', () => {
    const floor = new FloorEngine(['a0']);
    expect(() => applyCommand(floor, { type: 'end', contactId: 'c9' }, 0)).toThrow(/c9/);
    expect(() => applyCommand(floor, { type: 'endWrapUp', contactId: 'c9' }, 0)).toThrow(/c9/);
  });

  it('times the entries after the warm-up only', () => {
    const timing = timeFloor(recordingOf(['a0', 'a1'], day, 4), 1);
    // A hand-built recording has no network to configure an engine with.
    expect(timing).toMatchObject({ agents: 2, entries: 7, ops: 7, engineUsPerEntry: null });
    expect(timeFloor(tiny, 1)).toMatchObject({ entries: 11, ops: 10 });
  });
});

describe('recording of the benchmark run', () => {
  const recording = recordBenchmarkRun({ agents: 1000, ops: 4000, seed: 1 });

  it('holds the warm-up and the measured ops, with offers indexed by entry', () => {
    const entries = recording.commands.length;
    expect(recording.times.length).toBe(entries);
    expect(recording.offerStart.length).toBe(entries + 1);
    expect(recording.offerStart[entries]).toBe(recording.offerContacts.length);
    for (let i = 0; i < entries; i++) {
      expect(recording.offerStart[i + 1]).toBeGreaterThanOrEqual(recording.offerStart[i] ?? 0);
    }
    expect(recording.measuredOps).toBe(4000);
    expect(recording.commands.slice(0, 1000).every((c) => c?.type === 'login')).toBe(true);
  });

  it('replays into the real engine too, in the same rounds, every command accepted', () => {
    const timing = timeFloor(recording, 1);
    expect(timing.engineUsPerEntry).toBeGreaterThan(0);
    expect(timing.engineUsPerOp).toBeGreaterThan(0);
    // The engine the recording makes is configured as the live one: it routes the first arrival.
    const engine = recording.newEngine?.();
    const first = recording.commands.findIndex((c) => c?.type === 'arrive');
    for (let i = 0; i <= first; i++) {
      const command = recording.commands[i];
      if (command !== undefined)
        expect(engine?.apply(command, recording.times[i] ?? 0).ok).toBe(true);
    }
  });

  it('replayed into the floor, every answer comes from the agent the contact was offered to', () => {
    const floor = new FloorEngine(recording.agentIds);
    let answers = 0;
    let inProgress = 0;
    recording.commands.forEach((command, i) => {
      if (command?.type === 'accept' || command?.type === 'decline') {
        const row = floor.contactRowOf(command.contactId);
        expect(recording.agentIds[floor.contactField(row, 'agent')]).toBe(command.agentId);
        answers++;
      }
      if (command?.type === 'arrive') inProgress++;
      if (command?.type === 'endWrapUp' || command?.type === 'abandon') inProgress--;
      replayEntry(floor, recording, i);
    });
    expect(answers).toBeGreaterThan(1000);
    expect(inProgress).toBeGreaterThan(500);
    // Each contact still in progress is found, and no finished one.
    const arrived = recording.commands.flatMap((c) =>
      c?.type === 'arrive' ? [c.contact.contactId] : [],
    );
    const held = arrived.filter((id) => floor.contactRowOf(id) >= 0);
    expect(held.length).toBe(inProgress);
  });
});
