import { describe, expect, it } from 'vitest';
import { Engine } from '../engine.ts';
import type { EngineEvent } from '../model/events.ts';
import { Harness } from '../testing/builders.ts';
import { runFuzz, type TimedCommand } from '../testing/fuzz-driver.ts';
import { SeededRandom } from '../testing/random.ts';
import { CHECKPOINT_FORMAT, CheckpointError } from './checkpoint.ts';

const applyAll = (engine: Engine, commands: TimedCommand[]): EngineEvent[] =>
  commands.flatMap(({ atMs, command }) =>
    command ? engine.apply(command, atMs).events : engine.advance(atMs),
  );
const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('engine checkpoints', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    '[CKP1][EVT3] seed %i: an engine restored at any point continues exactly as the original',
    (seed) => {
      const run = runFuzz(seed, 1200);
      const rng = new SeededRandom(seed * 7919);
      const cuts = [
        0,
        run.commands.length,
        ...Array.from({ length: 4 }, () => rng.int(1, run.commands.length - 1)),
      ];
      for (const cut of cuts) {
        const original = new Engine(run.options);
        const before = applyAll(original, run.commands.slice(0, cut));
        const saved = viaJson(original.checkpoint());
        const restored = Engine.restore(saved, run.options);
        expect(restored.checkpoint(), `cut ${cut}`).toEqual(saved);
        expect(restored.inspect()).toEqual(original.inspect());
        expect(restored.nextDeadline()).toBe(original.nextDeadline());
        const after = applyAll(restored, run.commands.slice(cut));
        expect([...before, ...after], `cut ${cut}`).toEqual(run.events);
        expect(restored.inspect()).toEqual(run.snapshot);
      }
    },
  );

  it('[CKP1] a checkpoint is plain JSON and taking one changes nothing', () => {
    const h = new Harness().queue().agent({ id: 'a1' }).agent({ id: 'a2' });
    h.arrive({ contactId: 'c1' });
    h.arrive({ contactId: 'c2' });
    h.arrive({ contactId: 'c3' });
    const before = h.engine.inspect();
    const first = h.engine.checkpoint();
    expect(first.format).toBe(CHECKPOINT_FORMAT);
    expect(first.seq).toBe(h.engine.seq);
    expect(viaJson(first)).toEqual(first);
    expect(h.engine.inspect()).toEqual(before);
    expect(h.engine.checkpoint()).toEqual(first);
  });

  it('[CKP2] refuses another format, a broken graph and other engine options', () => {
    const engine = new Engine({ offerTimeoutSeconds: 20 });
    const saved = viaJson(engine.checkpoint());
    expect(() => Engine.restore(null)).toThrow(CheckpointError);
    expect(() => Engine.restore({ ...saved, format: 'relais.engine.checkpoint/0' })).toThrow(
      /format "relais.engine.checkpoint\/0" is not relais.engine.checkpoint\/3; replay the log/,
    );
    // The previous layout (before PERF7's copies on the queue record) is refused too.
    expect(() => Engine.restore({ ...saved, format: 'relais.engine.checkpoint/2' })).toThrow(
      /format "relais.engine.checkpoint\/2" is not relais.engine.checkpoint\/3; replay the log/,
    );
    expect(() =>
      Engine.restore(
        { ...saved, graph: { shapes: [['Nope']], objects: [[0]] } },
        { offerTimeoutSeconds: 20 },
      ),
    ).toThrow(/checkpoint: shapes\[0\]: unknown class "Nope"/);
    expect(() =>
      Engine.restore(
        { ...saved, graph: { shapes: [['Object']], objects: [[0]], frozen: [] } },
        { offerTimeoutSeconds: 20 },
      ),
    ).toThrow(/its root is not an engine state/);
    expect(() => Engine.restore(saved, { offerTimeoutSeconds: 30 })).toThrow(
      /other engine options \(offerTimeoutMs\)/,
    );
    expect(Engine.restore(saved, { offerTimeoutSeconds: 20 }).seq).toBe(0);
  });
});
