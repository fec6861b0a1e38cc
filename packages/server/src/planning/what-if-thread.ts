// The what-if's thread: runs the simulation away from the server's event loop and reports its
// progress (whole percents) and its per-queue figures to the server.
import { parentPort, workerData } from 'node:worker_threads';
import { simulate, type KpiFigures, type Scenario } from '@relais/sim';

export interface WhatIfThreadData {
  module: string;
  scenario: Scenario;
}

export type WhatIfThreadMessage =
  | { type: 'progress'; percent: number }
  | {
      type: 'done';
      queues: Record<string, KpiFigures>;
      ci95: Record<string, KpiFigures>;
    }
  | { type: 'failed'; message: string };

const { scenario } = workerData as WhatIfThreadData;
const post = (message: WhatIfThreadMessage): void => parentPort?.postMessage(message);

let percent = -1;
try {
  const result = simulate(scenario, {
    onProgress: (done, total) => {
      const now = Math.floor((done / total) * 100);
      if (now > percent) {
        percent = now;
        post({ type: 'progress', percent: Math.min(99, now) });
      }
    },
  });
  post({ type: 'done', queues: result.queues, ci95: result.ci95.queues });
} catch (error) {
  post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
}
