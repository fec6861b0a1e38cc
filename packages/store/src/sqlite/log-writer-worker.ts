// The SQLite writer's thread: it owns a second connection to the file and runs the server's
// steady writes there (the log's group commits, the report projection's flushes), so their
// fsync never stalls the server's event loop.
import { parentPort, workerData } from 'node:worker_threads';
import { StoreError } from '../errors.ts';
import { appendLog } from '../log/append-log.ts';
import type { LogBatch, ReportFlush } from '../port.ts';
import { addReportFlush } from '../reports/report-store.ts';
import { SqliteDatabase, type SqliteOptions } from './sqlite-database.ts';

export type WriterRequest =
  | { id: number; op: 'appendLog'; tenantId: string; batch: LogBatch; nowIso: string }
  | { id: number; op: 'addReportFlush'; tenantId: string; flush: ReportFlush; nowIso: string }
  | { id: number; op: 'close' };
export type WriterReply =
  | { id: number; ok: true }
  | { id: number; ok: false; error: { code?: string; message: string; details?: unknown } };

const { options } = workerData as { options: SqliteOptions };
const port = parentPort;
if (port === null) throw new Error('log-writer-worker runs as a worker thread');
const db = SqliteDatabase.open(options);

port.on('message', (request: WriterRequest) => {
  if (request.op === 'close') {
    void db
      .close()
      .then(() => port.postMessage({ id: request.id, ok: true } satisfies WriterReply));
    return;
  }
  const context = { db, now: () => new Date(request.nowIso) };
  const write =
    request.op === 'appendLog'
      ? appendLog(context, request.tenantId, request.batch)
      : addReportFlush(context, request.tenantId, request.flush);
  write.then(
    () => port.postMessage({ id: request.id, ok: true } satisfies WriterReply),
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
