import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { campaignRun, parseScenario, simulate, simulateCampaign } from '@relais/sim';
import { describe, expect, it } from 'vitest';

// The scenarios shown in the README stay valid and run.
const folder = join(import.meta.dirname, '../../../../examples');

describe('examples', () => {
  for (const file of readdirSync(folder).filter((f) => /\.(ya?ml|json)$/.test(f))) {
    it(`${file} parses and simulates`, () => {
      const scenario = parseScenario(readFileSync(join(folder, file), 'utf8'), file);
      for (const campaign of scenario.campaigns ?? []) {
        expect(simulateCampaign(campaignRun(campaign, 1)).placed).toBeGreaterThan(0);
      }
      if (scenario.queues.length === 0) return;
      const result = simulate(scenario, { replications: 2 });
      expect(result.totals.offered).toBeGreaterThan(0);
      expect(result.totals.answered).toBeLessThanOrEqual(result.totals.offered);
    });
  }
});
