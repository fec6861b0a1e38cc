-- The schedules planners enter (issue 7's planning page): positions per interval for one queue
-- and local day, kept across restarts. `intervals` is the JSON list of { start, positions }.
CREATE TABLE planning_schedules (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  queue_id text NOT NULL,
  day text NOT NULL,
  interval_minutes integer NOT NULL,
  intervals text NOT NULL,
  entered_by text NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, queue_id, day)
);
