export * from './port.ts';
export { StoreError, type StoreErrorCode } from './errors.ts';
export { refusedForGood } from './refusals.ts';
export { openStore, type StoreOptions } from './open-store.ts';
export {
  openSqliteStore,
  sqliteFileIn,
  SqliteStore,
  type SqliteStoreOptions,
} from './sqlite/sqlite-store.ts';
export {
  openPostgresStore,
  PostgresStore,
  type PostgresStoreOptions,
} from './postgres/postgres-store.ts';
export { REPORT_COUNTERS, REPORT_COLUMNS, type ReportCounter } from './reports/report-columns.ts';
