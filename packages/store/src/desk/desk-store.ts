// What the agent desktop keeps beside the log: an agent's note on a contact, and the contacts of
// each customer of a client (the customer's history shown with an offer).
import type { ContactNote, CustomerContact, CustomerContactQuery } from '../port.ts';
import type { StoreContext } from '../sql/context.ts';
import { forTenant } from '../sql/store-errors.ts';
import { isoTime, pageSize } from '../sql/values.ts';

interface NoteRow {
  contact_id: string;
  text: string;
  author: string;
  updated_at: string | Date;
}

export async function getContactNote(
  { db }: StoreContext,
  tenantId: string,
  contactId: string,
): Promise<ContactNote | undefined> {
  const row = await db.get<NoteRow>(
    'SELECT contact_id, text, author, updated_at FROM contact_notes WHERE tenant_id = ? AND contact_id = ?',
    [tenantId, contactId],
  );
  return (
    row && {
      contactId: row.contact_id,
      text: row.text,
      author: row.author,
      updatedAt: isoTime(row.updated_at),
    }
  );
}

export async function putContactNote(
  { db, now }: StoreContext,
  tenantId: string,
  note: Omit<ContactNote, 'updatedAt'>,
): Promise<ContactNote> {
  const saved: ContactNote = { ...note, updatedAt: isoTime(now()) };
  await forTenant(tenantId, () =>
    db.run(
      `INSERT INTO contact_notes (tenant_id, contact_id, text, author, updated_at)
       VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (tenant_id, contact_id)
       DO UPDATE SET text = excluded.text, author = excluded.author, updated_at = excluded.updated_at`,
      [tenantId, note.contactId, note.text, note.author, saved.updatedAt],
    ),
  );
  return saved;
}

export async function addCustomerContact(
  { db }: StoreContext,
  tenantId: string,
  link: CustomerContact & { clientId: string; customerKey: string },
): Promise<void> {
  await forTenant(tenantId, () =>
    db.run(
      `INSERT INTO customer_contacts (tenant_id, client_id, customer_key, contact_id, at_ms)
       VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (tenant_id, client_id, customer_key, contact_id) DO NOTHING`,
      [tenantId, link.clientId, link.customerKey, link.contactId, link.atMs],
    ),
  );
}

export async function customerContacts(
  { db }: StoreContext,
  tenantId: string,
  query: CustomerContactQuery,
): Promise<CustomerContact[]> {
  const rows = await db.all<{ contact_id: string; at_ms: number | string }>(
    `SELECT contact_id, at_ms FROM customer_contacts
     WHERE tenant_id = ? AND client_id = ? AND customer_key = ?
     ORDER BY at_ms DESC, contact_id DESC LIMIT ?`,
    [tenantId, query.clientId, query.customerKey, pageSize(query.limit, 20, 100)],
  );
  return rows.map((row) => ({ contactId: row.contact_id, atMs: Number(row.at_ms) }));
}

export async function setUserLocale(
  { db }: StoreContext,
  tenantId: string,
  userId: string,
  locale: string | null,
): Promise<boolean> {
  return (
    (await db.run('UPDATE users SET locale = ? WHERE tenant_id = ? AND id = ?', [
      locale,
      tenantId,
      userId,
    ])) > 0
  );
}
