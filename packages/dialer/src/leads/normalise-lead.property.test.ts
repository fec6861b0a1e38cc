// Seeded property tests of normalisation (LEAD1–LEAD4) over random French and overseas numbers.
import { describe, expect, it } from 'vitest';
import { FRANCE } from '../packs/packs.ts';
import { seededRandom } from '../testing/seeded-random.ts';
import { isKnownTimeZone } from '../time/zoned-time.ts';
import { normaliseLead, type LeadRow } from './normalise-lead.ts';

// National prefixes (after the 0) with the region they must land in.
const PREFIXES: readonly (readonly [string, string])[] = [
  ['1', 'FR'],
  ['2', 'FR'],
  ['3', 'FR'],
  ['4', 'FR'],
  ['5', 'FR'],
  ['6', 'FR'],
  ['7', 'FR'],
  ['9', 'FR'],
  ['590', 'GP'],
  ['690', 'GP'],
  ['691', 'GP'],
  ['596', 'MQ'],
  ['696', 'MQ'],
  ['697', 'MQ'],
  ['594', 'GF'],
  ['694', 'GF'],
  ['262', 'RE'],
  ['692', 'RE'],
  ['693', 'RE'],
  ['269', 'YT'],
  ['639', 'YT'],
];
const SEEDS = [3, 11, 2026];
const ROWS_PER_SEED = 1000;

// The +590 plan is shared: some 0590/0690 blocks are Saint-Barthélemy's or Saint-Martin's.
const SAME_PLAN: Readonly<Record<string, readonly string[]>> = { GP: ['GP', 'BL', 'MF'] };

function randomRow(
  random: ReturnType<typeof seededRandom>,
  index: number,
): { row: LeadRow; region: string } {
  const [prefix, region] = random.pick(PREFIXES);
  let digits = prefix;
  while (digits.length < 9) digits += String(random.int(0, 9));
  // A metropolitan prefix followed by digits that make an overseas one (05 90 …) is overseas.
  const overseas = PREFIXES.find(([p, r]) => r !== 'FR' && digits.startsWith(p));
  if (region === 'FR' && overseas !== undefined) return randomRow(random, index);
  const spaced = `0${digits}`.replace(/(\d{2})(?=\d)/g, '$1 ');
  const phone = random.pick([`0${digits}`, spaced, `+33${digits}`, `+33 (0)${digits}`]);
  const row: LeadRow = {
    id: `row-${index}`,
    phone,
    ...(random.chance(0.3)
      ? { postcode: random.pick(['57000', '67000', '68100', '75011', '13001']) }
      : {}),
  };
  return { row, region };
}

describe('[LEAD1][LEAD2][LEAD3] normalisation over random French numbers (seeded)', () => {
  it.each(SEEDS)(`seed %i, ${ROWS_PER_SEED} rows`, (seed) => {
    const random = seededRandom(seed);
    let accepted = 0;
    for (let index = 0; index < ROWS_PER_SEED; index++) {
      const { row, region } = randomRow(random, index);
      const result = normaliseLead(row, 'FR');
      if (!result.ok) {
        // A random number may be unallocated: then the phone field, and nothing else, is named.
        expect(result.errors, row.phone).toEqual([
          expect.objectContaining({ field: 'phone', code: 'invalid' }),
        ]);
        continue;
      }
      accepted++;
      const { lead } = result;
      expect(lead.phoneE164, row.phone).toMatch(/^\+[1-9]\d{7,14}$/);
      expect(SAME_PLAN[region] ?? [region], row.phone).toContain(lead.country);
      expect(FRANCE.countries).toContain(lead.country);
      expect(isKnownTimeZone(lead.timeZone)).toBe(true);
      // The E.164 form normalises to the same lead: nothing depends on how the number was written.
      const again = normaliseLead({ ...row, phone: lead.phoneE164 }, 'FR');
      expect(again).toEqual({ ok: true, lead });
      if (region === 'FR' && row.postcode === undefined) {
        expect(lead.holidayRegion).toEqual({ country: 'FR', subdivision: '57' });
      }
    }
    expect(accepted).toBeGreaterThan(ROWS_PER_SEED / 2);
  });
});
