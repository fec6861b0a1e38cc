// Why a dialog could not be made or used.

export class DialogError extends Error {
  override readonly name = 'DialogError';
  constructor(
    readonly code: 'missing-tag' | 'missing-contact' | 'bad-target' | 'terminated' | 'in-progress',
    message: string,
  ) {
    super(message);
  }
}
