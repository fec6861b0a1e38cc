// The process `relais bench-cache` runs under callgrind, with counting off until the window.
// Arguments, validated by the parent: agents, window, seed, path of callgrind_control.
import { execFileSync } from 'node:child_process';
import { replayWithWindow } from './measured-window.ts';

const [agents, window, seed] = process.argv.slice(2, 5).map(Number) as [number, number, number];
const control = process.argv[5] as string;
// Callgrind runs inside this process: our pid is the one callgrind_control talks to.
const count = (on: boolean): void => {
  execFileSync(control, ['-i', on ? 'on' : 'off', String(process.pid)], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
};
const result = replayWithWindow(
  { agents, window, seed },
  (edge) => count(edge === 'start'),
  (phase) => process.stderr.write(`window: ${phase}\n`),
);
process.stdout.write(`${JSON.stringify({ ...result, pid: process.pid })}\n`);
