-- Relais storage, first version (SQLite). Times are ISO-8601 UTC text, which sorts as time;
-- JSON is kept as text, exactly as written. Every tenant table leads with tenant_id.
CREATE TABLE tenants (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
-- Configuration: one table per kind; data is the entity's JSON, version counts its writes.
CREATE TABLE sites (
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version > 0),
  data TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id)
) STRICT, WITHOUT ROWID;
CREATE TABLE clients (
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version > 0),
  data TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id)
) STRICT, WITHOUT ROWID;
CREATE TABLE skills (
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version > 0),
  data TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id)
) STRICT, WITHOUT ROWID;
CREATE TABLE queues (
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version > 0),
  data TEXT NOT NULL,
  -- data.clientId, copied for scoped reads.
  client_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id)
) STRICT, WITHOUT ROWID;
CREATE INDEX queues_client_id ON queues (tenant_id, client_id) WHERE client_id IS NOT NULL;
CREATE TABLE agents (
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version > 0),
  data TEXT NOT NULL,
  -- data.siteId, copied for scoped reads.
  site_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id)
) STRICT, WITHOUT ROWID;
CREATE INDEX agents_site_id ON agents (tenant_id, site_id) WHERE site_id IS NOT NULL;
CREATE TABLE pause_codes (
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version > 0),
  data TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id)
) STRICT, WITHOUT ROWID;
CREATE TABLE dispositions (
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version > 0),
  data TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id)
) STRICT, WITHOUT ROWID;
CREATE TABLE webhooks (
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  version INTEGER NOT NULL CHECK (version > 0),
  data TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id)
) STRICT, WITHOUT ROWID;

-- Usernames are unique across tenants: logging in names no tenant.
CREATE TABLE users (
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'supervisor', 'planner', 'agent', 'clientViewer')),
  scope TEXT NOT NULL,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  created_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id)
) STRICT;

-- A session belongs to a user of its own tenant: the composite key forbids a cross-tenant pair.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  csrf_token TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
) STRICT;
CREATE INDEX sessions_user ON sessions (tenant_id, user_id);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

-- Looked up by id alone (the id is part of the key the client sends).
CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  secret_hash TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'supervisor', 'planner', 'agent', 'clientViewer')),
  scope TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT
) STRICT;
CREATE INDEX api_keys_tenant ON api_keys (tenant_id, id);

-- The command log: replaying it rebuilds the engine. command is the JSON text as accepted.
CREATE TABLE commands (
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  at_ms INTEGER NOT NULL,
  command TEXT NOT NULL,
  PRIMARY KEY (tenant_id, seq)
) STRICT, WITHOUT ROWID;

-- The event log, with the ids events concern in columns for filtered reads.
CREATE TABLE events (
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  at_ms INTEGER NOT NULL,
  type TEXT NOT NULL,
  body TEXT NOT NULL,
  contact_id TEXT,
  agent_id TEXT,
  queue_id TEXT,
  site_id TEXT,
  client_id TEXT,
  PRIMARY KEY (tenant_id, seq)
) STRICT, WITHOUT ROWID;
CREATE INDEX events_type ON events (tenant_id, type, seq);
CREATE INDEX events_contact_id ON events (tenant_id, contact_id, seq) WHERE contact_id IS NOT NULL;
CREATE INDEX events_agent_id ON events (tenant_id, agent_id, seq) WHERE agent_id IS NOT NULL;
CREATE INDEX events_queue_id ON events (tenant_id, queue_id, seq) WHERE queue_id IS NOT NULL;
CREATE INDEX events_site_id ON events (tenant_id, site_id, seq) WHERE site_id IS NOT NULL;
CREATE INDEX events_client_id ON events (tenant_id, client_id, seq) WHERE client_id IS NOT NULL;

-- Answers to requests sent with an Idempotency-Key, written in the same commit as their commands.
CREATE TABLE idempotency_keys (
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, key)
) STRICT, WITHOUT ROWID;

CREATE TABLE snapshots (
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  command_seq INTEGER NOT NULL,
  event_seq INTEGER NOT NULL,
  at_ms INTEGER NOT NULL,
  state TEXT NOT NULL,
  PRIMARY KEY (tenant_id, command_seq)
) STRICT;

-- Ids only grow (never reused), so listing after an id pages safely.
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT NOT NULL,
  details TEXT NOT NULL
) STRICT;
CREATE INDEX audit_log_tenant ON audit_log (tenant_id, id);

CREATE TABLE webhook_deliveries (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  webhook_id TEXT NOT NULL,
  event_seq INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  next_attempt_at TEXT NOT NULL,
  last_status_code INTEGER,
  last_error TEXT,
  updated_at TEXT NOT NULL,
  UNIQUE (tenant_id, webhook_id, event_seq)
) STRICT;
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (tenant_id, status, next_attempt_at, id);
