import { parseArgs } from 'node:util';
import { historyRows, Zone, ZoneError, DEFAULT_RULE, type ServiceLevelRule } from '@relais/reports';
import { parseColumnMapping, WfmError } from '@relais/wfm';
import { findTenant } from '../serve/find-tenant.ts';
import {
  DATABASE_FLAGS,
  DEFAULT_DATA_DIR,
  openConfiguredStore,
  pgFlags,
} from '../serve/open-store.ts';
import { InputError } from '../simulate/scenario-files.ts';
import {
  describeBadRows,
  HISTORY_FORMATS,
  readHistoryFile,
  type HistoryFormat,
} from '../wfm/history-file.ts';
import { FlagError, settingsOrExit } from '../workload/flags.ts';

export const name = 'import-history';
export const summary = 'Import a per-call history file as report history of its queues';

const USAGE = `Usage: relais import-history FILE --format anonymous-bank|csv [--map …] --zone ZONE
                             [--skip-bad] [--tenant NAME] [--data DIR | --pg URL]

Reads a per-call history (the anonymous-bank TSV of data/, or any CSV whose columns --map names)
and stores it as report rows of its queues, counted as Relais counts its own contacts (in the
interval where each call entered the queue; service level with the queue's formula and
threshold when the queue is configured, KPI.md's defaults otherwise). Reports (relais report,
GET /api/v1/reports) then show it beside the live figures. Importing again replaces the rows of
the same queues over the same period. A file with bad rows is refused, each bad row listed with
its line and field, unless --skip-bad imports the good ones.

Options:
  --format F         ${HISTORY_FORMATS.join(' or ')} (required)
  --map FIELD=COL,…  csv columns: arrival (required, local "YYYY-MM-DD HH:MM:SS"), queue, wait,
                     handle (seconds or h:mm:ss), outcome (answered, abandoned, …)
  --zone ZONE        IANA time zone of the file's local times (required), e.g. Europe/Paris
  --skip-bad         import the good rows of a file that has bad ones
  --tenant NAME      tenant name (needed when there are several)
${DATABASE_FLAGS}
  -h, --help         show this help`;

interface Settings {
  file: string;
  format: HistoryFormat;
  map: string | undefined;
  zone: Zone;
  skipBad: boolean;
  tenant: string | undefined;
  data: string;
  pg: string | undefined;
  pgSchema: string | undefined;
}

function readSettings(argv: string[]): Settings | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      map: { type: 'string' },
      zone: { type: 'string' },
      'skip-bad': { type: 'boolean' },
      tenant: { type: 'string' },
      data: { type: 'string' },
      pg: { type: 'string' },
      'pg-schema': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) return 'help';
  const [file, ...extra] = positionals;
  if (file === undefined) throw new FlagError('missing FILE: the per-call history to import');
  if (extra.length > 0) throw new FlagError(`unexpected argument '${extra.join(' ')}'`);
  if (!HISTORY_FORMATS.includes(values.format as HistoryFormat)) {
    throw new FlagError(
      `--format: expected one of ${HISTORY_FORMATS.join(', ')}, got '${values.format ?? ''}'`,
    );
  }
  const format = values.format as HistoryFormat;
  if (format === 'csv' && values.map === undefined) {
    throw new FlagError(
      '--format csv needs --map naming its columns, e.g. --map arrival=start,queue=skill,wait=wait_s,handle=talk_s,outcome=result',
    );
  }
  if (format !== 'csv' && values.map !== undefined)
    throw new FlagError('--map applies to --format csv only');
  if (values.map !== undefined) {
    try {
      parseColumnMapping(values.map);
    } catch (error) {
      if (!(error instanceof WfmError)) throw error;
      throw new FlagError(`--map: ${error.message.replace(/^mapping: /, '')}`);
    }
  }
  if (values.zone === undefined)
    throw new FlagError('--zone is required: the time zone of the file, e.g. --zone Europe/Paris');
  let zone: Zone;
  try {
    zone = new Zone(values.zone);
  } catch (error) {
    if (error instanceof ZoneError) throw new FlagError(`--zone: ${error.message}`);
    throw error;
  }
  return {
    file,
    format,
    map: values.map,
    zone,
    skipBad: values['skip-bad'] === true,
    tenant: values.tenant,
    data: values.data ?? process.env.RELAIS_DATA ?? DEFAULT_DATA_DIR,
    ...pgFlags(values),
  };
}

export async function run(argv: string[]): Promise<number> {
  const settings = settingsOrExit(() => readSettings(argv), name, USAGE);
  if (typeof settings === 'number') return settings;
  let history;
  try {
    history = readHistoryFile(settings.file, settings.format, settings.map);
  } catch (error) {
    if (error instanceof InputError || error instanceof WfmError) {
      console.error(`relais import-history: ${error.message}`);
      return 2;
    }
    throw error;
  }
  const bad = describeBadRows(settings.file, history);
  if (bad !== undefined && !settings.skipBad) {
    console.error(
      `relais import-history: nothing imported. ${bad.replace('(the others are used)', '')}\nFix them, or pass --skip-bad to import the good rows.`,
    );
    return 1;
  }
  if (bad !== undefined) console.error(bad);
  if (history.records.length === 0) {
    console.error(
      `relais import-history: ${settings.file} holds no offered call; nothing imported`,
    );
    return 1;
  }
  const store = await openConfiguredStore(settings);
  try {
    const tenant = await findTenant(store, settings.tenant, 'import-history');
    if (tenant === undefined) return 1;
    // Configured queues lend their client and service-level rule to their history.
    const queues = new Map(
      (
        await store.listConfig<{ clientId: string; serviceLevel?: Partial<ServiceLevelRule> }>(
          tenant.id,
          'queue',
          { limit: 1000 },
        )
      ).map((q) => [q.id, q.data]),
    );
    const { rows, fromMs, toMs } = historyRows(history.records, {
      zone: settings.zone,
      clientOf: (queue) => queues.get(queue)?.clientId,
      ruleOf: (queue) => ({ ...DEFAULT_RULE, ...queues.get(queue)?.serviceLevel }),
    });
    const entityIds = [...new Set(rows.map((row) => row.id))];
    const bucketFrom = Math.floor(fromMs / 900_000) * 900_000;
    await store.replaceReportHistory(tenant.id, {
      entityIds,
      fromMs: bucketFrom,
      toMs: Math.ceil(toMs / 900_000) * 900_000,
      rows: rows.map((row) => ({
        dimension: row.dimension,
        entityId: row.id,
        bucketMs: row.bucket,
        values: row.values,
      })),
    });
    await store.appendAudit(tenant.id, {
      actor: 'cli',
      action: 'history.import',
      target: settings.file,
      details: { calls: history.records.length, badRows: history.badRows, queues: entityIds },
    });
    console.log(
      `relais import-history: imported ${history.records.length} calls of ${entityIds.length} queues and clients, ${new Date(fromMs).toISOString()} to ${new Date(toMs).toISOString()} (${history.notOffered} rows were not offered calls${history.badRows > 0 ? `, ${history.badRows} bad rows left out` : ''})`,
    );
    return 0;
  } finally {
    await store.close();
  }
}
