// The server's side of the snapshot thread: starts it on the server's database, relays what it
// reports, stops it with the server.
import { Worker } from 'node:worker_threads';
import type { FollowResult, FollowerOptions } from './snapshot-follower.ts';

/** How the snapshot thread opens the server's database (a connection of its own). */
export type StoreSpec =
  { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema?: string };

export interface SnapshotWorkerOptions {
  store: StoreSpec;
  follower?: FollowerOptions;
  /** Time between two passes over the tenants (default 2 s; a pass with nothing to do is a query per tenant). */
  intervalMs?: number;
  onResult?: (result: FollowResult) => void;
  /** The thread stopped on an error of its own (not a tenant's). */
  onError?: (error: Error) => void;
}

export interface SnapshotThreadData {
  module: string;
  store: StoreSpec;
  follower: FollowerOptions;
  intervalMs: number;
}

export type SnapshotThreadMessage = { type: 'result'; result: FollowResult } | { type: 'stopped' };

export const SNAPSHOT_INTERVAL_MS = 2000;

export class SnapshotWorker {
  private constructor(private readonly worker: Worker) {}

  static start(options: SnapshotWorkerOptions): SnapshotWorker {
    const workerData: SnapshotThreadData = {
      module: new URL('./snapshot-thread.ts', import.meta.url).href,
      store: options.store,
      follower: options.follower ?? {},
      intervalMs: options.intervalMs ?? SNAPSHOT_INTERVAL_MS,
    };
    const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), { workerData });
    worker.on('message', (message: SnapshotThreadMessage) => {
      if (message.type === 'result') options.onResult?.(message.result);
    });
    worker.on('error', (error) => options.onError?.(error));
    // It never keeps the process alive on its own.
    worker.unref();
    return new SnapshotWorker(worker);
  }

  /** Asks the thread to finish its pass and close its connection; ends it after 5 s regardless. */
  async stop(): Promise<void> {
    const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
    this.worker.postMessage('stop');
    const timer = setTimeout(() => void this.worker.terminate(), 5000);
    await exited;
    clearTimeout(timer);
  }
}
