import { describe, expect, it } from 'vitest';
import { captureConsole } from '../wfm/cli-capture.ts';
import { BANK_FILE, makeCsvHistory, tempFolder } from '../wfm/temp-files.ts';
import { run } from './plan.ts';

const out = captureConsole();
const files = tempFolder('relais-plan-');
const ONE_DAY = [
  '--history',
  BANK_FILE,
  '--format',
  'anonymous-bank',
  '--from',
  '1999-02-15',
  '--days',
  '1',
];
const TARGETS = ['--sl', '80/20', '--shrinkage', '0.3'];

interface PlanJson {
  shortIntervals: number;
  queues: { start: string; queue: string; offered: number; agents: number; positions: number }[];
  siteIntervals: {
    start: string;
    site: string;
    requiredPositions: number;
    scheduledPositions: number | null;
    gap: number | null;
  }[];
  whatIf?: {
    queue: string;
    serviceLevel: { predicted: number; simulated: number; ci95: number };
    abandonRate: { predicted: number; simulated: number };
  }[];
}

describe('relais plan', () => {
  it('staffs every forecast interval per queue and splits positions by site', async () => {
    const argv = [
      ...ONE_DAY,
      '--interval',
      '60',
      ...TARGETS,
      '--sites',
      'rabat=0.6,fes=0.4',
      '--json',
    ];
    expect(await run(argv)).toBe(0);
    const json = out.lastJson() as unknown as PlanJson;
    const at10 = json.queues.filter((q) => q.start === '1999-02-15T10:00:00');
    expect(at10.map((q) => q.queue)).toEqual(['IN', 'NE', 'NW', 'PE', 'PS', 'TT']);
    expect(at10.every((q) => q.positions === Math.ceil(q.agents / 0.7 - 1e-9))).toBe(true);
    const agents = at10.reduce((n, q) => n + q.agents, 0);
    const sites = json.siteIntervals.filter((s) => s.start === '1999-02-15T10:00:00');
    expect(sites.map((s) => [s.site, s.requiredPositions])).toEqual([
      ['rabat', Math.ceil((0.6 * agents) / 0.7 - 1e-9)],
      ['fes', Math.ceil((0.4 * agents) / 0.7 - 1e-9)],
    ]);
  });

  it('compares with scheduled positions and highlights the gaps', async () => {
    const schedule = files.write(
      'schedule.csv',
      'start,positions\n1999-02-15 10:00,1\n1999-02-15 11:00,500\n',
    );
    expect(
      await run([...ONE_DAY, '--interval', '60', ...TARGETS, '--scheduled', schedule, '--json']),
    ).toBe(0);
    const json = out.lastJson() as unknown as PlanJson;
    const scheduled = json.siteIntervals.filter((s) => s.scheduledPositions !== null);
    expect(scheduled.map((s) => s.start)).toEqual(['1999-02-15T10:00:00', '1999-02-15T11:00:00']);
    expect(scheduled[0]?.gap).toBe(1 - (scheduled[0]?.requiredPositions ?? 0));
    expect(scheduled[1]?.gap).toBeGreaterThan(0);
    expect(json.shortIntervals).toBe(1);
    expect(await run([...ONE_DAY, '--interval', '60', ...TARGETS, '--scheduled', schedule])).toBe(
      0,
    );
    expect(out.stdout()).toMatch(/1999-02-15 10:00 .*\| \d+ \/ 1 -\d+ SHORT/);
    expect(out.stdout()).toContain('1 site interval short of positions');
  });

  it('--what-if simulates the plan and sets achieved beside predicted per interval', async () => {
    const argv = [
      ...ONE_DAY,
      '--sl',
      '80/20',
      '--model',
      'a',
      '--patience',
      '120',
      '--what-if',
      '--replications',
      '3',
      '--json',
    ];
    expect(await run(argv)).toBe(0);
    const json = out.lastJson() as unknown as PlanJson;
    const ps = json.whatIf?.filter((w) => w.queue === 'PS') ?? [];
    expect(ps.length).toBeGreaterThan(20);
    for (const w of ps) {
      expect(w.serviceLevel.predicted).toBeGreaterThanOrEqual(0.8);
      expect(w.serviceLevel.simulated).toBeGreaterThanOrEqual(0);
      expect(w.serviceLevel.simulated).toBeLessThanOrEqual(1);
    }
    // Over the day the simulator should land near the target it was staffed for.
    const mean = ps.reduce((s, w) => s + w.serviceLevel.simulated, 0) / ps.length;
    expect(mean).toBeGreaterThan(0.7);
  });

  it('CSV output: one table, a row per queue interval and per site interval', async () => {
    const file = files.write('history.csv', makeCsvHistory(14));
    const argv = [
      '--history',
      file,
      '--format',
      'csv',
      '--map',
      'arrival=started,queue=skill,handle=talk,outcome=result',
      '--interval',
      '60',
      '--days',
      '1',
      ...TARGETS,
      '--output',
      'csv',
    ];
    expect(await run(argv)).toBe(0);
    const lines = out.stdout().split('\n');
    expect(lines[0]).toBe(
      'start,level,name,offered,aht_seconds,agents,positions,scheduled,gap,service_level,p_abandon,occupancy',
    );
    expect(lines.filter((l) => l.includes(',queue,'))).toHaveLength(4 * 2);
    expect(lines.filter((l) => l.includes(',site,all,'))).toHaveLength(4);
  });

  it.each([
    [
      [...ONE_DAY, '--sl', '80/20', '--sites', 'rabat=0.6,fes=0.3'],
      '--sites: the shares add up to 0.9, expected 1',
    ],
    [
      [...ONE_DAY, '--sl', '80/20', '--output', 'xlsx'],
      "--output: expected one of table, csv, json, got 'xlsx'",
    ],
    [[...ONE_DAY, '--sl', '100/20'], '--sl: expected PERCENT/SECONDS'],
    [[...ONE_DAY], 'missing target'],
    [
      [...ONE_DAY, '--sl', '80/20', '--replications', '0'],
      "--replications: expected a whole number from 1 to 1000, got '0'",
    ],
    [[...ONE_DAY, '--sl', '80/20', '--whatif'], "Unknown option '--whatif'"],
  ])('refuses %j with exit code 2 and says what to fix', async (argv, message) => {
    expect(await run(argv)).toBe(2);
    expect(out.stderr()).toContain(message);
    expect(out.stdout()).toBe('');
  });

  it('an unreadable or malformed schedule: exit code 2 naming the row', async () => {
    expect(await run([...ONE_DAY, '--sl', '80/20', '--scheduled', '/nonexistent.csv'])).toBe(2);
    expect(out.stderr()).toContain("cannot read the schedule '/nonexistent.csv': no such file");
    const bad = files.write('bad.csv', 'start,positions\n1999-02-15 10:00,-3\n');
    expect(await run([...ONE_DAY, '--sl', '80/20', '--scheduled', bad])).toBe(2);
    expect(out.stderr()).toContain("bad.csv:2: positions: expected a whole number ≥ 0, found '-3'");
  });
});
