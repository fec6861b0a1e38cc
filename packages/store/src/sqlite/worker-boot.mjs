// Starts a worker thread on a TypeScript module: Relais runs its sources through tsx, and a
// worker needs tsx's loader registered in its own thread before it imports the module.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
const { module } = /** @type {{ module: string }} */ (workerData);
await import(module);
