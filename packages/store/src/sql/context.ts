import type { SqlDatabase } from './executor.ts';

/** What every query module gets: the database and the clock for created/updated times. */
export interface StoreContext {
  db: SqlDatabase;
  now: () => Date;
}
