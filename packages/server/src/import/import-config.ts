// Bulk configuration import (sites, skills, clients, queues, agents): every row is checked —
// shape first, then routing numbers and SIP users against the whole server (import-claims.ts),
// then against a scratch copy of the engine rebuilt from the log — and the file is
// written only when no row is rejected, in one transaction. Half a file is never imported.
import type { ImportKind } from '@relais/protocol';
import type { Store } from '@relais/store';
import { validationDetails } from '../http/errors.ts';
import { KINDS, type KindSpec } from '../routes/config-kinds.ts';
import type { ConfigWrites } from '../routes/config-writes.ts';
import { TenantRuntime, replayLog } from '../runtime/tenant-runtime.ts';
import { PhoneClaims, type ClaimKind } from '../telephony/phone-claims.ts';
import type { TelephonyService } from '../telephony/telephony-service.ts';
import { claimRows } from './import-claims.ts';
import { fieldsOf } from './csv-rows.ts';

// The kinds, one list shared with the API's schemas.
export { IMPORT_KINDS, type ImportKind } from '@relais/protocol';

export interface ImportRow {
  /** Where the row came from, for the report (a CSV line number). */
  line: number;
  data: Record<string, unknown>;
}

export interface RejectedRow {
  line: number;
  id: string;
  field: string;
  message: string;
}

export interface ImportResult {
  imported: number;
  created: number;
  replaced: number;
  rejected: RejectedRow[];
  dryRun: boolean;
}

export type ImportProgress = (phase: 'check' | 'write', done: number, total: number) => void;

interface CommonImportOptions {
  dryRun?: boolean;
  onProgress?: ImportProgress;
  /** Who imports, for the audit log (default "cli"). */
  actor?: string;
  /**
   * The running server's routing numbers and SIP users (TEL29); without it (the CLI) they are
   * read from the store once for the import.
   */
  claims?: PhoneClaims;
  /**
   * The running server's telephony (`server.context.telephony`), told of the written queues and
   * agents so that its phone book routes the new numbers and knows the new SIP users at once
   * (TEL31); without it (the CLI, telephony off) the phone book reads them when the server starts.
   */
  telephony?: Pick<TelephonyService, 'configChanged'> | undefined;
}

/** Into a running server: its runtime and its row turns come together (TEL32). */
interface LiveImportOptions {
  /**
   * The tenant's live runtime, when a running server imports: rows are checked against a copy
   * of its engine and written through it. Without one (the CLI, server stopped), the engine is
   * rebuilt from the log for the check and a runtime is opened for the write.
   */
  runtime: TenantRuntime;
  /**
   * The running server's turns of row writes (`server.context.configWrites`, TEL30, TEL32): the
   * import holds the turn of every row of the file from before it reads them until they are
   * stored, so a config API write of one of them goes wholly before or after it. A dry run takes
   * none. Required with `runtime`: without it, an import could undo a concurrent write.
   */
  configWrites: ConfigWrites;
}

/** The CLI's import, the server stopped (the store lease keeps it so): nothing else writes. */
interface StoppedImportOptions {
  runtime?: undefined;
  configWrites?: undefined;
}

export type ImportOptions = CommonImportOptions & (LiveImportOptions | StoppedImportOptions);

/**
 * A row replacing a stored one keeps the stored fields the file has no column for (routing
 * steps, routing numbers, voice menu, SIP user and password…): a CSV cannot carry them, and
 * re-importing a file of names and skills must not unplug a queue's phone numbers.
 */
async function withUnlistedFields(
  store: Store,
  tenantId: string,
  kind: KindSpec['kind'],
  columns: ReadonlySet<string>,
  data: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  if (typeof data.id !== 'string') return data;
  const stored = (await store.getConfig(tenantId, kind, data.id))?.data as
    Record<string, unknown> | undefined;
  if (stored === undefined) return data;
  const kept: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(stored)) {
    if (!columns.has(field) && !(field in data)) kept[field] = value;
  }
  return { ...kept, ...data };
}

const spec = (kind: ImportKind): KindSpec => {
  const found = KINDS.find((k) => k.path === kind);
  if (found === undefined) throw new Error(`no configuration kind ${kind}`);
  return found;
};

export async function importConfig(
  store: Store,
  tenantId: string,
  kind: ImportKind,
  rows: readonly ImportRow[],
  options: ImportOptions = {},
): Promise<ImportResult> {
  const kindSpec = spec(kind);
  // A dry run writes nothing, so it cannot undo a write: it takes no turn and holds back no one.
  const turns = options.dryRun === true ? undefined : options.configWrites;
  if (turns === undefined) return importRows(store, tenantId, kind, kindSpec, rows, options);
  // Rows without an id read nothing and are rejected; each other row's turn is held to the end.
  const keys = rows.flatMap((row) =>
    typeof row.data.id === 'string' ? [{ tenantId, kind: kindSpec.kind, id: row.data.id }] : [],
  );
  return turns.serializeRows(keys, () =>
    importRows(store, tenantId, kind, kindSpec, rows, options),
  );
}

/** Checks every row, then writes them all unless one is rejected or it is a dry run. */
async function importRows(
  store: Store,
  tenantId: string,
  kind: ImportKind,
  kindSpec: KindSpec,
  rows: readonly ImportRow[],
  options: ImportOptions,
): Promise<ImportResult> {
  const rejected: RejectedRow[] = [];
  const valid: { line: number; data: Record<string, unknown> & { id: string } }[] = [];
  const seen = new Map<string, number>();
  const total = rows.length;
  const columns = fieldsOf(kind);
  // 1. Shape: the API's own schema, so a row is accepted here exactly when the API would take it.
  for (const row of rows) {
    const parsed = kindSpec.schema.safeParse(
      await withUnlistedFields(store, tenantId, kindSpec.kind, columns, row.data),
    );
    const id = typeof row.data.id === 'string' ? row.data.id : '';
    if (!parsed.success) {
      for (const issue of validationDetails(parsed.error))
        rejected.push({ line: row.line, id, field: issue.path, message: issue.message });
      continue;
    }
    const data = parsed.data as Record<string, unknown> & { id: string };
    const first = seen.get(data.id);
    if (first !== undefined) {
      rejected.push({
        line: row.line,
        id: data.id,
        field: 'id',
        message: `the same id is on line ${first}; one row per id`,
      });
      continue;
    }
    seen.set(data.id, row.line);
    valid.push({ line: row.line, data });
  }
  // 2. References: clients exist for queues (in the store or in this file), the engine accepts the rest.
  if (kind === 'queues') {
    for (const row of valid) {
      const clientId = String(row.data.clientId);
      if ((await store.getConfig(tenantId, 'client', clientId)) === undefined) {
        rejected.push({
          line: row.line,
          id: row.data.id,
          field: 'clientId',
          message: `no client with id "${clientId}"; import clients first`,
        });
      }
    }
  }
  // 3. Telephony: routing numbers and SIP users free across the server (TEL29), reserved until the end.
  const claimKind =
    kindSpec.kind === 'queue' || kindSpec.kind === 'agent' ? kindSpec.kind : undefined;
  const claims =
    claimKind === undefined ? undefined : (options.claims ?? (await PhoneClaims.load(store)));
  const release =
    claims === undefined || claimKind === undefined
      ? () => undefined
      : claimRows(claims, tenantId, claimKind, valid, rejected);
  try {
    const job = { store, tenantId, kind, kindSpec, total, options };
    const claimed =
      claims === undefined || claimKind === undefined ? undefined : { claims, claimKind };
    return await checkAndWrite(job, valid, rejected, claimed);
  } finally {
    release();
  }
}

interface ImportJob {
  store: Store;
  tenantId: string;
  kind: ImportKind;
  kindSpec: KindSpec;
  /** Rows in the file, for the progress report. */
  total: number;
  options: ImportOptions;
}

/** The engine's check of every row, then the write of the file when no row is rejected. */
async function checkAndWrite(
  job: ImportJob,
  valid: readonly { line: number; data: Record<string, unknown> & { id: string } }[],
  rejected: RejectedRow[],
  claimed: { claims: PhoneClaims; claimKind: ClaimKind } | undefined,
): Promise<ImportResult> {
  const { store, tenantId, kind, kindSpec, total, options } = job;
  const live = options.runtime;
  const scratch = live?.scratchEngine() ?? (await replayLog(tenantId, store)).engine;
  let done = 0;
  for (const row of valid) {
    if (kindSpec.command !== undefined) {
      const result = scratch.apply(kindSpec.command(row.data as never), scratch.nowMs);
      if (!result.ok) {
        // Engine messages start with the field they are about; the report shows it once.
        const { details, message } = result.error;
        const named = details.path ?? details.where;
        const field = typeof named === 'string' ? named : kindSpec.kind;
        const text = message.startsWith(`${field}: `) ? message.slice(field.length + 2) : message;
        rejected.push({ line: row.line, id: row.data.id, field, message: text });
      }
    }
    if (++done % 500 === 0) options.onProgress?.('check', done, total);
  }
  options.onProgress?.('check', total, total);
  rejected.sort((a, b) => a.line - b.line);
  let created = 0;
  for (const row of valid)
    if ((await store.getConfig(tenantId, kindSpec.kind, row.data.id)) === undefined) created++;
  const result = {
    imported: 0,
    created,
    replaced: valid.length - created,
    rejected,
    dryRun: options.dryRun === true,
  };
  if (rejected.length > 0 || options.dryRun === true) return result;

  // 4. Write: every row through the engine, all in one group commit; the claims follow it.
  const config = valid.map((row) => ({ kind: kindSpec.kind, id: row.data.id, data: row.data }));
  const write = () => writeRows(store, tenantId, kindSpec, config, options.runtime);
  if (claimed === undefined) await write();
  else await claimed.claims.track(tenantId, claimed.claimKind, config, write);
  // As a config API write does: the phone book takes in the stored rows before the answer.
  if (claimed !== undefined)
    await options.telephony?.configChanged(config.map((row) => ({ tenantId, ...row })));
  options.onProgress?.('write', total, total);
  await store.appendAudit(tenantId, {
    actor: options.actor ?? 'cli',
    action: 'import',
    target: kind,
    details: { rows: valid.length, created },
  });
  return { ...result, imported: valid.length };
}

/** Stores the rows: through the engine for engine-backed kinds, else straight into the log. */
async function writeRows(
  store: Store,
  tenantId: string,
  kindSpec: KindSpec,
  config: readonly { kind: KindSpec['kind']; id: string; data: Record<string, unknown> }[],
  live: TenantRuntime | undefined,
): Promise<void> {
  const command = kindSpec.command;
  if (command === undefined) {
    await store.appendLog(tenantId, { commands: [], events: [], config: [...config] });
    return;
  }
  const runtime = live ?? (await TenantRuntime.open(tenantId, store));
  try {
    // Not awaited one by one: the commands share one group commit, hence one transaction.
    await Promise.all(
      config.map((row) => runtime.execute(command(row.data as never), { config: [row] })),
    );
  } finally {
    if (live === undefined) await runtime.close();
  }
}
