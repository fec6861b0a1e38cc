// The server's steady writes on a worker thread (see log-writer-worker.ts). The server's thread
// keeps reading through its own connection: WAL lets readers and one writer work at once.
import { Worker } from 'node:worker_threads';
import { StoreError, type StoreErrorCode } from '../errors.ts';
import type { LogBatch, ReportFlush } from '../port.ts';
import type { SqliteOptions } from './sqlite-database.ts';
import type { WriterReply, WriterRequest } from './log-writer-worker.ts';

interface Pending {
  resolve: () => void;
  reject: (error: Error) => void;
}

export class SqliteLogWriter {
  private worker: Worker | undefined;
  private next = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly options: SqliteOptions) {}

  append(tenantId: string, batch: LogBatch, now: Date): Promise<void> {
    return this.send({
      id: this.next++,
      op: 'appendLog',
      tenantId,
      batch,
      nowIso: now.toISOString(),
    });
  }

  addReportFlush(tenantId: string, flush: ReportFlush, now: Date): Promise<void> {
    const nowIso = now.toISOString();
    return this.send({ id: this.next++, op: 'addReportFlush', tenantId, flush, nowIso });
  }

  async close(): Promise<void> {
    if (this.worker === undefined) return;
    await this.send({ id: this.next++, op: 'close' });
    await this.worker.terminate();
    this.worker = undefined;
  }

  private send(request: WriterRequest): Promise<void> {
    const worker = this.started();
    // Referenced while a commit is pending (the process must wait for it), not while idle.
    worker.ref();
    return new Promise((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject });
      worker.postMessage(request);
    });
  }

  private started(): Worker {
    if (this.worker !== undefined) return this.worker;
    const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), {
      workerData: {
        module: new URL('./log-writer-worker.ts', import.meta.url).href,
        options: this.options,
      },
    });
    worker.on('message', (reply: WriterReply) => {
      const waiter = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if (reply.ok) waiter?.resolve();
      else {
        const { code, message, details } = reply.error;
        waiter?.reject(
          code === undefined
            ? new Error(message)
            : new StoreError(code as StoreErrorCode, message, details as Record<string, unknown>),
        );
      }
    });
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', (code) => {
      this.worker = undefined;
      this.failAll(new Error(`the SQLite log writer stopped (exit code ${code})`));
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private failAll(error: Error): void {
    for (const waiter of this.pending.values()) waiter.reject(error);
    this.pending.clear();
  }
}
