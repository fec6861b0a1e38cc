import type { WallboardAgent, WallboardQueue } from '@relais/protocol';
import { describe, expect, it } from 'vitest';
import {
  WallboardData,
  type AgentFilter,
  abandonLevel,
  selectAgents,
  serviceLevelLevel,
  summarizeSite,
  waitLevel,
} from './wallboard-model.ts';

const agent = (id: string, extra: Partial<WallboardAgent> = {}): WallboardAgent => ({
  id,
  name: id,
  siteId: 'casa',
  state: 'available',
  sinceMs: 0,
  skills: { fr: 5 },
  ...extra,
});
const queue = (id: string, extra: Partial<WallboardQueue> = {}): WallboardQueue => ({
  id,
  clientId: 'c',
  channel: 'voice',
  waiting: 0,
  oldestSinceMs: null,
  eligibleAgents: 0,
  availableAgents: 0,
  estimatedWaitMs: null,
  serviceLevel: null,
  target: 0.8,
  thresholdSeconds: 20,
  ...extra,
});
const none: AgentFilter = { siteId: '', state: '', queueId: '', text: '' };

describe('the wallboard model', () => {
  const agents = [
    agent('a10', { name: 'Agent 10', state: 'paused', sinceMs: 5, siteId: 'rabat' }),
    agent('a9', { name: 'Agent 9', state: 'busy', sinceMs: 1 }),
    agent('a2', { name: 'Agent 2', state: 'available', sinceMs: null, skills: { en: 3 } }),
  ];
  const names = (list: WallboardAgent[]) => list.map((a) => a.name);

  it('sorts names as people read them, and by state, time in state or site', () => {
    const queues = new Map<string, WallboardQueue>();
    expect(names(selectAgents(agents, queues, none, 'name', false))).toEqual([
      'Agent 2',
      'Agent 9',
      'Agent 10',
    ]);
    expect(names(selectAgents(agents, queues, none, 'name', true))).toEqual([
      'Agent 10',
      'Agent 9',
      'Agent 2',
    ]);
    expect(names(selectAgents(agents, queues, none, 'state', false))).toEqual([
      'Agent 2',
      'Agent 9',
      'Agent 10',
    ]);
    // Longest in state first; unknown last.
    expect(names(selectAgents(agents, queues, none, 'since', false))).toEqual([
      'Agent 9',
      'Agent 10',
      'Agent 2',
    ]);
    expect(names(selectAgents(agents, queues, none, 'site', true))).toEqual([
      'Agent 10',
      'Agent 2',
      'Agent 9',
    ]);
  });

  it('filters by site, state, name and the queue an agent can serve', () => {
    const queues = new Map([['english', queue('english')]]);
    const skills = new Map([['english', { en: 2 }]]);
    const pick = (filter: Partial<AgentFilter>) =>
      names(selectAgents(agents, queues, { ...none, ...filter }, 'name', false, skills));
    expect(pick({ siteId: 'rabat' })).toEqual(['Agent 10']);
    expect(pick({ state: 'busy' })).toEqual(['Agent 9']);
    expect(pick({ text: ' agent 1' })).toEqual(['Agent 10']);
    expect(pick({ queueId: 'english' })).toEqual(['Agent 2']);
  });

  it('replaces rows on changes and keeps name ranks until a name changes', () => {
    const data = new WallboardData();
    const base = { type: 'wallboard' as const, seq: 1, atMs: 1000, queues: [], sites: [] };
    data.apply({ ...base, full: true, agents }, 400);
    expect(data.offsetMs).toBe(600);
    const ranks = data.nameRanks();
    expect(ranks.get('a2')).toBe(0);
    data.apply(
      { ...base, full: false, agents: [agent('a9', { name: 'Agent 9', state: 'wrapUp' })] },
      900,
    );
    expect(data.agents.get('a9')?.state).toBe('wrapUp');
    expect(data.nameRanks()).toBe(ranks);
    data.apply({ ...base, full: false, agents: [agent('a9', { name: 'Zoé' })] }, 900);
    expect(data.nameRanks().get('a9')).toBe(2);
  });

  it('turns thresholds into levels', () => {
    expect(serviceLevelLevel(0.85, 0.8)).toBe('ok');
    expect(serviceLevelLevel(0.75, 0.8)).toBe('warn');
    expect(serviceLevelLevel(0.6, 0.8)).toBe('alarm');
    expect(serviceLevelLevel(null, 0.8)).toBe('ok');
    expect(waitLevel(19_000, 20)).toBe('ok');
    expect(waitLevel(21_000, 20)).toBe('warn');
    expect(waitLevel(61_000, 20)).toBe('alarm');
    expect(abandonLevel(0.04)).toBe('ok');
    expect(abandonLevel(0.06)).toBe('warn');
    expect(abandonLevel(0.2)).toBe('alarm');
  });

  it("names a site's worst queue: furthest below target", () => {
    const site = {
      id: 'casa',
      city: 'Casablanca',
      timeZone: 'Africa/Casablanca',
      positions: 10,
      agentsByState: { loggedOut: 1, available: 2, paused: 1, reserved: 0, busy: 3, wrapUp: 0 },
    };
    const summary = summarizeSite(
      site,
      [
        queue('good', { homeSiteId: 'casa', serviceLevel: 0.9 }),
        queue('bad', { homeSiteId: 'casa', serviceLevel: 0.5 }),
        queue('elsewhere', { homeSiteId: 'fes', serviceLevel: 0.1 }),
      ],
      0,
    );
    expect(summary.worstQueue?.id).toBe('bad');
    expect(summary.loggedIn).toBe(6);
    expect(summary.serviceLevel).toBeCloseTo(0.7);
    expect(summary.level).toBe('alarm');
  });
});
