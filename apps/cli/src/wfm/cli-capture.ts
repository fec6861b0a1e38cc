// For the WFM command tests: console output captured, and the last line read as JSON.
import { afterEach, beforeEach, vi, type MockInstance } from 'vitest';

/** Captures console.log and console.error for each test of the calling file. */
export function captureConsole(): {
  stdout: () => string;
  stderr: () => string;
  lastJson: () => Record<string, unknown>;
} {
  let log: MockInstance<typeof console.log> | undefined;
  let error: MockInstance<typeof console.error> | undefined;
  beforeEach(() => {
    log = vi.spyOn(console, 'log').mockImplementation(() => {});
    error = vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => vi.restoreAllMocks());
  const text = (spy: MockInstance<(...args: unknown[]) => void> | undefined): string =>
    (spy?.mock.calls ?? []).map((call) => String(call[0])).join('\n');
  return {
    stdout: () => text(log),
    stderr: () => text(error),
    lastJson: () => JSON.parse(text(log).split('\n').at(-1) ?? '') as Record<string, unknown>,
  };
}
