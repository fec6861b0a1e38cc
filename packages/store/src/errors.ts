/** Storage failures the server maps to HTTP once (409 for conflicts, 422 for a bad value, 500 otherwise). */
export type StoreErrorCode =
  | 'VersionConflict'
  | 'Duplicate'
  | 'LogGap'
  | 'UnknownTenant'
  // A session for a user id that is not a user of the session's tenant.
  | 'UnknownUser'
  | 'MigrationOrder'
  // A value the schema would not keep the same way on both dialects (a NaN time, a NUL character…).
  | 'InvalidValue';

export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}
