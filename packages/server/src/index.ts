export { buildServer, API_VERSION, type RelaisServer, type ServerOptions } from './app.ts';
export { bootstrap, createAdmin, type BootstrapResult } from './bootstrap.ts';
export {
  TenantRuntime,
  replayLog,
  type Recovery,
  type RuntimeOptions,
} from './runtime/tenant-runtime.ts';
export { SNAPSHOT_EVERY_COMMANDS, takeSnapshot } from './runtime/snapshots.ts';
export type { StoreSpec } from './runtime/snapshot-worker.ts';
export {
  IMPORT_KINDS,
  importConfig,
  type ImportKind,
  type ImportResult,
  type ImportRow,
  type RejectedRow,
} from './import/import-config.ts';
export { CsvError, columnsOf, csvRows } from './import/csv-rows.ts';
export { Directory } from './runtime/directory.ts';
export { customerKeyOf } from './routes/customer-key.ts';
export { toLoggedEvent, type LogEntry } from './runtime/log-records.ts';
export {
  loadProjection,
  readWith,
  writeFlush,
  type ProjectedRows,
} from './reports/report-projector.ts';
export { hashPassword } from './auth/secrets.ts';
export type { DemoControl } from './routes/demo-routes.ts';
export {
  TELEPHONY_FLAG_NAMES,
  TelephonyOptionError,
  telephonyOptionsFromFlags,
  type TelephonyFlags,
  type TelephonyOptions,
} from './telephony/telephony-options.ts';
export { DEFAULT_CALLED_PARTY } from './campaigns/live/simulated-calls.ts';
export type { DialerOptions } from './campaigns/live/dialer-service.ts';
export {
  StoreInUse,
  describeHolder,
  holdStoreLease,
  type HeldLease,
  type LeaseOptions,
} from './lease/store-lease.ts';
