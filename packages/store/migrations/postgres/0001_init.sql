-- Relais storage, first version (PostgreSQL). JSON is kept as text, not jsonb, so the log
-- reads back byte for byte (jsonb reorders keys). Every tenant table leads with tenant_id.
CREATE TABLE tenants (
  id text PRIMARY KEY,
  name text NOT NULL,
  created_at timestamptz NOT NULL
);
-- Configuration: one table per kind; data is the entity's JSON, version counts its writes.
CREATE TABLE sites (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id text NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  data text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE TABLE clients (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id text NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  data text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE TABLE skills (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id text NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  data text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE TABLE queues (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id text NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  data text NOT NULL,
  -- data.clientId, copied for scoped reads.
  client_id text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX queues_client_id ON queues (tenant_id, client_id) WHERE client_id IS NOT NULL;
CREATE TABLE agents (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id text NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  data text NOT NULL,
  -- data.siteId, copied for scoped reads.
  site_id text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX agents_site_id ON agents (tenant_id, site_id) WHERE site_id IS NOT NULL;
CREATE TABLE pause_codes (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id text NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  data text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE TABLE dispositions (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id text NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  data text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE TABLE webhooks (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id text NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  data text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);

-- Usernames are unique across tenants: logging in names no tenant.
CREATE TABLE users (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id text NOT NULL,
  username text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'supervisor', 'planner', 'agent', 'clientViewer')),
  scope text NOT NULL,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);

-- A session belongs to a user of its own tenant: the composite key forbids a cross-tenant pair.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  tenant_id text NOT NULL,
  user_id text NOT NULL,
  csrf_token text NOT NULL,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL,
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX sessions_user ON sessions (tenant_id, user_id);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

-- Looked up by id alone (the id is part of the key the client sends).
CREATE TABLE api_keys (
  id text PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  name text NOT NULL,
  secret_hash text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin', 'supervisor', 'planner', 'agent', 'clientViewer')),
  scope text NOT NULL,
  created_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX api_keys_tenant ON api_keys (tenant_id, id);

-- The command log: replaying it rebuilds the engine. command is the JSON text as accepted.
CREATE TABLE commands (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  seq bigint NOT NULL,
  at_ms bigint NOT NULL,
  command text NOT NULL,
  PRIMARY KEY (tenant_id, seq)
);

-- The event log, with the ids events concern in columns for filtered reads.
CREATE TABLE events (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  seq bigint NOT NULL,
  at_ms bigint NOT NULL,
  type text NOT NULL,
  body text NOT NULL,
  contact_id text,
  agent_id text,
  queue_id text,
  site_id text,
  client_id text,
  PRIMARY KEY (tenant_id, seq)
);
CREATE INDEX events_type ON events (tenant_id, type, seq);
CREATE INDEX events_contact_id ON events (tenant_id, contact_id, seq) WHERE contact_id IS NOT NULL;
CREATE INDEX events_agent_id ON events (tenant_id, agent_id, seq) WHERE agent_id IS NOT NULL;
CREATE INDEX events_queue_id ON events (tenant_id, queue_id, seq) WHERE queue_id IS NOT NULL;
CREATE INDEX events_site_id ON events (tenant_id, site_id, seq) WHERE site_id IS NOT NULL;
CREATE INDEX events_client_id ON events (tenant_id, client_id, seq) WHERE client_id IS NOT NULL;

-- Answers to requests sent with an Idempotency-Key, written in the same commit as their commands.
CREATE TABLE idempotency_keys (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  key text NOT NULL,
  request_hash text NOT NULL,
  status integer NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, key)
);

CREATE TABLE snapshots (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  command_seq bigint NOT NULL,
  event_seq bigint NOT NULL,
  at_ms bigint NOT NULL,
  state text NOT NULL,
  PRIMARY KEY (tenant_id, command_seq)
);

-- Ids only grow (never reused), so listing after an id pages safely.
CREATE TABLE audit_log (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  action text NOT NULL,
  target text NOT NULL,
  details text NOT NULL
);
CREATE INDEX audit_log_tenant ON audit_log (tenant_id, id);

CREATE TABLE webhook_deliveries (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  webhook_id text NOT NULL,
  event_seq bigint NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  next_attempt_at timestamptz NOT NULL,
  last_status_code integer,
  last_error text,
  updated_at timestamptz NOT NULL,
  UNIQUE (tenant_id, webhook_id, event_seq)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (tenant_id, status, next_attempt_at, id);
