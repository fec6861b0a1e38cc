// `relais serve` in a child process, as the benchmark and the durability test run it.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const RELAIS_BIN = fileURLToPath(new URL('../../bin/relais.js', import.meta.url));

export interface ChildServer {
  child: ChildProcess;
  base: string;
  /** The generated admin password, on a first start. */
  password: string | undefined;
  output(): string;
  stop(): Promise<void>;
}

export function startServer(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): Promise<ChildServer> {
  // RELAIS_SERVER_NODE_ARGS passes flags to the server's node only (--cpu-prof, to profile it).
  const nodeArgs = env.RELAIS_SERVER_NODE_ARGS?.split(' ').filter((arg) => arg !== '') ?? [];
  const child = spawn(
    process.execPath,
    [...nodeArgs, RELAIS_BIN, 'serve', '--port', '0', '--log-level', 'warn', ...args],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env,
    },
  );
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`relais serve did not start in 60 s: ${out}`)),
      60_000,
    );
    timer.unref();
    // serve prints the first-start password before the "serving on" line.
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const base = /serving on (http:\/\/\S+)/.exec(out)?.[1];
      if (base === undefined) return;
      clearTimeout(timer);
      resolve({
        child,
        base,
        password: /password: (\S+)/.exec(out)?.[1],
        output: () => out,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`relais serve exited with ${code}: ${out}`)));
  });
}
