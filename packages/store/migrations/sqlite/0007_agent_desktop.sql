-- The agent desktop (issue 7): each user's language, an agent's notes on a contact, and the
-- contacts of each customer of a client, for the customer's history beside an offer.

-- 'fr' or 'en'; NULL until the user chooses (the app then follows the browser).
ALTER TABLE users ADD COLUMN locale TEXT CHECK (locale IN ('fr', 'en'));

-- One note per contact, written by whoever handles it; a transfer's next agent reads it.
CREATE TABLE contact_notes (
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  contact_id TEXT NOT NULL,
  text TEXT NOT NULL,
  author TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, contact_id)
) STRICT;

-- A customer's contacts with one client (its own key: a customer id attribute or the number to
-- call back), newest read first. Written as a contact is created, before its command.
CREATE TABLE customer_contacts (
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  client_id TEXT NOT NULL,
  customer_key TEXT NOT NULL,
  contact_id TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, client_id, customer_key, contact_id)
) STRICT;
CREATE INDEX customer_contacts_recent ON customer_contacts (tenant_id, client_id, customer_key, at_ms);
