// Imported lead lists and their rejected rows, as the API reads them: published lists only (a
// staged one, row_count -1, is an import under way or a failed one awaiting deletion).
import type { LeadListRecord, LeadRejection } from '../port.ts';
import type { StoreContext } from '../sql/context.ts';
import { fromJson, isoTime } from '../sql/values.ts';

export interface ListRow {
  id: string;
  campaign_id: string;
  name: string;
  origin: string;
  legal_basis: LeadListRecord['legalBasis'];
  imported_at: string | Date;
  imported_by: string;
  row_count: number;
  imported: number;
  merged: number;
  rejected: number;
}

export const LIST_COLUMNS =
  'id, campaign_id, name, origin, legal_basis, imported_at, imported_by, row_count, imported, merged, rejected';

export const toList = (row: ListRow): LeadListRecord => ({
  id: row.id,
  campaignId: row.campaign_id,
  name: row.name,
  origin: row.origin,
  legalBasis: row.legal_basis,
  importedAt: isoTime(row.imported_at),
  importedBy: row.imported_by,
  rows: Number(row.row_count),
  imported: Number(row.imported),
  merged: Number(row.merged),
  rejected: Number(row.rejected),
});

export async function listLeadLists(
  { db }: StoreContext,
  tenantId: string,
  campaignId: string,
): Promise<LeadListRecord[]> {
  const rows = await db.all<ListRow>(
    `SELECT ${LIST_COLUMNS} FROM lead_lists WHERE tenant_id = ? AND campaign_id = ? AND row_count >= 0
     ORDER BY imported_at, id`,
    [tenantId, campaignId],
  );
  return rows.map(toList);
}

export async function getLeadList(
  { db }: StoreContext,
  tenantId: string,
  id: string,
): Promise<LeadListRecord | undefined> {
  const row = await db.get<ListRow>(
    `SELECT ${LIST_COLUMNS} FROM lead_lists WHERE tenant_id = ? AND id = ? AND row_count >= 0`,
    [tenantId, id],
  );
  return row && toList(row);
}

export async function leadListRejections(
  { db }: StoreContext,
  tenantId: string,
  listId: string,
): Promise<LeadRejection[]> {
  const rows = await db.all<{ line: number; errors: string }>(
    `SELECT line, errors FROM lead_list_rejections WHERE tenant_id = ? AND list_id = ?
       AND list_id IN (SELECT id FROM lead_lists WHERE tenant_id = ? AND id = ? AND row_count >= 0)
     ORDER BY line`,
    [tenantId, listId, tenantId, listId],
  );
  return rows.map((row) => ({ line: Number(row.line), errors: fromJson(row.errors) }));
}
