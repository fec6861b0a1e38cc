// `npm run bench:web` on a tiny network: it runs end to end and its figures are well-formed
// (benchmarks are not tests: no timing is asserted).
import { describe, expect, it } from 'vitest';
import { runWebBench } from '../bench/bench-web.ts';

describe('npm run bench:web', () => {
  it('measures the wallboard on a tiny network and reports every figure', async () => {
    const lines: string[] = [];
    const result = await runWebBench(
      { agents: 30, queues: 4, seconds: 3, changesPerSecond: 5 },
      (line) => lines.push(line),
    );
    expect(result).toMatchObject({ wallboardAgents: 30, queues: 4, changesPerSecond: 5 });
    for (const key of ['initialJsKbGzip', 'updateScriptMsP95', 'firstRenderMs'] as const)
      expect(result[key]).toBeGreaterThan(0);
    expect(result.updatesMeasured).toBeGreaterThan(0);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    expect(lines.join('\n')).toContain('driving 5 changes a second for 3 s');
  });
});
