import { describe, expect, it } from 'vitest';
import { WfmError } from '../errors.ts';
import { trafficForBlocking, trunksForBlocking } from './erlang-b-inverse.ts';
import { erlangB } from './erlang-b.ts';

describe('Erlang B inverses', () => {
  it('published table: 15 trunks at 1% blocking carry 8.108 Erlangs', () => {
    // Published Erlang B tables (quoted in issue #5): 8.108; mpmath gives B(15, 8.108) = 0.0099996.
    expect(trafficForBlocking(15, 0.01)).toBeCloseTo(8.108, 3);
    expect(erlangB(15, trafficForBlocking(15, 0.01))).toBeCloseTo(0.01, 12);
  });

  it('trunks for a blocking target: 10 Erlangs at 1% need 18 (B(17, 10) = 0.0129)', () => {
    expect(trunksForBlocking(10, 0.01)).toBe(18);
    expect(trunksForBlocking(8.108, 0.01)).toBe(15);
  });

  it('agrees with a scan for a grid of traffics and targets', () => {
    for (const traffic of [0.05, 1, 7.3, 42, 300]) {
      for (const target of [0.001, 0.01, 0.05, 0.2]) {
        const n = trunksForBlocking(traffic, target);
        expect(erlangB(n, traffic)).toBeLessThanOrEqual(target);
        if (n > 1) expect(erlangB(n - 1, traffic)).toBeGreaterThan(target);
      }
    }
  });

  it('rejects bad arguments with a typed error', () => {
    expect(() => trunksForBlocking(10, 1.5)).toThrowError(WfmError);
    expect(() => trunksForBlocking(-1, 0.01)).toThrowError(/^trafficErlangs:/);
    expect(() => trafficForBlocking(0, 0.01)).toThrowError(/^trunks: expected an integer ≥ 1/);
  });
});
