-- Outbound campaigns (issue 8): campaigns, lead lists and their leads, every attempt (the history
-- the compliance gate reads across the tenant), suppression lists and scheduled callbacks.

-- A campaign's settings (the API's Campaign, JSON) and its state.
CREATE TABLE campaigns (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id text NOT NULL,
  client_id text NOT NULL,
  config text NOT NULL,
  state text NOT NULL CHECK (state IN ('stopped', 'running', 'paused')),
  version int NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);

-- One imported file: where it came from and why it may be used (loi 09-08), who, when, counts.
CREATE TABLE lead_lists (
  tenant_id text NOT NULL,
  id text NOT NULL,
  campaign_id text NOT NULL,
  name text NOT NULL,
  origin text NOT NULL,
  legal_basis text NOT NULL CHECK (legal_basis IN ('consent', 'contract', 'legitimate-interest')),
  imported_at timestamptz NOT NULL,
  imported_by text NOT NULL,
  row_count int NOT NULL,
  imported int NOT NULL,
  merged int NOT NULL,
  rejected int NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, campaign_id) REFERENCES campaigns (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX lead_lists_campaign ON lead_lists (tenant_id, campaign_id);

-- Every rejected row of a list with its reasons (JSON), for the downloadable report.
CREATE TABLE lead_list_rejections (
  tenant_id text NOT NULL,
  list_id text NOT NULL,
  line int NOT NULL,
  errors text NOT NULL,
  PRIMARY KEY (tenant_id, list_id, line),
  FOREIGN KEY (tenant_id, list_id) REFERENCES lead_lists (tenant_id, id) ON DELETE CASCADE
);

-- A number to call for a campaign, normalised (E.164, zone, holiday calendar), with its consent
-- record, its state and the gate's last answer (blocked_by, dialable_at_ms: a cache).
CREATE TABLE leads (
  tenant_id text NOT NULL,
  id text NOT NULL,
  campaign_id text NOT NULL,
  list_id text NOT NULL,
  phone_e164 text NOT NULL,
  country text NOT NULL,
  time_zone text NOT NULL,
  holiday_country text NOT NULL,
  holiday_subdivision text,
  consent_given_at_ms bigint,
  consent_proof text,
  consent_covers_hours int,
  contract_relation int,
  first_name text,
  last_name text,
  attributes text,
  state text NOT NULL CHECK (state IN ('new', 'scheduled', 'callback', 'dialing', 'connected', 'done')),
  attempts int NOT NULL DEFAULT 0,
  next_at_ms bigint,
  last_outcome text,
  blocked_by text,
  dialable_at_ms bigint,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, list_id) REFERENCES lead_lists (tenant_id, id) ON DELETE CASCADE
);
-- Duplicates are merged: one lead per number per campaign.
CREATE UNIQUE INDEX leads_number ON leads (tenant_id, campaign_id, phone_e164);
-- "The next leads to dial": a campaign's leads by state, earliest next attempt first.
CREATE INDEX leads_next ON leads (tenant_id, campaign_id, state, next_at_ms);

-- Every call attempt, kept when its campaign or lead goes: the gate counts a number's attempts and
-- refusals per client across the tenant (D.223-9), so they are found by number.
CREATE TABLE lead_attempts (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id bigserial PRIMARY KEY,
  lead_id text NOT NULL,
  campaign_id text NOT NULL,
  client_id text NOT NULL,
  phone_e164 text NOT NULL,
  at_ms bigint NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('answered', 'abandoned', 'noAnswer', 'busy', 'answeringMachine', 'wrongNumber', 'failed')),
  disposition_id text,
  -- The disposition's flag when it was recorded (refusal, doNotCall … read by the gate).
  flag text,
  agent_id text,
  ring_seconds double precision,
  talk_seconds double precision,
  note text
);
CREATE INDEX lead_attempts_number ON lead_attempts (tenant_id, phone_e164, at_ms);
CREATE INDEX lead_attempts_lead ON lead_attempts (tenant_id, lead_id, at_ms);
CREATE INDEX lead_attempts_campaign ON lead_attempts (tenant_id, campaign_id, at_ms);

-- Opposition / suppression lists, replaced whole with their scrub date.
CREATE TABLE suppression_lists (
  tenant_id text NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
  id text NOT NULL,
  name text NOT NULL,
  scrubbed_at timestamptz NOT NULL,
  numbers int NOT NULL,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE TABLE suppression_numbers (
  tenant_id text NOT NULL,
  list_id text NOT NULL,
  phone_e164 text NOT NULL,
  PRIMARY KEY (tenant_id, list_id, phone_e164),
  FOREIGN KEY (tenant_id, list_id) REFERENCES suppression_lists (tenant_id, id) ON DELETE CASCADE
);

-- A callback promised to a lead, owned by an agent or by the campaign (agent_id NULL).
CREATE TABLE lead_callbacks (
  tenant_id text NOT NULL,
  id bigserial PRIMARY KEY,
  lead_id text NOT NULL,
  campaign_id text NOT NULL,
  at_ms bigint NOT NULL,
  agent_id text,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  FOREIGN KEY (tenant_id, lead_id) REFERENCES leads (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX lead_callbacks_due ON lead_callbacks (tenant_id, campaign_id, at_ms);
