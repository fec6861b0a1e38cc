import { describe, expect, it, vi } from 'vitest';
import { FlagError, numberFlag, usageError } from './flags.ts';

describe('numberFlag', () => {
  const range = { min: 1000, max: 200_000, fallback: 50_000, integer: true };

  it('returns the fallback when absent and the value when valid', () => {
    expect(numberFlag('agents', undefined, range)).toBe(50_000);
    expect(numberFlag('agents', '10000', range)).toBe(10_000);
    expect(numberFlag('agents', '10_000', range)).toBe(10_000);
    expect(numberFlag('hours', '0.5', { min: 0.1, max: 24, fallback: 2 })).toBe(0.5);
  });

  it.each(['abc', '', '999', '200001', '1500.5', 'Infinity'])(
    "refuses '%s' with the flag, range and an example",
    (raw) => {
      expect(() => numberFlag('agents', raw, range)).toThrow(FlagError);
      expect(() => numberFlag('agents', raw, range)).toThrow(
        `--agents: expected an integer from 1000 to 200000, got '${raw}'. For example: --agents 50000`,
      );
    },
  );
});

describe('usageError', () => {
  it('prints flag errors with the usage and returns 2; rethrows other errors', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(usageError(new FlagError('--x: bad'), 'bench', 'Usage: relais bench')).toBe(2);
    expect(error).toHaveBeenCalledWith('relais bench: --x: bad\n\nUsage: relais bench');
    expect(() => usageError(new Error('boom'), 'bench', '')).toThrow('boom');
    error.mockRestore();
  });
});
