import { describe, expect, it } from 'vitest';
import { CallgrindReader } from './callgrind.ts';
import { PerfMap } from './perf-map.ts';
import { summarise } from './summary.ts';

// What `--perf-basic-prof` writes: hex start, hex size, name. The JIT reused 0x5000 for `arrive`
// after the code of `parseSource` there was collected: the later line wins.
const PERF_MAP = [
  '5000 100 JS:*parseSource node:internal/deps/cjs-module-lexer/lexer:85:22',
  '4000 200 JS:*countServing file:///repo/packages/engine/src/routing/topology.ts:1:2659',
  '4100 40 JS:~countServing file:///repo/packages/engine/src/routing/topology.ts:1:2659',
  '5000 80 JS:*arrive file:///repo/packages/engine/src/commands/contact-commands.ts:1:1198',
  '6000 20 JS:* file:///repo/apps/cli/src/cache-profile/measured-window.ts:1:1299',
].join('\n');

// A callgrind.out as `--dump-instr=yes --compress-pos=no --compress-strings=no` writes it.
const CALLGRIND = `# callgrind format
version: 1
positions: instr line
events: Ir Dr Dw I1mr D1mr D1mw ILmr DLmr DLmw
summary: 0

ob=/usr/bin/node
fl=???
fn=Builtins_FindOrderedHashMapEntry
0x1a00 0 10 4 0 0 2 0 0 0
0x1a04 0 6 2

ob=???
fl=???
fn=0x0000000000004000
0x4000 0 100 40 10 0 5 1 0 3 1
0x4010 0 50 20
cob=/usr/bin/node
cfn=Builtins_FindOrderedHashMapEntry
calls=2 0x1a00 0
0x4014 0 16 6 0 0 2 0 0 1
0x4110 0 8 3 0 0 1 0 0 1 0
fn=0x0000000000005000
0x5010 0 30 10 5 0 2 0 0 2 1
cfn=0x0000000000004000
calls=1 0x4000 0
0x5014 0 173 63 10 0 8 1 0 5 1
0x5020 0 4
fn=0x0000000000006000
0x6004 0 20 8 2 0 1 0 0 1
0x9000 0 4 1

totals: 232 88 17 0 11 1 0 7 2
`;

function read(): CallgrindReader {
  const map = PerfMap.parse(PERF_MAP);
  const reader = new CallgrindReader((address) => map.nameAt(address));
  for (const line of CALLGRIND.split('\n')) reader.line(line);
  return reader;
}

describe('perf map', () => {
  it('names the code at an address, the later of two overlapping ranges winning', () => {
    const map = PerfMap.parse(PERF_MAP);
    expect(map.nameAt(0x4000)).toContain('JS:*countServing');
    expect(map.nameAt(0x4120)).toContain('JS:~countServing');
    expect(map.nameAt(0x4180)).toContain('JS:*countServing');
    expect(map.nameAt(0x5010)).toContain('JS:*arrive');
    // Past arrive's 0x80 bytes, parseSource's old range still holds.
    expect(map.nameAt(0x5090)).toContain('parseSource');
    expect(map.nameAt(0x3fff)).toBeUndefined();
    expect(map.nameAt(0x4200)).toBeUndefined();
    expect(map.nameAt(0x6020)).toBeUndefined();
  });
});

describe('callgrind reader', () => {
  it('sums self costs per function, skipping the cost line after each calls= line', () => {
    const reader = read();
    expect(reader.events).toEqual([
      'Ir',
      'Dr',
      'Dw',
      'I1mr',
      'D1mr',
      'D1mw',
      'ILmr',
      'DLmr',
      'DLmw',
    ]);
    const costs = new Map(reader.functions().map((f) => [f.name, f.costs]));
    expect(costs.get('Builtins_FindOrderedHashMapEntry')).toEqual([16, 6, 0, 0, 2, 0, 0, 0]);
    // The two tiers of countServing stay apart here (two perf-map names); the calls= cost is not counted.
    const serving = [...costs.keys()].filter((name) => name.includes('countServing'));
    expect(serving).toHaveLength(2);
    expect(costs.get(serving[0] as string)?.[0]).toBe(150);
    expect(costs.get(serving[1] as string)?.[0]).toBe(8);
    // Unnamed code with no perf-map entry keeps callgrind's name.
    expect(costs.get('0x0000000000006000')?.[0]).toBe(4);
    // What the reader sums is what callgrind's totals line says: nothing counted twice.
    const summed = reader.functions().reduce((sum, f) => sum + (f.costs[0] ?? 0), 0);
    expect(summed).toBe(reader.totals?.[0]);
  });

  it('resolves compressed names and relative positions', () => {
    const map = PerfMap.parse(PERF_MAP);
    const reader = new CallgrindReader((address) => map.nameAt(address));
    const lines = [
      'positions: instr line',
      'events: Ir DLmr',
      'ob=(1) ???',
      'fn=(1) 0x4000',
      '0x4000 3 10 1',
      '+16 * 5 0',
      'fn=(2) helper',
      '0x7000 0 2 0',
      'fn=(1)',
      '0x4104 0 4 2',
      '+4 * 1 0',
    ];
    for (const line of lines) reader.line(line);
    const costs = new Map(reader.functions().map((f) => [f.name, f.costs]));
    expect(costs.get('helper')).toEqual([2, 0]);
    // 0x4000 and 0x4010 (countServing, optimised), then 0x4104 and 0x4108 (its other tier).
    const names = [...costs.keys()].filter((name) => name.includes('countServing'));
    expect(names.map((name) => costs.get(name))).toEqual([
      [15, 1],
      [5, 2],
    ]);
  });
});

describe('cache profile summary', () => {
  it('gives figures per command, engine code apart, tiers merged, top by read misses', () => {
    const reader = read();
    const profile = summarise(
      reader.functions(),
      reader.events,
      { agents: 1000, commands: 2, llMb: 8, window: 4, seed: 1, top: 3 },
      'file:///repo/',
    );
    expect(profile).toMatchObject({
      agents: 1000,
      commands: 2,
      llMb: 8,
      irPerCommand: 116,
      llReadMissesPerCommand: 3.5,
      llWriteMissesPerCommand: 1,
      l1ReadMissesPerCommand: 5.5,
      // countServing's two tiers (158) and arrive (34, without what it called).
      engineIrPerCommand: 96,
      engineLlReadMissesPerCommand: 3,
      engineLlWriteMissesPerCommand: 1,
    });
    expect(profile.top).toEqual([
      {
        fn: 'countServing',
        file: 'routing/topology.ts',
        engine: true,
        llReadMisses: 2,
        llWriteMisses: 0.5,
        l1ReadMisses: 3,
        ir: 79,
      },
      {
        fn: 'arrive',
        file: 'commands/contact-commands.ts',
        engine: true,
        llReadMisses: 1,
        llWriteMisses: 0.5,
        l1ReadMisses: 1,
        ir: 17,
      },
      {
        fn: '(anonymous)',
        file: 'apps/cli/src/cache-profile/measured-window.ts',
        engine: false,
        llReadMisses: 0.5,
        llWriteMisses: 0,
        l1ReadMisses: 0.5,
        ir: 10,
      },
    ]);
  });
});
