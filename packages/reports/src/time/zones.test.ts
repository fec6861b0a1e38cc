import { describe, expect, it } from 'vitest';
import { BUCKET_MS, bucketOf, splitSpan } from './buckets.ts';
import { Zone } from './zones.ts';

describe('buckets and zones', () => {
  it('splits a span at quarter hours', () => {
    const nine = Date.UTC(2026, 2, 2, 9);
    const pieces: [number, number][] = [];
    splitSpan(nine + 10 * 60_000, nine + 40 * 60_000, (bucket, ms) =>
      pieces.push([bucket - nine, ms / 60_000]),
    );
    expect(pieces).toEqual([
      [0, 5],
      [BUCKET_MS, 15],
      [2 * BUCKET_MS, 10],
    ]);
    expect(bucketOf(nine + BUCKET_MS - 1)).toBe(nine);
  });

  it('cuts local intervals in the zone: Paris, Casablanca (UTC+1, UTC+0 in Ramadan), Kathmandu', () => {
    const at = Date.UTC(2026, 2, 2, 9, 40);
    const paris = new Zone('Europe/Paris');
    expect(paris.label(paris.intervalStart(at, 30))).toBe('2026-03-02T10:30');
    expect(paris.label(paris.intervalStart(at, 60))).toBe('2026-03-02T10:00');
    expect(new Zone('UTC').label(at)).toBe('2026-03-02T09:40');
    // Morocco sets its clocks back an hour for Ramadan (2026-02-22 to 2026-03-22 in tzdata).
    const casa = new Zone('Africa/Casablanca');
    expect(casa.label(at)).toBe('2026-03-02T09:40');
    expect(casa.label(Date.UTC(2026, 3, 6, 9, 40))).toBe('2026-04-06T10:40');
    // Kathmandu is UTC+5:45: its hours start at quarter past the UTC hour.
    const ktm = new Zone('Asia/Kathmandu');
    expect(new Date(ktm.intervalStart(at, 60)).toISOString()).toBe('2026-03-02T09:15:00.000Z');
  });

  it('a day across the spring change of Europe/Paris has 23 local hours, and no 02:00', () => {
    const paris = new Zone('Europe/Paris');
    const dayStart = Date.UTC(2026, 2, 28, 23); // 2026-03-29 00:00 CET
    const dayEnd = Date.UTC(2026, 2, 29, 22); // 2026-03-30 00:00 CEST
    const starts = new Set<number>();
    for (let at = dayStart; at < dayEnd; at += BUCKET_MS) starts.add(paris.intervalStart(at, 60));
    const labels = [...starts].map((s) => paris.label(s));
    expect(labels).toHaveLength(23);
    expect(labels.slice(0, 3)).toEqual([
      '2026-03-29T00:00',
      '2026-03-29T01:00',
      '2026-03-29T03:00',
    ]);
  });

  it('cuts whole local days, from local midnight, also across a DST change (23-hour day)', () => {
    const paris = new Zone('Europe/Paris');
    const dayStart = Date.UTC(2026, 2, 28, 23); // 2026-03-29 00:00 CET
    const dayEnd = Date.UTC(2026, 2, 29, 22); // 2026-03-30 00:00 CEST
    const starts = new Set<number>();
    for (let at = dayStart - BUCKET_MS; at < dayEnd + BUCKET_MS; at += BUCKET_MS) {
      starts.add(paris.intervalStart(at, 1440));
    }
    expect([...starts].map((s) => paris.label(s))).toEqual([
      '2026-03-28T00:00',
      '2026-03-29T00:00',
      '2026-03-30T00:00',
    ]);
    expect(paris.intervalStart(dayEnd - BUCKET_MS, 1440)).toBe(dayStart);
    const casa = new Zone('Africa/Casablanca');
    expect(casa.label(casa.intervalStart(Date.UTC(2026, 3, 6, 22, 59), 1440))).toBe(
      '2026-04-06T00:00',
    );
    expect(casa.label(casa.intervalStart(Date.UTC(2026, 3, 6, 23, 0), 1440))).toBe(
      '2026-04-07T00:00',
    );
  });

  it('refuses an unknown zone with a message saying what is expected', () => {
    expect(() => new Zone('Mars/Olympus')).toThrow(
      /unknown time zone "Mars\/Olympus": expected an IANA name/,
    );
  });
});

describe('local times', () => {
  it('reads a local date or time in its zone, including on a DST day', () => {
    const paris = new Zone('Europe/Paris');
    expect(new Date(paris.fromLocal('2026-03-02')).toISOString()).toBe('2026-03-01T23:00:00.000Z');
    expect(new Date(paris.fromLocal('2026-07-01T09:30')).toISOString()).toBe(
      '2026-07-01T07:30:00.000Z',
    );
    expect(new Date(paris.fromLocal('2026-03-30')).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(() => paris.fromLocal('2026-02-30')).toThrow(/no such date/);
    expect(() => paris.fromLocal('yesterday')).toThrow(/expected a local date YYYY-MM-DD/);
  });
});
