// Vitest global setup of the web-e2e project: the app is built once per run and every browser
// test copies that build, instead of each test file running its own Vite build (~20 s each on
// this machine). The folder reaches the test workers through the environment.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { SHARED_BUILD_ENV, buildWebApp, scratchFolder } from './relais-server.ts';

export default async function setup(): Promise<() => void> {
  const scratch = scratchFolder('e2e-build');
  const dir = path.join(scratch.dir, 'web');
  await buildWebApp(dir);
  process.env[SHARED_BUILD_ENV] = dir;
  return () => {
    delete process.env[SHARED_BUILD_ENV];
    rmSync(scratch.dir, { recursive: true, force: true });
  };
}
