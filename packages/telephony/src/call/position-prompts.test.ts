import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  FRENCH_PROMPTS_DIR,
  POSITION_PROMPT_NAMES,
  cardinal,
  ordinal,
  positionPrompts,
  waitPrompts,
} from './position-prompts.ts';

const at = (position: number, estimatedWaitMs?: number) => ({ position, estimatedWaitMs });

describe('POS1 what the position announcement says', () => {
  it('[POS1] position and wait, in that order, then "Merci de patienter"', () => {
    expect(positionPrompts(at(2, 180_000), 'both')).toEqual([
      'vous-etes-le',
      'ord-2',
      'en-attente',
      'temps-attente',
      'card-3',
      'minutes',
      'merci',
    ]);
    expect(positionPrompts(at(2, 180_000), 'position')).toEqual([
      'vous-etes-le',
      'ord-2',
      'en-attente',
      'merci',
    ]);
    expect(positionPrompts(at(2, 180_000), 'wait')).toEqual([
      'temps-attente',
      'card-3',
      'minutes',
      'merci',
    ]);
  });

  it('[POS1] no estimate yet: the position alone, or nothing when only the wait is asked for', () => {
    expect(positionPrompts(at(1), 'both')).toEqual([
      'vous-etes-le',
      'ord-1',
      'en-attente',
      'merci',
    ]);
    expect(positionPrompts(at(1), 'wait')).toEqual([]);
  });

  it('[POS1] a place or a wait that cannot be is refused, saying which', () => {
    expect(() => positionPrompts(at(0), 'both')).toThrow(/position 0: .*from 1/);
    expect(() => positionPrompts(at(1.5), 'both')).toThrow(/position 1.5/);
    expect(() => positionPrompts(at(2, -1), 'both')).toThrow(/estimatedWaitMs -1/);
    expect(() => positionPrompts(at(2, Number.NaN), 'both')).toThrow(/estimatedWaitMs NaN/);
  });
});

describe('POS2 the place in line', () => {
  it.each([
    [1, ['ord-1']],
    [2, ['ord-2']],
    [17, ['ord-17']],
    [20, ['ord-20']],
    [21, ['tens-20-et', 'ord-unieme']],
    [22, ['tens-20', 'ord-2']],
    [61, ['tens-60-et', 'ord-unieme']],
    [70, ['tens-60', 'ord-10']],
    [71, ['tens-60-et', 'ord-11']],
    [77, ['tens-60', 'ord-17']],
    [80, ['ord-80']],
    [81, ['tens-80', 'ord-unieme']],
    [90, ['tens-80', 'ord-10']],
    [91, ['tens-80', 'ord-11']],
    [99, ['tens-80', 'ord-19']],
  ])('[POS2] %i → %j', (n, pieces) => {
    expect(ordinal(n)).toEqual(pieces);
  });

  it('[POS2] above 99: "Plus de quatre-vingt-dix-neuf appels sont avant le vôtre"', () => {
    expect(positionPrompts(at(100, 0), 'both')).toEqual([
      'plus-de-99',
      'temps-attente',
      'moins-d-une-minute',
      'merci',
    ]);
    expect(positionPrompts(at(5_000), 'position')).toEqual(['plus-de-99', 'merci']);
  });
});

describe('POS3 the expected wait in minutes', () => {
  it.each([
    [0, ['moins-d-une-minute']],
    [59_000, ['moins-d-une-minute']],
    [59_999, ['moins-d-une-minute']],
    [60_000, ['card-1', 'minute']],
    [61_000, ['card-1', 'minute']],
    [90_000, ['card-2', 'minutes']],
    [21 * 60_000, ['tens-20-et', 'card-1', 'minutes']],
    [45 * 60_000 + 10_000, ['tens-40', 'card-5', 'minutes']],
    [59 * 60_000 + 29_000, ['tens-50', 'card-9', 'minutes']],
    [59 * 60_000 + 30_000, ['plus-d-une-heure']],
    [5 * 3_600_000, ['plus-d-une-heure']],
  ])('[POS3] %i ms → %j', (ms, pieces) => {
    expect(waitPrompts(ms)).toEqual(pieces);
  });
});

describe('POS4 the prompts are shipped', () => {
  it('[POS4] every piece any place (1–120) or wait (0–2 h) needs is a WAV file of the package, and every file is used', () => {
    const needed = new Set<string>();
    for (let n = 1; n <= 120; n++) {
      for (const ms of [undefined, n * 30_000, n * 60_000])
        for (const piece of positionPrompts(at(n, ms), 'both')) needed.add(piece);
    }
    for (let n = 1; n <= 59; n++) for (const piece of cardinal(n)) needed.add(piece);
    const files = readdirSync(FRENCH_PROMPTS_DIR)
      .filter((name) => name.endsWith('.wav'))
      .map((name) => name.slice(0, -'.wav'.length));
    for (const piece of needed)
      expect(existsSync(join(FRENCH_PROMPTS_DIR, `${piece}.wav`))).toBe(true);
    expect(new Set(files)).toEqual(needed);
    expect(new Set(POSITION_PROMPT_NAMES)).toEqual(needed);
  });

  it('[POS4] the prompts stay small: 8 kHz mono 16-bit WAV, under 1 MB in all', () => {
    for (const name of readdirSync(FRENCH_PROMPTS_DIR)) {
      const header = readFileSync(join(FRENCH_PROMPTS_DIR, name)).subarray(0, 36);
      expect([name, header.toString('latin1', 0, 4), header.toString('latin1', 8, 12)]).toEqual([
        name,
        'RIFF',
        'WAVE',
      ]);
      // Channels, sample rate, bits per sample.
      expect([
        name,
        header.readUInt16LE(22),
        header.readUInt32LE(24),
        header.readUInt16LE(34),
      ]).toEqual([name, 1, 8000, 16]);
    }
    const bytes = readdirSync(FRENCH_PROMPTS_DIR).reduce(
      (sum, name) => sum + statSync(join(FRENCH_PROMPTS_DIR, name)).size,
      0,
    );
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(1_000_000);
  });
});
