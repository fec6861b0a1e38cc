// Campaigns: settings (JSON) and run state, versioned like configuration rows.
import { StoreError } from '../errors.ts';
import type { CampaignRecord, CampaignRunState, PutOptions } from '../port.ts';
import type { StoreContext } from '../sql/context.ts';
import { isViolation } from '../sql/executor.ts';
import { forTenant } from '../sql/store-errors.ts';
import { fromJson, isoTime, toJson } from '../sql/values.ts';

interface CampaignRow {
  id: string;
  client_id: string;
  config: string;
  state: CampaignRunState;
  version: number;
  created_at: string | Date;
  updated_at: string | Date;
}

const COLUMNS = 'id, client_id, config, state, version, created_at, updated_at';

const toRecord = <T>(row: CampaignRow): CampaignRecord<T> => ({
  id: row.id,
  clientId: row.client_id,
  config: fromJson<T>(row.config),
  state: row.state,
  version: Number(row.version),
  createdAt: isoTime(row.created_at),
  updatedAt: isoTime(row.updated_at),
});

export async function getCampaign<T>(
  { db }: StoreContext,
  tenantId: string,
  id: string,
): Promise<CampaignRecord<T> | undefined> {
  const row = await db.get<CampaignRow>(
    `SELECT ${COLUMNS} FROM campaigns WHERE tenant_id = ? AND id = ?`,
    [tenantId, id],
  );
  return row && toRecord<T>(row);
}

export async function listCampaigns<T>(
  { db }: StoreContext,
  tenantId: string,
  clientId?: string,
): Promise<CampaignRecord<T>[]> {
  const rows =
    clientId === undefined
      ? await db.all<CampaignRow>(
          `SELECT ${COLUMNS} FROM campaigns WHERE tenant_id = ? ORDER BY id`,
          [tenantId],
        )
      : await db.all<CampaignRow>(
          `SELECT ${COLUMNS} FROM campaigns WHERE tenant_id = ? AND client_id = ? ORDER BY id`,
          [tenantId, clientId],
        );
  return rows.map((row) => toRecord<T>(row));
}

export async function putCampaign<T>(
  context: StoreContext,
  tenantId: string,
  campaign: { id: string; clientId: string; config: T },
  options: PutOptions = {},
): Promise<CampaignRecord<T>> {
  const { db, now } = context;
  const config = toJson(campaign.config, 'campaign config');
  const at = isoTime(now());
  return db.transaction(async (tx) => {
    const current = await tx.get<{ version: number }>(
      'SELECT version FROM campaigns WHERE tenant_id = ? AND id = ?',
      [tenantId, campaign.id],
    );
    const version = current === undefined ? 0 : Number(current.version);
    if (options.expectedVersion !== undefined && options.expectedVersion !== version) {
      throw new StoreError(
        'VersionConflict',
        `campaign ${campaign.id} is at version ${version}, not ${options.expectedVersion}`,
        { id: campaign.id, version },
      );
    }
    try {
      const row =
        current === undefined
          ? await tx.get<CampaignRow>(
              `INSERT INTO campaigns (tenant_id, id, client_id, config, state, version, created_at, updated_at)
               VALUES (?, ?, ?, ?, 'stopped', 1, ?, ?) RETURNING ${COLUMNS}`,
              [tenantId, campaign.id, campaign.clientId, config, at, at],
            )
          : await tx.get<CampaignRow>(
              `UPDATE campaigns SET client_id = ?, config = ?, version = version + 1, updated_at = ?
               WHERE tenant_id = ? AND id = ? RETURNING ${COLUMNS}`,
              [campaign.clientId, config, at, tenantId, campaign.id],
            );
      if (row === undefined) throw new Error('campaign write returned no row');
      return toRecord<T>(row);
    } catch (error) {
      if (isViolation(error, 'foreignKey')) {
        throw new StoreError('UnknownTenant', `no tenant ${tenantId}`, { tenantId });
      }
      throw error;
    }
  });
}

export async function setCampaignState(
  { db, now }: StoreContext,
  tenantId: string,
  id: string,
  state: CampaignRunState,
): Promise<CampaignRecord | undefined> {
  const row = await db.get<CampaignRow>(
    `UPDATE campaigns SET state = ?, updated_at = ? WHERE tenant_id = ? AND id = ? RETURNING ${COLUMNS}`,
    [state, isoTime(now()), tenantId, id],
  );
  return row && toRecord(row);
}

export async function deleteCampaign(
  { db }: StoreContext,
  tenantId: string,
  id: string,
): Promise<boolean> {
  // Lists, leads, rejections and callbacks go by cascade; attempts stay (the number's history).
  return forTenant(tenantId, async () =>
    db.transaction(async (tx) => {
      await tx.run('DELETE FROM lead_callbacks WHERE tenant_id = ? AND campaign_id = ?', [
        tenantId,
        id,
      ]);
      await tx.run('DELETE FROM leads WHERE tenant_id = ? AND campaign_id = ?', [tenantId, id]);
      return (
        (await tx.run('DELETE FROM campaigns WHERE tenant_id = ? AND id = ?', [tenantId, id])) > 0
      );
    }),
  );
}
