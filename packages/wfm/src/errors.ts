/** Typed errors of @relais/wfm; `details` says which argument and what was expected. */

export type WfmErrorCode =
  'InvalidArgument' | 'InvalidHistory' | 'TargetUnreachable' | 'NoConvergence';

export class WfmError extends Error {
  override readonly name = 'WfmError';
  constructor(
    readonly code: WfmErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** An argument outside its domain: names it, what was expected and what came. */
export const invalidArgument = (argument: string, expected: string, got: unknown): WfmError =>
  new WfmError('InvalidArgument', `${argument}: expected ${expected}, got ${show(got)}`, {
    argument,
    expected,
    got,
  });

function show(value: unknown): string {
  return typeof value === 'number' && !Number.isFinite(value)
    ? String(value)
    : (JSON.stringify(value) ?? String(value));
}
