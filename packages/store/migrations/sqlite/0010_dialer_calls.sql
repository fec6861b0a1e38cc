-- The live dialer (issue 8): an attempt carries the dialer's call id (the engine contact id), so
-- the agent's disposition lands on its attempt and the desk finds the call's attempt.
ALTER TABLE lead_attempts ADD COLUMN call_id TEXT;
CREATE INDEX lead_attempts_call ON lead_attempts (tenant_id, call_id) WHERE call_id IS NOT NULL;
