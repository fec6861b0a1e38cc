// What a caller waiting in a queue is told of its place (rules POS1–POS4): the French prompts
// of packages/telephony/prompts/fr (tools/prompts/generate.sh), named in the order they play.
// Numbers are composed from pieces (tens, then units) to keep the files few and small.
import { fileURLToPath } from 'node:url';

/** The folder of the French prompts shipped with the package. */
export const FRENCH_PROMPTS_DIR = fileURLToPath(new URL('../../prompts/fr', import.meta.url));

/** What the position announcement says: the place in line, the expected wait, or both. */
export type PositionSay = 'position' | 'wait' | 'both';

export interface PlaceToTell {
  /** 1-based place in line. */
  readonly position: number;
  /** The engine's estimate; undefined when it has none yet (nothing is said of the wait). */
  readonly estimatedWaitMs: number | undefined;
}

/** Places above this are not spoken one by one (POS2). */
export const MAX_SPOKEN_POSITION = 99;

/**
 * The prompts (file names without `.wav`) telling `place`, ending with "Merci de patienter";
 * empty when there is nothing to tell (only the wait asked for, and no estimate).
 */
export function positionPrompts(place: PlaceToTell, say: PositionSay): string[] {
  const { position, estimatedWaitMs } = place;
  if (!Number.isInteger(position) || position < 1) {
    throw new RangeError(`position ${position}: a place in line is a whole number from 1`);
  }
  if (estimatedWaitMs !== undefined && !(estimatedWaitMs >= 0)) {
    throw new RangeError(`estimatedWaitMs ${estimatedWaitMs}: a wait is 0 ms or more`);
  }
  const prompts: string[] = [];
  if (say !== 'wait') {
    prompts.push(
      ...(position > MAX_SPOKEN_POSITION
        ? ['plus-de-99']
        : ['vous-etes-le', ...ordinal(position), 'en-attente']),
    );
  }
  if (say !== 'position' && estimatedWaitMs !== undefined) {
    prompts.push('temps-attente', ...waitPrompts(estimatedWaitMs));
  }
  return prompts.length === 0 ? [] : [...prompts, 'merci'];
}

/** The expected wait in whole minutes (POS3): under a minute, 1–59 minutes, over an hour. */
export function waitPrompts(estimatedWaitMs: number): string[] {
  if (estimatedWaitMs < 60_000) return ['moins-d-une-minute'];
  const minutes = Math.round(estimatedWaitMs / 60_000);
  if (minutes >= 60) return ['plus-d-une-heure'];
  return [...cardinal(minutes), minutes === 1 ? 'minute' : 'minutes'];
}

/** "premier", "deuxième" … "quatre-vingt-dix-neuvième" for 1–99 (POS2). */
export function ordinal(n: number): string[] {
  if (n < 20) return [`ord-${n}`];
  // 70–79 say "soixante-dix…", 80–99 "quatre-vingt…": the tens piece and the rest below 20.
  const tens = n < 70 ? n - (n % 10) : n < 80 ? 60 : 80;
  const rest = n - tens;
  if (rest === 0) return [`ord-${tens}`];
  if (rest === 1)
    return tens === 80 ? ['tens-80', 'ord-unieme'] : [`tens-${tens}-et`, 'ord-unieme'];
  if (rest === 11 && tens === 60) return ['tens-60-et', 'ord-11'];
  return [`tens-${tens}`, `ord-${rest}`];
}

/** "une" … "cinquante-neuf" for 1–59 (minutes are feminine: "vingt et une"). */
export function cardinal(n: number): string[] {
  if (n < 20) return [`card-${n}`];
  const tens = n - (n % 10);
  const rest = n % 10;
  if (rest === 0) return [`tens-${tens}`];
  if (rest === 1) return [`tens-${tens}-et`, 'card-1'];
  return [`tens-${tens}`, `card-${rest}`];
}

/** Every prompt the announcement may play: what a prompts folder must hold (`--prompts`). */
export const POSITION_PROMPT_NAMES: readonly string[] = [
  ...new Set([
    'vous-etes-le',
    'en-attente',
    'plus-de-99',
    'temps-attente',
    'moins-d-une-minute',
    'plus-d-une-heure',
    'minute',
    'minutes',
    'merci',
    ...Array.from({ length: MAX_SPOKEN_POSITION }, (_, i) => ordinal(i + 1)).flat(),
    ...Array.from({ length: 59 }, (_, i) => cardinal(i + 1)).flat(),
  ]),
].sort();
