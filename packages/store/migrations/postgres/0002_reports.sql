-- Reports (issue 6): the interval projection of the event log, in 15-minute buckets of UTC
-- time (bucket_ms = the bucket's start). Every counter is a sum except max_wait_ms, a maximum;
-- flushes add to these rows. report_state is what the projection remembers between flushes
-- (contacts and agents in progress) and the last event it has applied: the rows and the state
-- are written in one transaction.
CREATE TABLE report_rows (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  dimension text NOT NULL,
  entity_id text NOT NULL,
  bucket_ms bigint NOT NULL,
  offered double precision NOT NULL DEFAULT 0,
  answered double precision NOT NULL DEFAULT 0,
  answered_within double precision NOT NULL DEFAULT 0,
  abandoned double precision NOT NULL DEFAULT 0,
  abandoned_short double precision NOT NULL DEFAULT 0,
  abandoned_within double precision NOT NULL DEFAULT 0,
  wait_answered_ms double precision NOT NULL DEFAULT 0,
  wait_abandoned_ms double precision NOT NULL DEFAULT 0,
  max_wait_ms double precision NOT NULL DEFAULT 0,
  transferred double precision NOT NULL DEFAULT 0,
  overflowed double precision NOT NULL DEFAULT 0,
  blocked double precision NOT NULL DEFAULT 0,
  expired double precision NOT NULL DEFAULT 0,
  cancelled double precision NOT NULL DEFAULT 0,
  callbacks double precision NOT NULL DEFAULT 0,
  handled double precision NOT NULL DEFAULT 0,
  talk_ms double precision NOT NULL DEFAULT 0,
  hold_ms double precision NOT NULL DEFAULT 0,
  wrap_ms double precision NOT NULL DEFAULT 0,
  logged_in_ms double precision NOT NULL DEFAULT 0,
  available_ms double precision NOT NULL DEFAULT 0,
  reserved_ms double precision NOT NULL DEFAULT 0,
  busy_ms double precision NOT NULL DEFAULT 0,
  wrap_up_ms double precision NOT NULL DEFAULT 0,
  paused_ms double precision NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, dimension, entity_id, bucket_ms)
);

-- Reports read a time range of one dimension, for all entities or a few.
CREATE INDEX report_rows_by_time ON report_rows (tenant_id, dimension, bucket_ms);

CREATE TABLE report_pauses (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  agent_id text NOT NULL,
  site_id text,
  code text NOT NULL,
  bucket_ms bigint NOT NULL,
  ms double precision NOT NULL,
  PRIMARY KEY (tenant_id, agent_id, code, bucket_ms)
);

CREATE INDEX report_pauses_by_time ON report_pauses (tenant_id, bucket_ms);

CREATE TABLE report_state (
  tenant_id text PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
  last_seq bigint NOT NULL,
  state text NOT NULL,
  updated_at text NOT NULL
);
