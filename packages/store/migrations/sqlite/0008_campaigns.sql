-- Outbound campaigns (issue 8): campaigns, lead lists and their leads, every attempt (the history
-- the compliance gate reads across the tenant), suppression lists and scheduled callbacks.

-- A campaign's settings (the API's Campaign, JSON) and its state.
CREATE TABLE campaigns (
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  client_id TEXT NOT NULL,
  config TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('stopped', 'running', 'paused')),
  version INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id)
) STRICT;

-- One imported file: where it came from and why it may be used (loi 09-08), who, when, counts.
CREATE TABLE lead_lists (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  campaign_id TEXT NOT NULL,
  name TEXT NOT NULL,
  origin TEXT NOT NULL,
  legal_basis TEXT NOT NULL CHECK (legal_basis IN ('consent', 'contract', 'legitimate-interest')),
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  row_count INTEGER NOT NULL,
  imported INTEGER NOT NULL,
  merged INTEGER NOT NULL,
  rejected INTEGER NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, campaign_id) REFERENCES campaigns (tenant_id, id) ON DELETE CASCADE
) STRICT;
CREATE INDEX lead_lists_campaign ON lead_lists (tenant_id, campaign_id);

-- Every rejected row of a list with its reasons (JSON), for the downloadable report.
CREATE TABLE lead_list_rejections (
  tenant_id TEXT NOT NULL,
  list_id TEXT NOT NULL,
  line INTEGER NOT NULL,
  errors TEXT NOT NULL,
  PRIMARY KEY (tenant_id, list_id, line),
  FOREIGN KEY (tenant_id, list_id) REFERENCES lead_lists (tenant_id, id) ON DELETE CASCADE
) STRICT;

-- A number to call for a campaign, normalised (E.164, zone, holiday calendar), with its consent
-- record, its state and the gate's last answer (blocked_by, dialable_at_ms: a cache). Without a
-- rowid: the key is the only tree besides the two indexes (a million-row list inserts faster).
CREATE TABLE leads (
  tenant_id TEXT NOT NULL,
  id TEXT NOT NULL,
  campaign_id TEXT NOT NULL,
  list_id TEXT NOT NULL,
  phone_e164 TEXT NOT NULL,
  country TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  holiday_country TEXT NOT NULL,
  holiday_subdivision TEXT,
  consent_given_at_ms INTEGER,
  consent_proof TEXT,
  consent_covers_hours INTEGER,
  contract_relation INTEGER,
  first_name TEXT,
  last_name TEXT,
  attributes TEXT,
  state TEXT NOT NULL CHECK (state IN ('new', 'scheduled', 'callback', 'dialing', 'connected', 'done')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_at_ms INTEGER,
  last_outcome TEXT,
  blocked_by TEXT,
  dialable_at_ms INTEGER,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, list_id) REFERENCES lead_lists (tenant_id, id) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
-- Duplicates are merged: one lead per number per campaign.
CREATE UNIQUE INDEX leads_number ON leads (tenant_id, campaign_id, phone_e164);
-- "The next leads to dial": a campaign's leads by state, earliest next attempt first.
CREATE INDEX leads_next ON leads (tenant_id, campaign_id, state, next_at_ms);

-- Every call attempt, kept when its campaign or lead goes: the gate counts a number's attempts and
-- refusals per client across the tenant (D.223-9), so they are found by number.
CREATE TABLE lead_attempts (
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id INTEGER PRIMARY KEY,
  lead_id TEXT NOT NULL,
  campaign_id TEXT NOT NULL,
  client_id TEXT NOT NULL,
  phone_e164 TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('answered', 'abandoned', 'noAnswer', 'busy', 'answeringMachine', 'wrongNumber', 'failed')),
  disposition_id TEXT,
  -- The disposition's flag when it was recorded (refusal, doNotCall … read by the gate).
  flag TEXT,
  agent_id TEXT,
  ring_seconds REAL,
  talk_seconds REAL,
  note TEXT
) STRICT;
CREATE INDEX lead_attempts_number ON lead_attempts (tenant_id, phone_e164, at_ms);
CREATE INDEX lead_attempts_lead ON lead_attempts (tenant_id, lead_id, at_ms);
CREATE INDEX lead_attempts_campaign ON lead_attempts (tenant_id, campaign_id, at_ms);

-- Opposition / suppression lists, replaced whole with their scrub date.
CREATE TABLE suppression_lists (
  tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  scrubbed_at TEXT NOT NULL,
  numbers INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (tenant_id, id)
) STRICT;
CREATE TABLE suppression_numbers (
  tenant_id TEXT NOT NULL,
  list_id TEXT NOT NULL,
  phone_e164 TEXT NOT NULL,
  PRIMARY KEY (tenant_id, list_id, phone_e164),
  FOREIGN KEY (tenant_id, list_id) REFERENCES suppression_lists (tenant_id, id) ON DELETE CASCADE
) STRICT;

-- A callback promised to a lead, owned by an agent or by the campaign (agent_id NULL).
CREATE TABLE lead_callbacks (
  tenant_id TEXT NOT NULL,
  id INTEGER PRIMARY KEY,
  lead_id TEXT NOT NULL,
  campaign_id TEXT NOT NULL,
  at_ms INTEGER NOT NULL,
  agent_id TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  FOREIGN KEY (tenant_id, lead_id) REFERENCES leads (tenant_id, id) ON DELETE CASCADE
) STRICT;
CREATE INDEX lead_callbacks_due ON lead_callbacks (tenant_id, campaign_id, at_ms);
