import { describe, expect, it } from 'vitest';
import { startRecordedRun } from './recording.ts';

describe('recorded run', () => {
  it('hands on the events of every entry once, in order, with the number of their entry', () => {
    const entries: number[] = [];
    const arrivedAt = new Map<number, string>();
    const run = startRecordedRun(1000, 1, 1000, undefined, (events, entry) => {
      entries.push(entry);
      for (const e of events) if (e.type === 'contactArrived') arrivedAt.set(entry, e.contactId);
    });
    const { commands } = run.recording;
    expect(entries).toEqual([...Array(commands.length).keys()]);
    expect(commands.length).toBe(run.warmupEntries);
    // Each arrival's event came with the entry that recorded that arrival.
    const arrivals = new Map<number, string>();
    commands.forEach((c, i) => {
      if (c?.type === 'arrive') arrivals.set(i, c.contact.contactId);
    });
    expect(arrivals.size).toBeGreaterThan(1000);
    expect(arrivedAt).toEqual(arrivals);
  });
});
