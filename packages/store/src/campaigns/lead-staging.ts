// A lead list written in short transactions (LIST4): its row is stored first, marked staged
// (row_count -1), its leads and rejected rows follow chunk by chunk, each chunk its own commit,
// and one short commit publishes it. While staged, every read ignores the list and its leads, so
// a failure or a crash leaves nothing visible; `discard` and the start-up sweep delete the rest.
// No write lock is held between chunks: the event log's commits go in between.
import { StoreError } from '../errors.ts';
import type {
  LeadListCounts,
  LeadListRecord,
  LeadRejection,
  NewLead,
  NewLeadList,
  NewStagedLeadList,
  StagedLeadList,
} from '../port.ts';
import type { StoreContext } from '../sql/context.ts';
import { isViolation, type SqlExecutor, type SqlValue } from '../sql/executor.ts';
import { isoTime, toJson } from '../sql/values.ts';
import { LIST_COLUMNS, toList, type ListRow } from './lead-lists.ts';

/** row_count of a list while it is staged; a published list has its real count (≥ 0). */
export const STAGED_ROWS = -1;
/** Leads read by the campaign's queries: not those of a staged list of the tenant. */
export const VISIBLE_LEAD =
  'list_id NOT IN (SELECT id FROM lead_lists WHERE tenant_id = ? AND row_count = -1)';
/** Rows per transaction: short enough for the log's commits to go in between (~0.2 s). */
export const STAGE_CHUNK = 50_000;

const INSERT_COLUMNS = [
  'tenant_id',
  'id',
  'campaign_id',
  'list_id',
  'phone_e164',
  'country',
  'time_zone',
  'holiday_country',
  'holiday_subdivision',
  'consent_given_at_ms',
  'consent_proof',
  'consent_covers_hours',
  'contract_relation',
  'first_name',
  'last_name',
  'attributes',
  'state',
] as const;

const flag = (value: boolean | undefined): SqlValue => (value === undefined ? null : value ? 1 : 0);

function leadValues(tenantId: string, campaignId: string, listId: string, lead: NewLead) {
  const attributes = lead.attributes;
  const json =
    attributes === undefined || Object.keys(attributes).length === 0
      ? null
      : toJson(attributes, 'lead attributes');
  return [
    tenantId,
    lead.id,
    campaignId,
    listId,
    lead.phoneE164,
    lead.country,
    lead.timeZone,
    lead.holidayCountry,
    lead.holidaySubdivision ?? null,
    lead.consentGivenAtMs ?? null,
    lead.consentProof ?? null,
    flag(lead.consentCoversHours),
    flag(lead.contractRelation),
    lead.firstName ?? null,
    lead.lastName ?? null,
    json,
    'new',
  ];
}

/** The store's errors for a list's writes: a number or the list id taken, no campaign. */
function named(error: unknown, tenantId: string, list: { id: string; campaignId: string }) {
  if (isViolation(error, 'unique')) {
    return new StoreError(
      'Duplicate',
      `list ${list.id}, or one of its numbers in campaign ${list.campaignId}, exists already`,
      { listId: list.id, campaignId: list.campaignId },
    );
  }
  if (isViolation(error, 'foreignKey')) {
    return new StoreError('UnknownTenant', `no campaign ${list.campaignId} in tenant ${tenantId}`, {
      tenantId,
      campaignId: list.campaignId,
    });
  }
  return error;
}

class SqlStagedLeadList implements StagedLeadList {
  /** The id span of each chunk written: `discard` deletes by key range, not by a scan. */
  private readonly spans: { first: string; last: string }[] = [];
  private state: 'open' | 'published' | 'discarded' = 'open';

  constructor(
    private readonly context: StoreContext,
    private readonly tenantId: string,
    readonly list: NewStagedLeadList,
  ) {}

  async add(leads: readonly NewLead[], rejections: readonly LeadRejection[]): Promise<void> {
    this.expectOpen('add to');
    const longest = Math.max(leads.length, rejections.length);
    for (let start = 0; start === 0 || start < longest; start += STAGE_CHUNK) {
      await this.addChunk(
        leads.slice(start, start + STAGE_CHUNK),
        rejections.slice(start, start + STAGE_CHUNK),
      );
    }
  }

  private async addChunk(leads: readonly NewLead[], rejections: readonly LeadRejection[]) {
    const { tenantId, list } = this;
    const rows = leads.map((lead) => leadValues(tenantId, list.campaignId, list.id, lead));
    let first: string | undefined;
    let last: string | undefined;
    for (const lead of leads) {
      if (first === undefined || lead.id < first) first = lead.id;
      if (last === undefined || lead.id > last) last = lead.id;
    }
    try {
      await this.context.db.transaction(async (tx) => {
        // Still staged (not swept, its campaign not deleted); the time says it is alive.
        await this.touch(tx);
        if (rows.length > 0) await tx.insertMany('leads', INSERT_COLUMNS, rows);
        if (rejections.length > 0) {
          await tx.insertMany(
            'lead_list_rejections',
            ['tenant_id', 'list_id', 'line', 'errors'],
            rejections.map((row) => [tenantId, list.id, row.line, toJson(row.errors, 'rejection')]),
          );
        }
      });
    } catch (error) {
      throw named(error, tenantId, list);
    }
    if (first !== undefined && last !== undefined) this.spans.push({ first, last });
  }

  async publish(counts: LeadListCounts): Promise<LeadListRecord> {
    this.expectOpen('publish');
    const { tenantId, list } = this;
    const row = await this.context.db.transaction(async (tx) => {
      await this.touch(tx);
      return tx.get<ListRow>(
        `UPDATE lead_lists SET row_count = ?, imported = ?, merged = ?, rejected = ?, imported_at = ?
         WHERE tenant_id = ? AND id = ? RETURNING ${LIST_COLUMNS}`,
        [
          counts.rows,
          counts.imported,
          counts.merged,
          counts.rejected,
          isoTime(this.context.now()),
          tenantId,
          list.id,
        ],
      );
    });
    if (row === undefined) throw new Error('UPDATE … RETURNING returned no row');
    this.state = 'published';
    return toList(row);
  }

  async discard(): Promise<void> {
    if (this.state === 'published') throw new Error(`list ${this.list.id} is published`);
    this.state = 'discarded';
    const { db } = this.context;
    const { tenantId, list } = this;
    for (const span of this.spans) {
      await db.run(
        'DELETE FROM leads WHERE tenant_id = ? AND id >= ? AND id <= ? AND list_id = ?',
        [tenantId, span.first, span.last, list.id],
      );
    }
    for (;;) {
      const deleted = await db.run(
        `DELETE FROM lead_list_rejections WHERE tenant_id = ? AND list_id = ? AND line IN
           (SELECT line FROM lead_list_rejections WHERE tenant_id = ? AND list_id = ? ORDER BY line LIMIT ?)`,
        [tenantId, list.id, tenantId, list.id, STAGE_CHUNK],
      );
      if (deleted === 0) break;
    }
    // Anything left (a chunk whose commit was not seen) goes with the list (the cascade).
    await db.run('DELETE FROM lead_lists WHERE tenant_id = ? AND id = ? AND row_count = ?', [
      tenantId,
      list.id,
      STAGED_ROWS,
    ]);
  }

  private expectOpen(what: string): void {
    if (this.state !== 'open')
      throw new Error(`cannot ${what} list ${this.list.id}: ${this.state}`);
  }

  private async touch(tx: SqlExecutor): Promise<void> {
    const changed = await tx.run(
      'UPDATE lead_lists SET imported_at = ? WHERE tenant_id = ? AND id = ? AND row_count = ?',
      [isoTime(this.context.now()), this.tenantId, this.list.id, STAGED_ROWS],
    );
    if (changed === 0) {
      throw new StoreError(
        'UnknownTenant',
        `list ${this.list.id} is no longer staged: its campaign ${this.list.campaignId} was deleted or the list was discarded`,
        { listId: this.list.id, campaignId: this.list.campaignId },
      );
    }
  }
}

/** Stores a list's row, staged (invisible); StoreError 'Duplicate' / 'UnknownTenant'. */
export async function stageLeadList(
  context: StoreContext,
  tenantId: string,
  list: NewStagedLeadList,
): Promise<StagedLeadList> {
  try {
    await context.db.run(
      `INSERT INTO lead_lists (tenant_id, ${LIST_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0)`,
      [
        tenantId,
        list.id,
        list.campaignId,
        list.name,
        list.origin,
        list.legalBasis,
        isoTime(context.now()),
        list.importedBy,
        STAGED_ROWS,
      ],
    );
  } catch (error) {
    throw named(error, tenantId, list);
  }
  return new SqlStagedLeadList(context, tenantId, list);
}

/** A whole list at once, staged then published; a failure discards what was staged. */
export async function importLeadList(
  context: StoreContext,
  tenantId: string,
  list: NewLeadList,
  leads: readonly NewLead[],
  rejections: readonly LeadRejection[],
): Promise<LeadListRecord> {
  const { rows, imported, merged, rejected, ...fields } = list;
  const staged = await stageLeadList(context, tenantId, fields);
  try {
    await staged.add(leads, rejections);
    return await staged.publish({ rows, imported, merged, rejected });
  } catch (error) {
    await staged.discard();
    throw error;
  }
}

/**
 * Deletes the lists still staged whose last write is older than `stagedBefore` (an import the
 * process did not finish: it crashed or stopped), with their leads and rejected rows.
 */
export async function discardStagedLeadLists(
  { db }: StoreContext,
  stagedBefore: string,
): Promise<number> {
  const lists = await db.all<{ tenant_id: string; id: string }>(
    'SELECT tenant_id, id FROM lead_lists WHERE row_count = ? AND imported_at < ?',
    [STAGED_ROWS, isoTime(stagedBefore)],
  );
  for (const list of lists) {
    // One statement per list: the cascade finds its leads (run at start, before serving).
    await db.run('DELETE FROM lead_lists WHERE tenant_id = ? AND id = ? AND row_count = ?', [
      list.tenant_id,
      list.id,
      STAGED_ROWS,
    ]);
  }
  return lists.length;
}
