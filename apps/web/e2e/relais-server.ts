// A real Relais for the browser tests: the app built by Vite into a scratch folder, and
// `relais serve` started as a child process on a fresh SQLite database, as a person would run it.
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const APP = fileURLToPath(new URL('..', import.meta.url));
const RELAIS = fileURLToPath(new URL('../../cli/bin/relais.js', import.meta.url));

export interface RunningRelais {
  url: string;
  adminPassword: string;
  output(): string;
  stop(): Promise<void>;
}

/** Where the web-e2e project's global setup left its one build of the app (e2e/global-build.ts). */
export const SHARED_BUILD_ENV = 'RELAIS_E2E_WEB_BUILD';

/**
 * Builds the app into `outDir` with the project's own Vite configuration, as for production;
 * inside the browser tests, copies the build their global setup made once for the whole run.
 */
export async function buildWebApp(outDir: string): Promise<void> {
  const shared = process.env[SHARED_BUILD_ENV];
  if (shared !== undefined && existsSync(path.join(shared, 'index.html'))) {
    cpSync(shared, outDir, { recursive: true });
    return;
  }
  // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: APP,
      mode: 'production',
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

export function scratchFolder(name: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), `relais-${name}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Starts `relais serve` on a free port; resolves once it prints where it serves. */
export async function startRelais(
  dataDir: string,
  webDir: string,
  extraArgs: readonly string[] = [],
): Promise<RunningRelais> {
  const child: ChildProcess = spawn(
    process.execPath,
    [RELAIS, 'serve', '--data', dataDir, '--port', '0', '--web', webDir, ...extraArgs],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const started = await new Promise<{ url: string; adminPassword: string }>((resolve, reject) => {
    const look = (): void => {
      const url = /serving on (http:\/\/[^\s]+) /.exec(output)?.[1];
      const adminPassword = /with password: (\S+)/.exec(output)?.[1];
      if (url !== undefined && adminPassword !== undefined) resolve({ url, adminPassword });
    };
    child.stdout?.on('data', look);
    child.once('exit', (code) => reject(new Error(`relais serve exited (${code}):\n${output}`)));
  });
  return {
    ...started,
    output: () => output,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
