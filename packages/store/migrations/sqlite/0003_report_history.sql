-- Imported call history (issue 6): report rows of the same shape as report_rows, kept apart so
-- that rebuilding the projection from the log leaves them alone. Reports read both. An import
-- replaces the rows of its queues over the period it covers.
CREATE TABLE report_history (
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

CREATE INDEX report_history_by_time ON report_history (tenant_id, dimension, bucket_ms);
