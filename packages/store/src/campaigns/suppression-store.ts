// Opposition / suppression lists: replaced whole, with the date they were scrubbed.
import type { SuppressionListRecord } from '../port.ts';
import type { StoreContext } from '../sql/context.ts';
import { forTenant } from '../sql/store-errors.ts';
import { isoTime } from '../sql/values.ts';

interface ListRow {
  id: string;
  name: string;
  scrubbed_at: string | Date;
  numbers: number | string;
  updated_at: string | Date;
}

const toList = (row: ListRow): SuppressionListRecord => ({
  id: row.id,
  name: row.name,
  scrubbedAt: isoTime(row.scrubbed_at),
  numbers: Number(row.numbers),
  updatedAt: isoTime(row.updated_at),
});

const NUMBER_CHUNK = 10_000;

export async function putSuppressionList(
  { db, now }: StoreContext,
  tenantId: string,
  list: { id: string; name: string; scrubbedAt: string },
  numbers: readonly string[],
): Promise<SuppressionListRecord> {
  const unique = [...new Set(numbers)];
  const at = isoTime(now());
  return forTenant(tenantId, () =>
    db.transaction(async (tx) => {
      const row = await tx.get<ListRow>(
        `INSERT INTO suppression_lists (tenant_id, id, name, scrubbed_at, numbers, updated_at)
         VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (tenant_id, id) DO UPDATE SET name = excluded.name,
           scrubbed_at = excluded.scrubbed_at, numbers = excluded.numbers, updated_at = excluded.updated_at
         RETURNING id, name, scrubbed_at, numbers, updated_at`,
        [tenantId, list.id, list.name, isoTime(list.scrubbedAt), unique.length, at],
      );
      if (row === undefined) throw new Error('INSERT … RETURNING returned no row');
      await tx.run('DELETE FROM suppression_numbers WHERE tenant_id = ? AND list_id = ?', [
        tenantId,
        list.id,
      ]);
      for (let start = 0; start < unique.length; start += NUMBER_CHUNK) {
        await tx.insertMany(
          'suppression_numbers',
          ['tenant_id', 'list_id', 'phone_e164'],
          unique.slice(start, start + NUMBER_CHUNK).map((number) => [tenantId, list.id, number]),
        );
      }
      return toList(row);
    }),
  );
}

export async function listSuppressionLists(
  { db }: StoreContext,
  tenantId: string,
): Promise<SuppressionListRecord[]> {
  const rows = await db.all<ListRow>(
    'SELECT id, name, scrubbed_at, numbers, updated_at FROM suppression_lists WHERE tenant_id = ? ORDER BY id',
    [tenantId],
  );
  return rows.map(toList);
}

export async function suppressionNumbers(
  { db }: StoreContext,
  tenantId: string,
  listId: string,
): Promise<string[]> {
  const rows = await db.all<{ phone_e164: string }>(
    'SELECT phone_e164 FROM suppression_numbers WHERE tenant_id = ? AND list_id = ? ORDER BY phone_e164',
    [tenantId, listId],
  );
  return rows.map((row) => row.phone_e164);
}
