// Starts a worker thread on a TypeScript module: Relais runs its sources through tsx, and a
// worker needs tsx's loader registered in its own thread before it imports the module.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
/** @type {unknown} */
const data = workerData;
const { module } = /** @type {{ module: string }} */ (data);
await import(module);
