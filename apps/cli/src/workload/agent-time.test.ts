import { describe, expect, it } from 'vitest';
import { AgentTime } from './agent-time.ts';

describe('AgentTime', () => {
  it('sums time by state inside the window and computes occupancy', () => {
    const time = new AgentTime(2);
    time.change(0, 'available', 0);
    time.change(1, 'available', 0);
    time.open(1000);
    time.change(0, 'busy', 2000); // available 1000..2000 counts, 0..1000 does not
    time.change(0, 'wrapUp', 5000);
    time.change(0, 'available', 6000);
    time.change(1, 'paused', 3000);
    time.close(11_000);
    expect(time.get('available')).toBe(1000 + 5000 + 2000);
    expect(time.get('busy')).toBe(3000);
    expect(time.get('wrapUp')).toBe(1000);
    expect(time.get('paused')).toBe(8000);
    expect(time.occupancy).toBeCloseTo(4000 / 12_000, 9);
  });

  it('reports 0 occupancy when nobody was ready', () => {
    expect(new AgentTime(3).occupancy).toBe(0);
  });
});
