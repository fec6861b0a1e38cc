// Leads a crash left on a call (issue 8): the server stopped while they were dialing or connected,
// so the call's result (or its disposition) was lost. Each is settled before the campaign runs
// again: a call still dialing counts as a failed attempt; a connected one already has its answered
// attempt. Both are then recycled by the `failed` rule (retried later, or closed when its attempts
// are used up): never lost, never dialed twice at once. The writes go through the tenant's
// LeadWriter (LIVE12): a write the store refuses for good is set aside, not a campaign kept from
// starting.
import { recycleStep } from '@relais/dialer';
import type { Campaign } from '@relais/protocol';
import type { Command, Engine } from '@relais/engine';
import type { DialerWrite, Store } from '@relais/store';

export const RECONCILED_NOTE = 'the server stopped during this call: its result was lost';

/** The writes that settle the campaign's leads left dialing or connected, and the failed attempts. */
export async function reconciliation(
  store: Store,
  tenantId: string,
  campaign: Campaign,
  nowMs: number,
): Promise<{ writes: DialerWrite[]; failed: { phoneE164: string; atMs: number }[] }> {
  const writes: DialerWrite[] = [];
  const failed: { phoneE164: string; atMs: number }[] = [];
  for (const state of ['dialing', 'connected'] as const) {
    for (let after: string | undefined; ;) {
      const page = await store.listLeads(tenantId, campaign.id, {
        state,
        limit: 1000,
        ...(after === undefined ? {} : { after }),
      });
      for (const lead of page) {
        let attempts = lead.attempts;
        if (state === 'dialing') {
          attempts++;
          writes.push({
            kind: 'attempt',
            callId: `${campaign.id}.reconciled-${nowMs.toString(36)}:${lead.id}`,
            leadId: lead.id,
            atMs: nowMs,
            outcome: 'failed',
            note: RECONCILED_NOTE,
          });
          failed.push({ phoneE164: lead.phoneE164, atMs: nowMs });
        }
        const step = recycleStep('failed', attempts, campaign.recycling);
        writes.push(
          step.close
            ? { kind: 'leadState', leadId: lead.id, state: 'done' }
            : {
                kind: 'leadState',
                leadId: lead.id,
                state: 'scheduled',
                nextAtMs: nowMs + step.retryAfterMs,
              },
        );
      }
      if (page.length < 1000) break;
      after = page[page.length - 1]?.id;
    }
  }
  return { writes, failed };
}

/**
 * Engine contacts of the campaign's calls a crash cut off (the log replays them still offered,
 * connected or in wrap-up): ended through `apply`, so that no agent stays held by a call nobody
 * is on. The dialer's contact ids are `<campaign>.<build>:<n>`.
 */
export function releaseCutOffCalls(
  engine: Engine,
  config: Campaign,
  apply: (command: Command) => void,
): void {
  const prefix = `${config.id}.`;
  const ours = /^[0-9a-z]+-\d+:\d+$/;
  for (const contact of engine.inspect().contacts) {
    if (contact.queueId !== config.queueId || !contact.id.startsWith(prefix)) continue;
    if (!ours.test(contact.id.slice(prefix.length))) continue;
    const contactId = contact.id;
    const steps: Command[] =
      contact.state === 'connected'
        ? [
            { type: 'end', contactId },
            { type: 'endWrapUp', contactId },
          ]
        : contact.state === 'wrapUp'
          ? [{ type: 'endWrapUp', contactId }]
          : [{ type: 'cancel', contactId, reason: 'dialer restarted' }];
    for (const command of steps) apply(command);
  }
}
