import type { FunctionCost } from './callgrind.ts';

/** One function's share of the measured window, per command. */
export interface FunctionShare {
  fn: string;
  /**
   * Engine code: the path under packages/engine/src/; other scripts: the path in the repository
   * (or node's own `node:…`); native code: the object file; V8 builtins named by the perf map: ''.
   */
  file: string;
  engine: boolean;
  llReadMisses: number;
  llWriteMisses: number;
  l1ReadMisses: number;
  ir: number;
}

export interface CacheProfile {
  agents: number;
  commands: number;
  llMb: number;
  irPerCommand: number;
  llReadMissesPerCommand: number;
  llWriteMissesPerCommand: number;
  l1ReadMissesPerCommand: number;
  engineIrPerCommand: number;
  engineLlReadMissesPerCommand: number;
  engineLlWriteMissesPerCommand: number;
  window: number;
  seed: number;
  top: FunctionShare[];
}

const ENGINE_SOURCES = '/packages/engine/src/';

/**
 * Reads a perf-map name (`JS:*countServing file:///…/routing/topology.ts:1:2659`): the tier
 * marker (`*`, `~`, `^`, `+`) and the position are dropped, so every tier of a function adds up.
 */
function describeJit(
  name: string,
  repoRoot: string,
): { fn: string; file: string; engine: boolean } | undefined {
  const match = /^[A-Za-z]+:[*~^+]?(.*?)(?: ?(file:\/\/\S+?|node:\S+?)(?::\d+:\d+)?)?$/.exec(name);
  if (match === null) return undefined;
  const fn = (match[1] ?? '').trim() || '(anonymous)';
  const script = match[2] ?? '';
  const at = script.indexOf(ENGINE_SOURCES);
  if (at >= 0) return { fn, file: script.slice(at + ENGINE_SOURCES.length), engine: true };
  const file = script.startsWith(repoRoot) ? script.slice(repoRoot.length) : script;
  return { fn, file, engine: false };
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

/**
 * Turns callgrind's self costs of the measured window into figures per command: totals, the
 * engine's own code (JIT code of scripts under packages/engine/src/), and the `top` functions
 * by last-level read misses. `repoRoot` is the repository's file URL, ending in `/`.
 */
export function summarise(
  functions: readonly FunctionCost[],
  events: readonly string[],
  run: {
    agents: number;
    commands: number;
    llMb: number;
    window: number;
    seed: number;
    top: number;
  },
  repoRoot: string,
): CacheProfile {
  const column = (event: string): number => {
    const i = events.indexOf(event);
    if (i < 0) throw new Error(`callgrind output has no ${event} counts (cache simulation off?)`);
    return i;
  };
  const [ir, d1mr, dlmr, dlmw] = ['Ir', 'D1mr', 'DLmr', 'DLmw'].map(column) as [
    number,
    number,
    number,
    number,
  ];
  const total = { ir: 0, d1mr: 0, dlmr: 0, dlmw: 0 };
  const engine = { ir: 0, dlmr: 0, dlmw: 0 };
  const shares = new Map<string, { fn: string; file: string; engine: boolean; costs: number[] }>();
  for (const f of functions) {
    const c = (i: number): number => f.costs[i] ?? 0;
    total.ir += c(ir);
    total.d1mr += c(d1mr);
    total.dlmr += c(dlmr);
    total.dlmw += c(dlmw);
    // JIT code has no object file; its names come from the perf map.
    const jit = f.object === '???' ? describeJit(f.name, repoRoot) : undefined;
    const where = jit ?? {
      fn: f.name,
      file: f.object.slice(f.object.lastIndexOf('/') + 1),
      engine: false,
    };
    if (where.engine) {
      engine.ir += c(ir);
      engine.dlmr += c(dlmr);
      engine.dlmw += c(dlmw);
    }
    const key = `${where.fn}\0${where.file}`;
    let share = shares.get(key);
    if (share === undefined) {
      share = { ...where, costs: [0, 0, 0, 0] };
      shares.set(key, share);
    }
    const costs = [c(ir), c(d1mr), c(dlmr), c(dlmw)];
    costs.forEach((value, i) => (share.costs[i] = (share.costs[i] ?? 0) + value));
  }
  const per = (value: number, digits: number): number =>
    round(value / Math.max(1, run.commands), digits);
  const top = [...shares.values()]
    .sort((a, b) => (b.costs[2] ?? 0) - (a.costs[2] ?? 0))
    .slice(0, run.top)
    .map((s): FunctionShare => ({
      fn: s.fn,
      file: s.file,
      engine: s.engine,
      llReadMisses: per(s.costs[2] ?? 0, 2),
      llWriteMisses: per(s.costs[3] ?? 0, 2),
      l1ReadMisses: per(s.costs[1] ?? 0, 2),
      ir: per(s.costs[0] ?? 0, 0),
    }));
  return {
    agents: run.agents,
    commands: run.commands,
    llMb: run.llMb,
    irPerCommand: per(total.ir, 0),
    llReadMissesPerCommand: per(total.dlmr, 2),
    llWriteMissesPerCommand: per(total.dlmw, 2),
    l1ReadMissesPerCommand: per(total.d1mr, 1),
    engineIrPerCommand: per(engine.ir, 0),
    engineLlReadMissesPerCommand: per(engine.dlmr, 2),
    engineLlWriteMissesPerCommand: per(engine.dlmw, 2),
    window: run.window,
    seed: run.seed,
    top,
  };
}
