// Whether a failed write may succeed if tried again: one answer for both dialects, so a caller
// that queues writes (the live dialer's history) retries what is passing and sets aside what the
// data itself makes impossible.
import { StoreError, type StoreErrorCode } from './errors.ts';
import { ConstraintViolation } from './sql/executor.ts';

/** Store errors that the same write would meet again, every time. */
const STORE_CODES_FOR_GOOD: Record<StoreErrorCode, boolean> = {
  VersionConflict: true,
  Duplicate: true,
  LogGap: true,
  UnknownTenant: true,
  UnknownUser: true,
  // The schema is behind the code: an administrator's migration fixes it, so retry.
  MigrationOrder: false,
  InvalidValue: true,
};

// PostgreSQL SQLSTATE classes 22 (data exception: a bad value) and 23 (integrity constraint).
const POSTGRES_DATA_OR_CONSTRAINT = /^2[23][0-9A-Z]{3}$/;
// SQLite's result codes for a constraint (all its extended codes), a value of the wrong type or
// too big; SQLITE_BUSY, SQLITE_IOERR, SQLITE_FULL and the like pass and are not listed.
const SQLITE_DATA_OR_CONSTRAINT = /^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG)(_|$)/;

/**
 * True when the store refused a write for good (a constraint, a bad value, the store's own
 * refusal); false for what may pass (connection, timeout, lock, serialization failure).
 */
export function refusedForGood(error: unknown): boolean {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; depth++) {
    if (cause instanceof ConstraintViolation) return true;
    if (cause instanceof StoreError) return STORE_CODES_FOR_GOOD[cause.code];
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string') {
      return POSTGRES_DATA_OR_CONSTRAINT.test(code) || SQLITE_DATA_OR_CONSTRAINT.test(code);
    }
    cause = cause.cause;
  }
  return false;
}
