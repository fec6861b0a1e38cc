/** Bad input to the dialer: names the field and says why. */
export class DialerInputError extends Error {
  override readonly name = 'DialerInputError';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field}: ${reason}`);
  }
}

/** A campaign tried to loosen its rule pack: names the field it loosened. */
export class LooseningRefused extends Error {
  override readonly name = 'LooseningRefused';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`a campaign may only tighten its rule pack: ${field} ${reason}`);
  }
}
