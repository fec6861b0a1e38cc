// An action the call's state does not allow (unknown call, ringing twice, hold while queued…).

export class CallControlError extends Error {
  override readonly name = 'CallControlError';
  constructor(
    readonly code: 'unknown-call' | 'wrong-state' | 'media-failed',
    message: string,
  ) {
    super(message);
  }
}
