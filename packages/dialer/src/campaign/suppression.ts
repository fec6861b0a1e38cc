// A campaign scrubs against several lists; the gate takes one (CAMP5).
import type { SuppressionList } from '../gate/types.ts';

/**
 * The lists a campaign names, as one: every number of every list, and the oldest scrub date
 * (the list the freshness rule must judge is the stalest one). No list: null.
 */
export function mergeSuppressionLists(lists: readonly SuppressionList[]): SuppressionList | null {
  if (lists.length === 0) return null;
  if (lists.length === 1) return lists[0] ?? null;
  const numbers = new Set<string>();
  let scrubbedAtMs = Infinity;
  for (const list of lists) {
    scrubbedAtMs = Math.min(scrubbedAtMs, list.scrubbedAtMs);
    for (const number of list.numbers) numbers.add(number);
  }
  return { scrubbedAtMs, numbers };
}
