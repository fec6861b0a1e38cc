import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  CsvError,
  IMPORT_KINDS,
  columnsOf,
  csvRows,
  importConfig,
  type ImportKind,
  type HeldLease,
  type ImportResult,
} from '@relais/server';
import { findTenant } from '../serve/find-tenant.ts';
import { importRefusal, leaseOrRefuse } from '../serve/store-lease.ts';
import {
  DATABASE_FLAGS,
  DEFAULT_DATA_DIR,
  openConfiguredStore,
  pgFlags,
} from '../serve/open-store.ts';
import { FlagError, settingsOrExit } from '../workload/flags.ts';

export const name = 'import';
export const summary =
  'Import sites, skills, clients, queues or agents from a CSV file (all rows or none)';

const USAGE = `Usage: relais import KIND FILE.csv [--tenant NAME] [--dry-run] [--data DIR | --pg URL [--pg-schema NAME]]

KIND is one of ${IMPORT_KINDS.join(', ')}. Every row is checked first — its fields, then against
the routing engine as the log leaves it (unknown site, skill or client, bad time zone…). When any
row is rejected, nothing is imported and each rejected row is listed with its line and field.
Rows whose id exists replace it. Import clients before queues, sites and skills before agents.

Columns (a header row names them; empty cells are left out):
  sites    ${columnsOf('sites').join(', ')}
  skills   ${columnsOf('skills').join(', ')}
  clients  ${columnsOf('clients').join(', ')}
  pause-codes   ${columnsOf('pause-codes').join(', ')}
  dispositions  ${columnsOf('dispositions').join(', ')}
  queues   ${columnsOf('queues').join(', ')}
  agents   ${columnsOf('agents').join(', ')}
Skill and capacity cells read "fr:7 en:5"; list cells "rabat fes"; booleans true/false.

Options:
  --tenant NAME     tenant name (needed when there are several)
  --dry-run         check every row and report, import nothing
${DATABASE_FLAGS}
  -h, --help        show this help

It refuses while \`relais serve\` runs on the same store (one writer per store): import through
the server (POST /api/v1/imports/KIND) or stop it first. --dry-run runs alongside a server.`;

interface ImportSettings {
  kind: ImportKind;
  file: string;
  tenant: string | undefined;
  dryRun: boolean;
  data: string;
  pg: string | undefined;
  pgSchema: string | undefined;
}

function readSettings(argv: string[]): ImportSettings | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      tenant: { type: 'string' },
      'dry-run': { type: 'boolean' },
      data: { type: 'string' },
      pg: { type: 'string' },
      'pg-schema': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) return 'help';
  const [kind, file, ...extra] = positionals;
  if (!IMPORT_KINDS.includes(kind as ImportKind))
    throw new FlagError(`KIND: expected one of ${IMPORT_KINDS.join(', ')}, got '${kind ?? ''}'`);
  if (file === undefined) throw new FlagError('missing FILE.csv');
  if (extra.length > 0) throw new FlagError(`unexpected argument '${extra.join(' ')}'`);
  return {
    kind: kind as ImportKind,
    file,
    tenant: values.tenant,
    dryRun: values['dry-run'] === true,
    data: values.data ?? process.env.RELAIS_DATA ?? DEFAULT_DATA_DIR,
    ...pgFlags(values),
  };
}

function progressBar(): (phase: string, done: number, total: number) => void {
  if (!process.stderr.isTTY) return () => undefined;
  return (phase, done, total) => {
    const width = 30;
    const filled = total === 0 ? width : Math.round((done / total) * width);
    process.stderr.write(
      `\r${phase.padEnd(6)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`,
    );
    if (phase === 'write' && done === total) process.stderr.write('\r\x1b[K');
  };
}

function report(settings: ImportSettings, result: ImportResult, rows: number): string {
  if (result.rejected.length > 0) {
    const lines = result.rejected.map(
      (r) => `  line ${r.line}${r.id === '' ? '' : ` (${r.id})`}: ${r.field}: ${r.message}`,
    );
    const rejectedRows = new Set(result.rejected.map((r) => r.line)).size;
    return [
      `relais import: ${rejectedRows} of ${rows} rows rejected; nothing imported. Fix these and run again:`,
      ...lines,
    ].join('\n');
  }
  const what = `${result.created} new, ${result.replaced} replaced`;
  return result.dryRun
    ? `relais import: all ${rows} ${settings.kind} rows are valid (${what}); --dry-run, nothing imported`
    : `relais import: imported ${result.imported} ${settings.kind} (${what})`;
}

export async function run(argv: string[]): Promise<number> {
  const settings = settingsOrExit(() => readSettings(argv), name, USAGE);
  if (typeof settings === 'number') return settings;
  let rows;
  try {
    rows = csvRows(settings.kind, readFileSync(settings.file, 'utf8'), settings.file);
  } catch (error) {
    if (error instanceof CsvError || (error as { code?: string }).code === 'ENOENT') {
      console.error(`relais import: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
    throw error;
  }
  const store = await openConfiguredStore(settings);
  // Not while a server runs on the store (SL9): it would not learn of the rows. A dry run
  // writes nothing, so it runs alongside.
  let lease: HeldLease | undefined;
  if (!settings.dryRun) {
    lease = await leaseOrRefuse(store, 'relais import', importRefusal);
    if (lease === undefined) {
      await store.close();
      return 1;
    }
  }
  try {
    const tenant = await findTenant(store, settings.tenant, 'import');
    if (tenant === undefined) return 1;
    const result = await importConfig(store, tenant.id, settings.kind, rows, {
      dryRun: settings.dryRun,
      onProgress: progressBar(),
    });
    const text = report(settings, result, rows.length);
    if (result.rejected.length > 0) {
      console.error(text);
      return 1;
    }
    console.log(text);
    return 0;
  } finally {
    await lease?.release();
    await store.close();
  }
}
