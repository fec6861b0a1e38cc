export { buildServer, API_VERSION, type RelaisServer, type ServerOptions } from './app.ts';
export { bootstrap, createAdmin, type BootstrapResult } from './bootstrap.ts';
export { TenantRuntime, replayLog } from './runtime/tenant-runtime.ts';
export {
  IMPORT_KINDS,
  importConfig,
  type ImportKind,
  type ImportResult,
  type ImportRow,
  type RejectedRow,
} from './import/import-config.ts';
export { Directory } from './runtime/directory.ts';
export { toLoggedEvent, type LogEntry } from './runtime/log-records.ts';
