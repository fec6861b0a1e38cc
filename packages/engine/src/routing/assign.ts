import { offer } from '../contacts/contact-flow.ts';
import type { Core } from '../core.ts';
import { ContactRuntime } from '../model/runtime.ts';
import { selectAgent } from './select-agent.ts';
import { selectContact } from './select-contact.ts';

/**
 * Routes everything marked since the last drain until nothing more can be matched, so no free
 * eligible agent stays idle while an eligible contact waits (SPEC MAT9).
 */
export function drainWork(core: Core): void {
  const work = core.work;
  for (let i = 0; i < work.length; i++) {
    const item = work[i];
    if (item instanceof ContactRuntime) {
      item.marked = false;
      if (item.state !== 'queued') continue;
      const choice = selectAgent(core, item);
      if (choice) offer(core, item, choice.agent, choice.decision);
    } else if (item) {
      // Still marked while it takes work, so each offer does not queue it again.
      for (;;) {
        const choice = selectContact(core, item);
        if (!choice) break;
        offer(core, choice.contact, item, choice.decision);
      }
      item.marked = false;
    }
  }
  // pop(), not `length = 0`: setting the length is a runtime call, paid on every command.
  while (work.length !== 0) work.pop();
}
