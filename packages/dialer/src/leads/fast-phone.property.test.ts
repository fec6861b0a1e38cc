// LEAD5: the fast path reads every number exactly as the full path does, over random French,
// overseas and foreign numbers written in the ways lists write them.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../testing/seeded-random.ts';
import { createFastPhoneParser } from './fast-phone.ts';
import { createLeadNormaliser, normaliseLead, parsePhone, type LeadRow } from './normalise-lead.ts';

const SEEDS = [5, 19, 2026];
const NUMBERS_PER_SEED = 4000;

// Leading digits from the plans that matter (metropolitan and overseas).
const LEADS = [
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
  '0',
  '590',
  '690',
  '691',
  '596',
  '696',
  '594',
  '694',
  '262',
  '692',
  '693',
  '269',
  '639',
  '508',
  '709',
];

/** A pool of six-digit prefixes, so that the cache answers many numbers with random tails. */
function prefixPool(random: ReturnType<typeof seededRandom>): string[] {
  return Array.from({ length: 300 }, () => {
    let digits = random.pick(LEADS);
    while (digits.length < 6) digits += String(random.int(0, 9));
    return digits.slice(0, 6);
  });
}

function randomNumber(random: ReturnType<typeof seededRandom>, pool: readonly string[]): string {
  let digits = random.pick(pool);
  // Mostly nine digits; sometimes too short or too long.
  const length = random.chance(0.9) ? 9 : random.int(6, 11);
  while (digits.length < length) digits += String(random.int(0, 9));
  digits = digits.slice(0, length);
  const spaced = (text: string) => text.replace(/(\d{2})(?=\d)/g, '$1 ');
  return random.pick([
    `0${digits}`,
    `+33${digits}`,
    spaced(`0${digits}`),
    `0${digits}`.replace(/(\d{2})(?=\d)/g, '$1.'),
    `+33 ${digits.slice(0, 1)} ${spaced(digits.slice(1))}`,
    `0${digits}`.replace(/(\d{2})(?=\d)/g, '$1-'),
    `+44${digits}`,
    `+1212${digits.slice(0, 7)}`,
    `+33 (0)${digits}`,
    ` 0${digits} `,
  ]);
}

describe('[LEAD5] the fast path for clean French numbers', () => {
  for (const region of ['FR', 'GP', 'US']) {
    for (const seed of SEEDS) {
      it(`[LEAD5] agrees with the full path: region ${region}, seed ${seed}`, () => {
        const random = seededRandom(seed);
        const fast = createFastPhoneParser(region);
        const pool = prefixPool(random);
        for (let index = 0; index < NUMBERS_PER_SEED; index++) {
          const raw = randomNumber(random, pool).trim();
          expect(fast(raw), raw).toEqual(parsePhone(raw, region));
        }
      });
    }
  }

  it('[LEAD5] a normaliser with the fast path gives the same rows as normaliseLead', () => {
    const random = seededRandom(77);
    const normalise = createLeadNormaliser('FR', createFastPhoneParser('FR'));
    const pool = prefixPool(random);
    for (let index = 0; index < 2000; index++) {
      const row: LeadRow = {
        id: `row-${index}`,
        phone: randomNumber(random, pool),
        ...(random.chance(0.3)
          ? { postcode: random.pick(['75011', '67000', '97110', '2A004', '99999']) }
          : {}),
        ...(random.chance(0.1) ? { timeZone: random.pick(['Europe/Paris', 'Mars/Olympus']) } : {}),
      };
      expect(normalise(row)).toEqual(normaliseLead(row, 'FR'));
    }
  });

  it('[LEAD5] an overseas number in national form lands in its region, cached per prefix', () => {
    const fast = createFastPhoneParser('FR');
    expect(fast('0590 27 12 34')).toEqual(parsePhone('0590271234', 'FR'));
    expect(fast('0690001234')).toEqual({ number: '+590690001234', country: 'GP' });
    expect(fast('0690009999')).toEqual({ number: '+590690009999', country: 'GP' });
    expect(fast('0612345678')).toEqual({ number: '+33612345678', country: 'FR' });
    expect(fast('06123')).toBeUndefined();
  });
});
