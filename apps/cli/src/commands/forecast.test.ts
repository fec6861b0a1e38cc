import { describe, expect, it } from 'vitest';
import { captureConsole } from '../wfm/cli-capture.ts';
import { BANK_FILE, makeCsvHistory, tempFolder } from '../wfm/temp-files.ts';
import { run } from './forecast.ts';

const out = captureConsole();
const files = tempFolder('relais-forecast-');
const BANK = ['--history', BANK_FILE, '--format', 'anonymous-bank'];
const CSV_MAP = 'arrival=started,queue=skill,wait=waited,handle=talk,outcome=result';

interface ForecastJson {
  method: string;
  training: { from: string; to: string };
  queues: { queue: string; method: string }[];
  evaluation?: { method: string; queues: Record<string, { wape: number | null }> }[];
  intervals: { start: string; queue: string; offered: number; ahtSeconds: number }[];
}

describe('relais forecast', () => {
  it('bank history: trains on days 1–14 and forecasts 15–21, one entry per interval and queue', async () => {
    const argv = [...BANK, '--interval', '30', '--from', '1999-02-15', '--days', '7', '--json'];
    expect(await run(argv)).toBe(0);
    const json = out.lastJson() as unknown as ForecastJson;
    expect(json.method).toBe('auto');
    expect(json.training).toEqual({ from: '1999-02-01', to: '1999-02-14' });
    expect(json.queues.map((q) => q.queue)).toEqual(['IN', 'NE', 'NW', 'PE', 'PS', 'TT']);
    const starts = new Set(json.intervals.map((x) => x.start));
    expect(json.intervals).toHaveLength(starts.size * 7); // 6 queues and "all"
    expect(json.intervals[0]?.start).toMatch(/^1999-02-15T\d\d:[03]0:00$/);
    expect(json.intervals.at(-1)?.start.startsWith('1999-02-21T')).toBe(true);
    const all = json.intervals.filter((x) => x.queue === 'all');
    const total = all.reduce((s, x) => s + x.offered, 0);
    expect(total).toBeGreaterThan(5000); // about 8,000 offered calls arrived those days
    expect(total).toBeLessThan(11_000);
    const aht = all.reduce((s, x) => s + x.offered * x.ahtSeconds, 0) / total;
    expect(aht).toBeGreaterThan(120); // the file's mean ser_time of served calls is 171.5 s
    expect(aht).toBeLessThan(220);
  });

  it('--evaluate measures every method against the days forecast', async () => {
    const argv = [...BANK, '--from', '1999-02-15', '--days', '7', '--evaluate', '--json'];
    expect(await run(argv)).toBe(0);
    const json = out.lastJson() as unknown as ForecastJson;
    expect(json.evaluation?.map((e) => e.method)).toEqual([
      'seasonal-naive',
      'weekday-profile',
      'poisson-regression',
      'auto',
    ]);
    expect(json.evaluation?.[2]?.queues.all?.wape).toBeLessThan(0.5);
  });

  it('a table by day without --json', async () => {
    expect(await run([...BANK, '--from', '1999-02-15', '--days', '2', '--interval', '60'])).toBe(0);
    expect(out.stdout()).toContain(
      'trained on 1999-02-01 to 1999-02-14 (14 days), 60-minute intervals',
    );
    expect(out.stdout()).toMatch(/\n1999-02-16 +\d+/);
  });

  it('csv with a column mapping; bad rows are reported on stderr and left out', async () => {
    const file = files.write(
      'history.csv',
      makeCsvHistory(14, 6, [
        '2024-03-05 09:10:00,fr,soon,200,answered',
        'yesterday,fr,1,1,answered',
      ]),
    );
    const argv = [
      '--history',
      file,
      '--format',
      'csv',
      '--map',
      CSV_MAP,
      '--interval',
      '60',
      '--json',
    ];
    expect(await run(argv)).toBe(0);
    const json = out.lastJson() as unknown as ForecastJson;
    expect(json.intervals[0]).toEqual({
      start: '2024-03-18T08:00:00',
      queue: 'en',
      offered: 6,
      ahtSeconds: 200,
    });
    expect(json.intervals).toHaveLength(7 * 4 * 3);
    expect(out.stderr()).toContain('2 bad rows left out of');
    expect(out.stderr()).toMatch(
      /history\.csv:\d+: waited: expected seconds \(e\.g\. 171\) or h:mm:ss, found "soon"/,
    );
  });

  it.each([
    [
      [...BANK.slice(0, 2), '--format', 'excel'],
      "--format: expected one of anonymous-bank, csv, got 'excel'",
    ],
    [['--history', 'x.csv', '--format', 'csv'], '--format csv needs --map naming its columns'],
    [
      ['--history', 'x.csv', '--format', 'csv', '--map', 'queue=q'],
      '--map: the arrival column is required',
    ],
    [[...BANK, '--map', 'arrival=a'], '--map applies to --format csv only'],
    [[...BANK, '--interval', '20'], "--interval: expected one of 15, 30, 60, got '20'"],
    [[...BANK, '--from', '1999-02-30'], "--from: expected a date YYYY-MM-DD, got '1999-02-30'"],
    [[...BANK, '--days', '0'], "--days: expected a whole number from 1 to 366, got '0'"],
    [[...BANK, '--method', 'arima'], '--method: expected one of auto, seasonal-naive'],
    [[...BANK, '--horizon', '7'], "Unknown option '--horizon'"],
    [['--format', 'csv'], 'missing --history FILE'],
  ])('refuses %j with exit code 2 and says what to fix', async (argv, message) => {
    expect(await run(argv)).toBe(2);
    expect(out.stderr()).toContain(message);
    expect(out.stdout()).toBe('');
  });

  it('an unreadable file, a file in another format, or nothing before --from: exit code 2', async () => {
    expect(await run(['--history', '/nonexistent/h.tsv', '--format', 'anonymous-bank'])).toBe(2);
    expect(out.stderr()).toContain(
      "cannot read the history file '/nonexistent/h.tsv': no such file",
    );
    const csv = files.write('other.csv', makeCsvHistory(2));
    expect(await run(['--history', csv, '--format', 'anonymous-bank'])).toBe(2);
    expect(out.stderr()).toContain('not the anonymous-bank format');
    expect(await run(['--history', csv, '--format', 'csv', '--map', 'arrival=start'])).toBe(2);
    expect(out.stderr()).toContain('the mapping names column "start" for arrival');
    expect(await run([...BANK, '--from', '1990-01-01'])).toBe(2);
    expect(out.stderr()).toContain('no contact in the history before the first forecast day');
  });
});
