-- Imported call history (issue 6): report rows of the same shape as report_rows, kept apart so
-- that rebuilding the projection from the log leaves them alone. Reports read both. An import
-- replaces the rows of its queues over the period it covers.
CREATE TABLE report_history (
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

CREATE INDEX report_history_by_time ON report_history (tenant_id, dimension, bucket_ms);
