// Store records to the API's campaign shapes (packages/protocol/src/campaigns.ts).
import type { Campaign, LeadAttempt, LeadView } from '@relais/protocol';
import type { CallbackRecord, CampaignRecord, LeadAttemptRecord, LeadRecord } from '@relais/store';
import type { z } from 'zod';

const iso = (ms: number): string => new Date(ms).toISOString();

export function campaignView(record: CampaignRecord<Campaign>, leads: number) {
  return { ...record.config, state: record.state, leads };
}

export function leadView(lead: LeadRecord): z.infer<typeof LeadView> {
  return {
    id: lead.id,
    campaignId: lead.campaignId,
    listId: lead.listId,
    phoneE164: lead.phoneE164,
    country: lead.country,
    timeZone: lead.timeZone,
    ...(lead.firstName === undefined ? {} : { firstName: lead.firstName }),
    ...(lead.lastName === undefined ? {} : { lastName: lead.lastName }),
    attributes: lead.attributes,
    state: lead.state,
    attempts: lead.attempts,
    ...(lead.lastOutcome === undefined ? {} : { lastOutcome: lead.lastOutcome }),
    ...(lead.nextAtMs === undefined ? {} : { nextAt: iso(lead.nextAtMs) }),
    ...(lead.blockedBy === undefined
      ? {}
      : {
          blockedBy: lead.blockedBy,
          dialableAt:
            lead.dialableAtMs === undefined || lead.dialableAtMs === null
              ? null
              : iso(lead.dialableAtMs),
        }),
  };
}

export function attemptView(attempt: LeadAttemptRecord): z.infer<typeof LeadAttempt> {
  return {
    at: iso(attempt.atMs),
    campaignId: attempt.campaignId,
    outcome: attempt.outcome,
    ...(attempt.dispositionId === undefined ? {} : { dispositionId: attempt.dispositionId }),
    ...(attempt.agentId === undefined ? {} : { agentId: attempt.agentId }),
    ...(attempt.ringSeconds === undefined ? {} : { ringSeconds: attempt.ringSeconds }),
    ...(attempt.talkSeconds === undefined ? {} : { talkSeconds: attempt.talkSeconds }),
    ...(attempt.note === undefined ? {} : { note: attempt.note }),
  };
}

export function callbackView(callback: CallbackRecord) {
  return {
    id: callback.id,
    leadId: callback.leadId,
    campaignId: callback.campaignId,
    at: iso(callback.atMs),
    ...(callback.agentId === undefined ? {} : { agentId: callback.agentId }),
    createdBy: callback.createdBy,
    createdAt: callback.createdAt,
  };
}

/** One CSV cell: quoted when it holds the separator, a quote or a line break. */
export function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
