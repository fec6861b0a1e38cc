import { describe, expect, it } from 'vitest';
import { WfmError } from '../errors.ts';
import { BlockingTable, erlangB, logErlangB } from './erlang-b.ts';

/** B(N, A) straight from its definition (A^N/N!) / Σ A^k/k!, fine for small N. */
function blockingByDefinition(agents: number, traffic: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 1; k <= agents; k++) {
    term *= traffic / k;
    sum += term;
  }
  return term / sum;
}

describe('Erlang B', () => {
  it('matches the definition for small N', () => {
    for (const agents of [1, 2, 5, 12, 30]) {
      for (const traffic of [0.1, 1, 4.5, 10, 29.3, 60]) {
        const expected = blockingByDefinition(agents, traffic);
        expect(Math.abs(erlangB(agents, traffic) / expected - 1)).toBeLessThan(1e-13);
      }
    }
    expect(erlangB(1, 3)).toBeCloseTo(0.75, 15);
  });

  it('matches published tables: 15 trunks at 1% carry 8.108 Erlangs; B(17, 10) = 0.012949', () => {
    // Exact values from mpmath (50 digits): B(15, 8.108) = 0.0099996319426, B(17, 10) = 0.0129488752247.
    expect(erlangB(15, 8.108)).toBeCloseTo(0.00999963194259877, 15);
    expect(erlangB(15, 8.108)).toBeCloseTo(0.01, 6);
    expect(erlangB(17, 10)).toBeCloseTo(0.01294887522472657, 15);
  });

  it('is 0 with no traffic and stays finite in [0, 1] for 100,000 agents and 100,000 Erlangs', () => {
    expect(erlangB(5, 0)).toBe(0);
    const b = erlangB(100_000, 100_000);
    expect(b).toBeGreaterThan(0);
    expect(b).toBeLessThan(0.01); // ≈ √(2/(πA)) ≈ 0.0025 in the critical regime
    expect(erlangB(100_000, 1e-3)).toBe(0); // underflows gracefully; logErlangB keeps it
  });

  it('logErlangB agrees with the recursion and keeps what it underflows', () => {
    for (const [agents, traffic] of [
      [1, 0.5],
      [12, 10],
      [2000, 1500],
      [50_000, 45_000],
    ] as const) {
      expect(logErlangB(agents, traffic)).toBeCloseTo(Math.log(erlangB(agents, traffic)), 9);
    }
    // mpmath: ln B(10000, 10) = −59093.076906873895, ln B(2000, 1500) = −80.0835763332039
    expect(logErlangB(10_000, 10)).toBeCloseTo(-59093.076906873895, 7);
    expect(logErlangB(2000, 1500)).toBeCloseTo(-80.0835763332039, 10);
    expect(logErlangB(3, 0)).toBe(-Infinity);
  });

  it('BlockingTable gives the recursion values in any order of requests', () => {
    const table = new BlockingTable(37.5);
    expect(table.at(80)).toBe(erlangB(80, 37.5));
    expect(table.at(3)).toBe(erlangB(3, 37.5));
    expect(table.at(200)).toBe(erlangB(200, 37.5));
  });

  it('rejects bad arguments with a typed error naming the argument and what was expected', () => {
    const cases: [() => unknown, RegExp][] = [
      [() => erlangB(0, 1), /^agents: expected an integer ≥ 1, got 0$/],
      [() => erlangB(-3, 1), /^agents: expected an integer ≥ 1, got -3$/],
      [() => erlangB(2.5, 1), /^agents: expected an integer ≥ 1, got 2\.5$/],
      [() => erlangB(Number.NaN, 1), /^agents: expected an integer ≥ 1, got NaN$/],
      [() => erlangB(3, -1), /^trafficErlangs: expected a finite number ≥ 0, got -1$/],
      [() => erlangB(3, Infinity), /^trafficErlangs: expected a finite number ≥ 0, got Infinity$/],
      [() => new BlockingTable(2).at(0), /^agents: expected an integer ≥ 1/],
    ];
    for (const [call, message] of cases) {
      expect(call).toThrowError(message);
      try {
        call();
      } catch (error) {
        expect(error).toBeInstanceOf(WfmError);
        expect(error).toMatchObject({ code: 'InvalidArgument' });
      }
    }
    expect(() => erlangB(0, 1)).toThrowError(
      expect.objectContaining({
        details: { argument: 'agents', expected: 'an integer ≥ 1', got: 0 },
      }),
    );
  });
});
