-- Reports (issue 6): the interval projection of the event log, in 15-minute buckets of UTC
-- time (bucket_ms = the bucket's start). Every counter is a sum except max_wait_ms, a maximum;
-- flushes add to these rows. report_state is what the projection remembers between flushes
-- (contacts and agents in progress) and the last event it has applied: the rows and the state
-- are written in one transaction.
CREATE TABLE report_rows (
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  dimension TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  bucket_ms INTEGER NOT NULL,
  offered REAL NOT NULL DEFAULT 0,
  answered REAL NOT NULL DEFAULT 0,
  answered_within REAL NOT NULL DEFAULT 0,
  abandoned REAL NOT NULL DEFAULT 0,
  abandoned_short REAL NOT NULL DEFAULT 0,
  abandoned_within REAL NOT NULL DEFAULT 0,
  wait_answered_ms REAL NOT NULL DEFAULT 0,
  wait_abandoned_ms REAL NOT NULL DEFAULT 0,
  max_wait_ms REAL NOT NULL DEFAULT 0,
  transferred REAL NOT NULL DEFAULT 0,
  overflowed REAL NOT NULL DEFAULT 0,
  blocked REAL NOT NULL DEFAULT 0,
  expired REAL NOT NULL DEFAULT 0,
  cancelled REAL NOT NULL DEFAULT 0,
  callbacks REAL NOT NULL DEFAULT 0,
  handled REAL NOT NULL DEFAULT 0,
  talk_ms REAL NOT NULL DEFAULT 0,
  hold_ms REAL NOT NULL DEFAULT 0,
  wrap_ms REAL NOT NULL DEFAULT 0,
  logged_in_ms REAL NOT NULL DEFAULT 0,
  available_ms REAL NOT NULL DEFAULT 0,
  reserved_ms REAL NOT NULL DEFAULT 0,
  busy_ms REAL NOT NULL DEFAULT 0,
  wrap_up_ms REAL NOT NULL DEFAULT 0,
  paused_ms REAL NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, dimension, entity_id, bucket_ms)
) STRICT;

-- Reports read a time range of one dimension, for all entities or a few.
CREATE INDEX report_rows_by_time ON report_rows (tenant_id, dimension, bucket_ms);

CREATE TABLE report_pauses (
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  agent_id TEXT NOT NULL,
  site_id TEXT,
  code TEXT NOT NULL,
  bucket_ms INTEGER NOT NULL,
  ms REAL NOT NULL,
  PRIMARY KEY (tenant_id, agent_id, code, bucket_ms)
) STRICT;

CREATE INDEX report_pauses_by_time ON report_pauses (tenant_id, bucket_ms);

CREATE TABLE report_state (
  tenant_id TEXT PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  last_seq INTEGER NOT NULL,
  state TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
