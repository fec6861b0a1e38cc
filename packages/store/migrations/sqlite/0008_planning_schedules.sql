-- The schedules planners enter (issue 7's planning page): positions per interval for one queue
-- and local day, kept across restarts. `intervals` is the JSON list of { start, positions }.
CREATE TABLE planning_schedules (
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  queue_id TEXT NOT NULL,
  day TEXT NOT NULL,
  interval_minutes INTEGER NOT NULL,
  intervals TEXT NOT NULL,
  entered_by TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, queue_id, day)
) STRICT;
