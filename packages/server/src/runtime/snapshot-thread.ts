// The snapshot worker thread: its own store connection, a SnapshotFollower pass every interval,
// each result posted to the server (which logs it), until told to stop.
import { constants, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { setTimeout as sleep } from 'node:timers/promises';
import { openPostgresStore, openSqliteStore, type Store } from '@relais/store';
import { SnapshotFollower } from './snapshot-follower.ts';
import type { SnapshotThreadData, SnapshotThreadMessage } from './snapshot-worker.ts';

// Snapshots are background work: on Linux the nice value belongs to each thread, so this lowers
// the priority of this thread alone and the threads serving requests keep the CPU when it is
// short (seen on 2 cores: a snapshot's rebuild slowed the offers of the seconds it ran).
// Elsewhere it may apply to the whole process or be refused; refused, it is left as it is.
if (process.platform === 'linux') {
  try {
    setPriority(constants.priority.PRIORITY_LOW);
  } catch {
    // Not permitted here: the snapshots just run at the normal priority.
  }
}

const data = workerData as SnapshotThreadData;
const store: Store =
  data.store.kind === 'sqlite'
    ? openSqliteStore({ file: data.store.file })
    : openPostgresStore({
        url: data.store.url,
        poolSize: 2,
        ...(data.store.schema === undefined ? {} : { schema: data.store.schema }),
      });
const follower = new SnapshotFollower(store, data.follower);
let stopping = false;
const post = (message: SnapshotThreadMessage): void => parentPort?.postMessage(message);

parentPort?.on('message', (message: unknown) => {
  if (message === 'stop') stopping = true;
});

try {
  while (!stopping) {
    try {
      for (const result of await follower.pass()) post({ type: 'result', result });
    } catch (error) {
      post({ type: 'result', result: { tenantId: '*', error: String(error) } });
    }
    // Sleep in short steps, so a stop is seen quickly.
    for (let waited = 0; waited < data.intervalMs && !stopping; waited += 100) await sleep(100);
  }
} finally {
  await store.close();
  post({ type: 'stopped' });
  // Nothing left to wait for: the thread ends.
  parentPort?.close();
}
