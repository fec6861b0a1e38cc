export { buildServer, API_VERSION, type RelaisServer, type ServerOptions } from './app.ts';
export { bootstrap, createAdmin, type BootstrapResult } from './bootstrap.ts';
export { TenantRuntime } from './runtime/tenant-runtime.ts';
