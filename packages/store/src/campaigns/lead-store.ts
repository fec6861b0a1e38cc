// Leads, their attempts and callbacks (lists: lead-lists.ts, their import: lead-staging.ts).
// Leads of a staged list are invisible to every read here (VISIBLE_LEAD); attempts are kept by
// number for the gate's tenant-wide count.
import type {
  AttemptOutcome,
  CallbackRecord,
  CampaignCounts,
  LeadAfterAttempt,
  LeadAttemptRecord,
  LeadBlocking,
  LeadQueryOptions,
  LeadRecord,
  LeadStateName,
  NewLeadAttempt,
} from '../port.ts';
import type { StoreContext } from '../sql/context.ts';
import type { SqlValue } from '../sql/executor.ts';
import { fromJson, isoTime, pageSize } from '../sql/values.ts';
import { VISIBLE_LEAD } from './lead-staging.ts';

interface LeadRow {
  id: string;
  campaign_id: string;
  list_id: string;
  phone_e164: string;
  country: string;
  time_zone: string;
  holiday_country: string;
  holiday_subdivision: string | null;
  consent_given_at_ms: number | string | null;
  consent_proof: string | null;
  consent_covers_hours: number | null;
  contract_relation: number | null;
  first_name: string | null;
  last_name: string | null;
  attributes: string | null;
  state: LeadStateName;
  attempts: number;
  next_at_ms: number | string | null;
  last_outcome: string | null;
  blocked_by: string | null;
  dialable_at_ms: number | string | null;
}

const LEAD_COLUMNS =
  'id, campaign_id, list_id, phone_e164, country, time_zone, holiday_country, holiday_subdivision, ' +
  'consent_given_at_ms, consent_proof, consent_covers_hours, contract_relation, first_name, last_name, ' +
  'attributes, state, attempts, next_at_ms, last_outcome, blocked_by, dialable_at_ms';

const optional = <K extends string, V>(key: K, value: V | null): { [P in K]?: V } =>
  (value === null ? {} : { [key]: value }) as { [P in K]?: V };
const optionalNumber = <K extends string>(key: K, value: number | string | null) =>
  optional(key, value === null ? null : Number(value));
const optionalFlag = <K extends string>(key: K, value: number | null) =>
  optional(key, value === null ? null : Number(value) === 1);

const toLead = (row: LeadRow): LeadRecord => ({
  id: row.id,
  campaignId: row.campaign_id,
  listId: row.list_id,
  phoneE164: row.phone_e164,
  country: row.country,
  timeZone: row.time_zone,
  holidayCountry: row.holiday_country,
  ...optional('holidaySubdivision', row.holiday_subdivision),
  ...optionalNumber('consentGivenAtMs', row.consent_given_at_ms),
  ...optional('consentProof', row.consent_proof),
  ...optionalFlag('consentCoversHours', row.consent_covers_hours),
  ...optionalFlag('contractRelation', row.contract_relation),
  ...optional('firstName', row.first_name),
  ...optional('lastName', row.last_name),
  attributes: row.attributes === null ? {} : fromJson<Record<string, string>>(row.attributes),
  state: row.state,
  attempts: Number(row.attempts),
  ...optionalNumber('nextAtMs', row.next_at_ms),
  ...optional('lastOutcome', row.last_outcome),
  ...(row.blocked_by === null
    ? {}
    : {
        blockedBy: row.blocked_by,
        dialableAtMs: row.dialable_at_ms === null ? null : Number(row.dialable_at_ms),
      }),
});

export async function campaignNumbers(
  { db }: StoreContext,
  tenantId: string,
  campaignId: string,
): Promise<string[]> {
  const rows = await db.all<{ phone_e164: string }>(
    `SELECT phone_e164 FROM leads WHERE tenant_id = ? AND campaign_id = ? AND ${VISIBLE_LEAD}`,
    [tenantId, campaignId, tenantId],
  );
  return rows.map((row) => row.phone_e164);
}

export async function listLeads(
  { db }: StoreContext,
  tenantId: string,
  campaignId: string,
  query: LeadQueryOptions = {},
): Promise<LeadRecord[]> {
  const where = ['tenant_id = ?', 'campaign_id = ?', VISIBLE_LEAD];
  const params: SqlValue[] = [tenantId, campaignId, tenantId];
  if (query.state !== undefined) {
    where.push('state = ?');
    params.push(query.state);
  }
  if (query.blockedBy !== undefined) {
    where.push('blocked_by = ?');
    params.push(query.blockedBy);
  }
  if (query.after !== undefined) {
    where.push('id > ?');
    params.push(query.after);
  }
  params.push(pageSize(query.limit, 100, 1000));
  const rows = await db.all<LeadRow>(
    `SELECT ${LEAD_COLUMNS} FROM leads WHERE ${where.join(' AND ')} ORDER BY id LIMIT ?`,
    params,
  );
  return rows.map(toLead);
}

export async function getLead(
  { db }: StoreContext,
  tenantId: string,
  id: string,
): Promise<LeadRecord | undefined> {
  const row = await db.get<LeadRow>(
    `SELECT ${LEAD_COLUMNS} FROM leads WHERE tenant_id = ? AND id = ? AND ${VISIBLE_LEAD}`,
    [tenantId, id, tenantId],
  );
  return row && toLead(row);
}

export async function openLeads(
  { db }: StoreContext,
  tenantId: string,
  campaignId: string,
  page?: { after?: string; limit?: number },
): Promise<LeadRecord[]> {
  const params: SqlValue[] = [tenantId, campaignId, tenantId];
  let tail = '';
  if (page?.after !== undefined) {
    tail += ' AND id > ?';
    params.push(page.after);
  }
  tail += ' ORDER BY id';
  if (page?.limit !== undefined) {
    tail += ' LIMIT ?';
    params.push(pageSize(page.limit, page.limit, 100_000));
  }
  const rows = await db.all<LeadRow>(
    `SELECT ${LEAD_COLUMNS} FROM leads
     WHERE tenant_id = ? AND campaign_id = ? AND state <> 'done' AND ${VISIBLE_LEAD}${tail}`,
    params,
  );
  return rows.map(toLead);
}

export interface AttemptRow {
  id: number | string;
  lead_id: string;
  campaign_id: string;
  client_id: string;
  phone_e164: string;
  at_ms: number | string;
  outcome: AttemptOutcome;
  disposition_id: string | null;
  flag: string | null;
  agent_id: string | null;
  ring_seconds: number | null;
  talk_seconds: number | null;
  note: string | null;
  call_id: string | null;
}

export const ATTEMPT_COLUMNS =
  'id, lead_id, campaign_id, client_id, phone_e164, at_ms, outcome, disposition_id, flag, agent_id, ring_seconds, talk_seconds, note, call_id';

export const toAttempt = (row: AttemptRow): LeadAttemptRecord => ({
  id: Number(row.id),
  leadId: row.lead_id,
  campaignId: row.campaign_id,
  clientId: row.client_id,
  phoneE164: row.phone_e164,
  atMs: Number(row.at_ms),
  outcome: row.outcome,
  ...optional('dispositionId', row.disposition_id),
  ...optional('flag', row.flag),
  ...optional('agentId', row.agent_id),
  ...optionalNumber('ringSeconds', row.ring_seconds),
  ...optionalNumber('talkSeconds', row.talk_seconds),
  ...optional('note', row.note),
  ...optional('callId', row.call_id),
});

export async function numberAttempts(
  { db }: StoreContext,
  tenantId: string,
  campaignId: string,
  sinceMs: number,
): Promise<LeadAttemptRecord[]> {
  const rows = await db.all<AttemptRow>(
    `SELECT ${ATTEMPT_COLUMNS} FROM lead_attempts
     WHERE tenant_id = ? AND at_ms >= ? AND phone_e164 IN
       (SELECT phone_e164 FROM leads WHERE tenant_id = ? AND campaign_id = ? AND ${VISIBLE_LEAD})
     ORDER BY at_ms, id`,
    [tenantId, sinceMs, tenantId, campaignId, tenantId],
  );
  return rows.map(toAttempt);
}

export async function leadAttempts(
  { db }: StoreContext,
  tenantId: string,
  leadId: string,
): Promise<LeadAttemptRecord[]> {
  const rows = await db.all<AttemptRow>(
    `SELECT ${ATTEMPT_COLUMNS} FROM lead_attempts WHERE tenant_id = ? AND lead_id = ? ORDER BY at_ms, id`,
    [tenantId, leadId],
  );
  return rows.map(toAttempt);
}

export async function recordLeadAttempt(
  { db }: StoreContext,
  tenantId: string,
  attempt: NewLeadAttempt,
  after: LeadAfterAttempt,
): Promise<LeadAttemptRecord | undefined> {
  return db.transaction(async (tx) => {
    const lead = await tx.get<{ campaign_id: string; phone_e164: string; client_id: string }>(
      `SELECT l.campaign_id, l.phone_e164, c.client_id FROM leads l
       JOIN campaigns c ON c.tenant_id = l.tenant_id AND c.id = l.campaign_id
       WHERE l.tenant_id = ? AND l.id = ? AND l.${VISIBLE_LEAD}`,
      [tenantId, attempt.leadId, tenantId],
    );
    if (lead === undefined) return undefined;
    const row = await tx.get<AttemptRow>(
      `INSERT INTO lead_attempts (tenant_id, lead_id, campaign_id, client_id, phone_e164, at_ms, outcome,
         disposition_id, flag, agent_id, ring_seconds, talk_seconds, note)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${ATTEMPT_COLUMNS}`,
      [
        tenantId,
        attempt.leadId,
        lead.campaign_id,
        lead.client_id,
        lead.phone_e164,
        attempt.atMs,
        attempt.outcome,
        attempt.dispositionId,
        attempt.flag,
        attempt.agentId,
        attempt.ringSeconds,
        attempt.talkSeconds,
        attempt.note,
      ],
    );
    await tx.run(
      `UPDATE leads SET attempts = attempts + 1, last_outcome = ?, state = ?, next_at_ms = ?
       WHERE tenant_id = ? AND id = ?`,
      [attempt.flag ?? attempt.outcome, after.state, after.nextAtMs, tenantId, attempt.leadId],
    );
    return row && toAttempt(row);
  });
}

export async function setLeadBlocking(
  { db }: StoreContext,
  tenantId: string,
  updates: readonly LeadBlocking[],
): Promise<void> {
  if (updates.length === 0) return;
  await db.transaction(async (tx) => {
    for (const update of updates) {
      await tx.run(
        'UPDATE leads SET blocked_by = ?, dialable_at_ms = ? WHERE tenant_id = ? AND id = ?',
        [
          update.blockedBy,
          update.blockedBy === undefined ? null : update.dialableAtMs,
          tenantId,
          update.id,
        ],
      );
    }
  });
}

interface CallbackRow {
  id: number | string;
  lead_id: string;
  campaign_id: string;
  at_ms: number | string;
  agent_id: string | null;
  created_by: string;
  created_at: string | Date;
}

const CALLBACK_COLUMNS = 'id, lead_id, campaign_id, at_ms, agent_id, created_by, created_at';

const toCallback = (row: CallbackRow): CallbackRecord => ({
  id: Number(row.id),
  leadId: row.lead_id,
  campaignId: row.campaign_id,
  atMs: Number(row.at_ms),
  ...optional('agentId', row.agent_id),
  createdBy: row.created_by,
  createdAt: isoTime(row.created_at),
});

export async function scheduleCallback(
  { db, now }: StoreContext,
  tenantId: string,
  callback: { leadId: string; atMs: number; agentId?: string; createdBy: string },
): Promise<CallbackRecord | undefined> {
  return db.transaction(async (tx) => {
    const lead = await tx.get<{ campaign_id: string }>(
      `SELECT campaign_id FROM leads WHERE tenant_id = ? AND id = ? AND ${VISIBLE_LEAD}`,
      [tenantId, callback.leadId, tenantId],
    );
    if (lead === undefined) return undefined;
    const row = await tx.get<CallbackRow>(
      `INSERT INTO lead_callbacks (tenant_id, lead_id, campaign_id, at_ms, agent_id, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING ${CALLBACK_COLUMNS}`,
      [
        tenantId,
        callback.leadId,
        lead.campaign_id,
        callback.atMs,
        callback.agentId,
        callback.createdBy,
        isoTime(now()),
      ],
    );
    await tx.run(
      "UPDATE leads SET state = 'callback', next_at_ms = ? WHERE tenant_id = ? AND id = ?",
      [callback.atMs, tenantId, callback.leadId],
    );
    return row && toCallback(row);
  });
}

export async function listCallbacks(
  { db }: StoreContext,
  tenantId: string,
  campaignId: string,
): Promise<CallbackRecord[]> {
  const rows = await db.all<CallbackRow>(
    `SELECT ${CALLBACK_COLUMNS} FROM lead_callbacks WHERE tenant_id = ? AND campaign_id = ? ORDER BY at_ms, id`,
    [tenantId, campaignId],
  );
  return rows.map(toCallback);
}

const countsOf = (rows: readonly { key: string | null; n: number | string }[]) =>
  Object.fromEntries(
    rows.filter((row) => row.key !== null).map((row) => [row.key as string, Number(row.n)]),
  );

export async function campaignCounts(
  { db }: StoreContext,
  tenantId: string,
  campaignId: string,
  sinceMs: number,
): Promise<CampaignCounts> {
  type Count = { key: string | null; n: number | string };
  const byOutcome = await db.all<Count>(
    `SELECT outcome AS key, COUNT(*) AS n FROM lead_attempts
     WHERE tenant_id = ? AND campaign_id = ? AND at_ms >= ? GROUP BY outcome`,
    [tenantId, campaignId, sinceMs],
  );
  const byFlag = await db.all<Count>(
    `SELECT flag AS key, COUNT(*) AS n FROM lead_attempts
     WHERE tenant_id = ? AND campaign_id = ? AND at_ms >= ? GROUP BY flag`,
    [tenantId, campaignId, sinceMs],
  );
  const byState = await db.all<Count>(
    `SELECT state AS key, COUNT(*) AS n FROM leads WHERE tenant_id = ? AND campaign_id = ? AND ${VISIBLE_LEAD}
     GROUP BY state`,
    [tenantId, campaignId, tenantId],
  );
  const byBlock = await db.all<Count>(
    `SELECT blocked_by AS key, COUNT(*) AS n FROM leads
     WHERE tenant_id = ? AND campaign_id = ? AND state <> 'done' AND ${VISIBLE_LEAD}
     GROUP BY blocked_by`,
    [tenantId, campaignId, tenantId],
  );
  return {
    attemptsByOutcome: countsOf(byOutcome),
    attemptsByFlag: countsOf(byFlag),
    leadsByState: countsOf(byState),
    blockedByReason: countsOf(byBlock),
  };
}
