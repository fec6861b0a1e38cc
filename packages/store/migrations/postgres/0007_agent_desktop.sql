-- The agent desktop (issue 7): each user's language, an agent's notes on a contact, and the
-- contacts of each customer of a client, for the customer's history beside an offer.

-- 'fr' or 'en'; NULL until the user chooses (the app then follows the browser).
ALTER TABLE users ADD COLUMN locale text CHECK (locale IN ('fr', 'en'));

-- One note per contact, written by whoever handles it; a transfer's next agent reads it.
CREATE TABLE contact_notes (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  contact_id text NOT NULL,
  text text NOT NULL,
  author text NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, contact_id)
);

-- A customer's contacts with one client (its own key: a customer id attribute or the number to
-- call back), newest read first. Written as a contact is created, before its command.
CREATE TABLE customer_contacts (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  client_id text NOT NULL,
  customer_key text NOT NULL,
  contact_id text NOT NULL,
  at_ms bigint NOT NULL,
  PRIMARY KEY (tenant_id, client_id, customer_key, contact_id)
);
CREATE INDEX customer_contacts_recent ON customer_contacts (tenant_id, client_id, customer_key, at_ms);
