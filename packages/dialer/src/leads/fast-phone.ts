// The import's fast path for numbers (LEAD5). Reading a number with libphonenumber-js costs some
// 30 µs; a list of a million French numbers cannot afford it. A clean French number (+33 or a
// national 0, nine digits, spaces, dots or dashes between them) is valid, and lands in its region,
// according to its first digits only: the metadata's national pattern for France is [1-9]\d{8},
// three digits say whether the number is an overseas one (0590, 0690 …), and the overseas
// regions' patterns decide within six. The full path's answer is cached per three-digit prefix,
// six for the overseas ones. Anything else takes the full path. A property test checks both
// paths agree.
import { OVERSEAS_PREFIXES } from './french-regions.ts';
import { parsePhone, type ParsedPhone, type PhoneParser } from './normalise-lead.ts';

const CLEAN_FRENCH = /^(?:\+33|0)([1-9]\d{8})$/;
const SEPARATORS = /[ .-]/g;
const OVERSEAS = new Set(OVERSEAS_PREFIXES.map(([prefix]) => prefix));
const prefixOf = (national: string): string => {
  const three = national.slice(0, 3);
  return OVERSEAS.has(three) ? national.slice(0, 6) : three;
};

/** What the full path said for numbers of one prefix: their calling code and region, or invalid. */
type PrefixAnswer = { readonly callingCode: string; readonly country: string } | null;

export function createFastPhoneParser(defaultRegion: string): PhoneParser {
  const answers = new Map<string, PrefixAnswer>();
  const slow = (raw: string): ParsedPhone | undefined => parsePhone(raw, defaultRegion);
  return (raw) => {
    const compact =
      raw.includes(' ') || raw.includes('.') || raw.includes('-')
        ? raw.replace(SEPARATORS, '')
        : raw;
    const match = CLEAN_FRENCH.exec(compact);
    // A national 0 means France only when the campaign's numbers default to France.
    if (match === null || (compact.startsWith('0') && defaultRegion !== 'FR')) return slow(raw);
    const national = match[1] as string;
    const prefix = prefixOf(national);
    let answer = answers.get(prefix);
    if (answer === undefined) {
      const full = parsePhone(`+33${national}`, defaultRegion);
      answer =
        full === undefined
          ? null
          : {
              callingCode: full.number.slice(0, full.number.length - national.length),
              country: full.country,
            };
      // Only an answer of the shape the cache rebuilds (calling code + the nine digits) is kept.
      if (full !== undefined && !full.number.endsWith(national)) return full;
      answers.set(prefix, answer);
    }
    return answer === null
      ? undefined
      : { number: answer.callingCode + national, country: answer.country };
  };
}
