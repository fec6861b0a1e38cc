// The SQLite writer's thread: it owns a second connection to the file and runs the server's
// steady writes there (the log's group commits, the report projection's flushes, a lead list's
// staged chunks), so their fsync and inserts never stall the server's event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { StoreError } from '../errors.ts';
import { appendLog } from '../log/append-log.ts';
import { stageLeadList } from '../campaigns/lead-staging.ts';
import type {
  LeadListCounts,
  LeadRejection,
  LogBatch,
  NewLead,
  NewStagedLeadList,
  ReportFlush,
  StagedLeadList,
} from '../port.ts';
import { addReportFlush } from '../reports/report-store.ts';
import { SqliteDatabase, type SqliteOptions } from './sqlite-database.ts';

export type WriterRequest =
  | { id: number; op: 'appendLog'; tenantId: string; batch: LogBatch; nowIso: string }
  | { id: number; op: 'addReportFlush'; tenantId: string; flush: ReportFlush; nowIso: string }
  | { id: number; op: 'stage'; tenantId: string; list: NewStagedLeadList; nowIso: string }
  | {
      id: number;
      op: 'stageAdd';
      key: string;
      leads: readonly NewLead[];
      rejections: readonly LeadRejection[];
      nowIso: string;
    }
  | { id: number; op: 'stagePublish'; key: string; counts: LeadListCounts; nowIso: string }
  | { id: number; op: 'stageDiscard'; key: string; nowIso: string }
  | { id: number; op: 'close' };
export type WriterReply =
  | { id: number; ok: true; value?: unknown }
  | { id: number; ok: false; error: { code?: string; message: string; details?: unknown } };

const { options } = workerData as { options: SqliteOptions };
const port = parentPort;
if (port === null) throw new Error('log-writer-worker runs as a worker thread');
const db = SqliteDatabase.open(options);
/** Lists being staged on this thread, by `tenant \0 list`, and the time of each one's request. */
const staging = new Map<string, StagedLeadList>();
const stagingTimes = new Map<string, Date>();

function stagedOf(key: string): StagedLeadList {
  const staged = staging.get(key);
  if (staged === undefined) throw new Error(`no list staged as ${key.replace('\u0000', '/')}`);
  return staged;
}

async function run(request: Exclude<WriterRequest, { op: 'close' }>): Promise<unknown> {
  const context = { db, now: () => new Date(request.nowIso) };
  if (request.op === 'appendLog') return appendLog(context, request.tenantId, request.batch);
  if (request.op === 'addReportFlush') {
    return addReportFlush(context, request.tenantId, request.flush);
  }
  const key = request.op === 'stage' ? `${request.tenantId}\u0000${request.list.id}` : request.key;
  stagingTimes.set(key, new Date(request.nowIso));
  if (request.op === 'stage') {
    const now = () => stagingTimes.get(key) ?? new Date(request.nowIso);
    try {
      staging.set(key, await stageLeadList({ db, now }, request.tenantId, request.list));
    } catch (error) {
      stagingTimes.delete(key);
      throw error;
    }
    return undefined;
  }
  const staged = stagedOf(key);
  if (request.op === 'stageAdd') return staged.add(request.leads, request.rejections);
  // A list published or discarded is done with here (a failed publish is discarded next).
  const done = request.op === 'stagePublish' ? staged.publish(request.counts) : staged.discard();
  const value = await done;
  staging.delete(key);
  stagingTimes.delete(key);
  return value;
}

port.on('message', (request: WriterRequest) => {
  if (request.op === 'close') {
    void db
      .close()
      .then(() => port.postMessage({ id: request.id, ok: true } satisfies WriterReply));
    return;
  }
  run(request).then(
    (value) => port.postMessage({ id: request.id, ok: true, value } satisfies WriterReply),
    (error: unknown) => {
      const reply: WriterReply =
        error instanceof StoreError
          ? {
              id: request.id,
              ok: false,
              error: { code: error.code, message: error.message, details: error.details },
            }
          : {
              id: request.id,
              ok: false,
              error: { message: error instanceof Error ? error.message : String(error) },
            };
      port.postMessage(reply);
    },
  );
});
