import { afterEach, describe, expect, it, vi } from 'vitest';
import { FRANCE } from '../packs/packs.ts';
import { DAY, at, makeCampaign, makeHistory, makeLead } from '../testing/builders.ts';
import { checkDial } from './check-dial.ts';

describe('[GATE6] caches', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('[GATE6] builds no Intl formatter per check once a zone has been seen', () => {
    const lead = makeLead({ timeZone: 'Europe/Paris' });
    const start = at('2026-11-23T11:00:00+01:00');
    const history = makeHistory({
      attempts: [1, 2, 3].map((d) => ({ atMs: start - d * DAY, clientId: 'client-a' })),
    });
    // Warm the caches for the instants used below (offsets per 15 minutes, holidays per year).
    for (let i = 0; i < 200; i++) {
      checkDial(lead, history, makeCampaign(), FRANCE, start + i * 60_000);
    }
    const constructed = vi.spyOn(Intl, 'DateTimeFormat');
    for (let i = 0; i < 200; i++) {
      checkDial(lead, history, makeCampaign(), FRANCE, start + i * 60_000);
    }
    expect(constructed).not.toHaveBeenCalled();
  });
});
