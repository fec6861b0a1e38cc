import { spawn } from 'node:child_process';
import {
  accessSync,
  constants,
  createReadStream,
  mkdtempSync,
  readFileSync,
  rmSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CallgrindReader } from './callgrind.ts';
import { PerfMap } from './perf-map.ts';
import { summarise, type CacheProfile } from './summary.ts';

export interface CacheSettings {
  agents: number;
  window: number;
  llMb: number;
  seed: number;
  top: number;
}

/** valgrind or callgrind_control is not installed. */
export class ValgrindMissing extends Error {
  constructor() {
    super('valgrind not found: apt-get install -y valgrind');
  }
}

/** The profiled process failed; the message holds its stderr and the end of valgrind's log. */
export class ProfileFailed extends Error {}

/** The full path of an executable found on `pathEnv` (a PATH value), or undefined. */
export function findExecutable(name: string, pathEnv: string): string | undefined {
  for (const dir of pathEnv.split(delimiter)) {
    if (dir === '') continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // Not in this directory.
    }
  }
  return undefined;
}

const ENTRY = fileURLToPath(new URL('./window-entry.ts', import.meta.url));
const REPO_ROOT = new URL('../../../../', import.meta.url).href;

/**
 * Runs the measured window under callgrind with a simulated last level of `llMb` MB (16-way,
 * 64-byte lines) and sums the engine thread's counts; `onPhase` hears the child's progress.
 */
export async function profileCacheMisses(
  settings: CacheSettings,
  onPhase: (phase: string) => void,
): Promise<CacheProfile> {
  const pathEnv = process.env['PATH'] ?? '';
  const valgrind = findExecutable('valgrind', pathEnv);
  const control = findExecutable('callgrind_control', pathEnv);
  if (valgrind === undefined || control === undefined) throw new ValgrindMissing();
  const dir = mkdtempSync(join(tmpdir(), 'relais-bench-cache-'));
  try {
    const child = await runChild(valgrind, control, dir, settings, onPhase);
    const perfMapPath = `/tmp/perf-${child.pid}.map`;
    let perfMap: PerfMap;
    try {
      perfMap = PerfMap.parse(readFileSync(perfMapPath, 'utf8'));
    } finally {
      rmSync(perfMapPath, { force: true });
    }
    onPhase('reading the profile');
    // With --separate-threads, thread 1 (file -01) is node's main thread: the engine's.
    const reader = new CallgrindReader((address) => perfMap.nameAt(address));
    const lines = createInterface({ input: createReadStream(join(dir, 'callgrind.out-01')) });
    for await (const line of lines) reader.line(line);
    const functions = reader.functions();
    const ir = reader.events.indexOf('Ir');
    const summed = functions.reduce((sum, f) => sum + (f.costs[ir] ?? 0), 0);
    if (reader.totals !== undefined && reader.totals[ir] !== summed) {
      throw new ProfileFailed(
        `callgrind totals say ${reader.totals[ir]} instructions, parsed ${summed}`,
      );
    }
    return summarise(
      functions,
      reader.events,
      { ...settings, commands: child.commands },
      REPO_ROOT,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs window-entry.ts under callgrind in `dir`; resolves to what it printed. */
function runChild(
  valgrind: string,
  control: string,
  dir: string,
  settings: CacheSettings,
  onPhase: (phase: string) => void,
): Promise<{ commands: number; pid: number }> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const args = [
    '--tool=callgrind',
    '--cache-sim=yes',
    `--LL=${settings.llMb * 2 ** 20},16,64`,
    '--dump-instr=yes',
    '--compress-pos=no',
    '--compress-strings=no',
    '--instr-atstart=no',
    '--separate-threads=yes',
    `--callgrind-out-file=${join(dir, 'callgrind.out')}`,
    `--log-file=${join(dir, 'valgrind.log')}`,
    process.execPath,
    '--perf-basic-prof',
    '--import',
    tsx,
    ENTRY,
    String(settings.agents),
    String(settings.window),
    String(settings.seed),
    control,
  ];
  // The child's cwd is the scratch directory: V8 writes its isolate logs there.
  const child = spawn(valgrind, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  createInterface({ input: child.stderr }).on('line', (line) => {
    if (line.startsWith('window: ')) onPhase(line.slice('window: '.length));
    else stderr += `${line}\n`;
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code === 0 && last.startsWith('{')) {
        resolve(JSON.parse(last) as { commands: number; pid: number });
        return;
      }
      // Valgrind execs the tool in its own process: node's pid, whose perf map is left over.
      if (child.pid !== undefined) rmSync(`/tmp/perf-${child.pid}.map`, { force: true });
      let log = '';
      try {
        log = readFileSync(join(dir, 'valgrind.log'), 'utf8').split('\n').slice(-20).join('\n');
      } catch {
        // No log: valgrind did not start.
      }
      reject(new ProfileFailed(`the profiled process exited with ${code}\n${stderr}${log}`));
    });
  });
}
