// The storage port: everything the server keeps, behind one interface with two adapters
// (SQLite, the embedded default, and PostgreSQL). Every method that touches tenant data takes
// the tenant id and every query is scoped by it: tenant isolation is enforced here, not only
// in the HTTP layer. Times are ISO-8601 strings; the adapters return them in the form of
// `Date#toISOString()` (UTC, milliseconds), whatever form they were given in.

/** Kinds of configuration, each kept in its own table. */
export const CONFIG_KINDS = [
  'site',
  'client',
  'skill',
  'queue',
  'agent',
  'pauseCode',
  'disposition',
  'webhook',
] as const;
export type ConfigKind = (typeof CONFIG_KINDS)[number];

export interface Tenant {
  id: string;
  name: string;
  createdAt: string;
}

/** One configuration row. `data` is the entity as the API defines it; `version` starts at 1. */
export interface ConfigRecord<T = unknown> {
  id: string;
  version: number;
  data: T;
  createdAt: string;
  updatedAt: string;
}

export interface PageOptions {
  /** Return rows whose id sorts after this one. */
  after?: string;
  /** At most this many rows (the adapter caps it at 1000). */
  limit?: number;
}

export interface PutOptions {
  /** Optimistic concurrency: fail with `VersionConflict` unless the stored version is this (0 = must not exist). */
  expectedVersion?: number;
}

export type Role = 'admin' | 'supervisor' | 'planner' | 'agent' | 'clientViewer';
export const ROLES: readonly Role[] = ['admin', 'supervisor', 'planner', 'agent', 'clientViewer'];

/** What a principal may see: supervisors their sites, agents themselves, client viewers one client. */
export interface Scope {
  siteIds?: string[];
  agentId?: string;
  clientId?: string;
}

export interface User {
  id: string;
  tenantId: string;
  /** Unique across tenants: logging in names no tenant. */
  username: string;
  passwordHash: string;
  role: Role;
  scope: Scope;
  failedLogins: number;
  /** ISO time until which logins are refused, after too many failures. */
  lockedUntil?: string;
  /** The language the user chose for the app ('fr' or 'en'); absent until they choose. */
  locale?: string;
  createdAt: string;
}

export interface NewUser {
  id: string;
  tenantId: string;
  username: string;
  passwordHash: string;
  role: Role;
  scope: Scope;
}

export interface Session {
  /** SHA-256 of the cookie token; the token itself is never stored. */
  tokenHash: string;
  userId: string;
  tenantId: string;
  csrfToken: string;
  expiresAt: string;
  createdAt: string;
}

export interface ApiKey {
  id: string;
  tenantId: string;
  name: string;
  /** Hash of the secret part; the key is shown once, at creation. */
  secretHash: string;
  role: Role;
  scope: Scope;
  createdAt: string;
  revokedAt?: string;
}

/** A command as accepted, in order; replaying them rebuilds the engine (ARCHITECTURE). */
export interface LoggedCommand {
  seq: number;
  atMs: number;
  /** The command object, stored as JSON text exactly as given (key order kept). */
  command: unknown;
}

/** Ids an event concerns, kept in columns so history and streams filter without parsing JSON. */
export interface EventRefs {
  contactId?: string;
  agentId?: string;
  queueId?: string;
  siteId?: string;
  clientId?: string;
}

export interface LoggedEvent {
  /** The engine's per-tenant sequence number. */
  seq: number;
  atMs: number;
  type: string;
  /** The whole event, JSON. */
  body: unknown;
  refs: EventRefs;
}

/** A stored answer to a request made with an Idempotency-Key header. */
export interface IdempotentResponse {
  key: string;
  /** Hash of the request body: the same key with another body is an error, not a replay. */
  requestHash: string;
  status: number;
  body: unknown;
}

/** A configuration row written with the command that put it into the engine. */
export interface ConfigWrite {
  kind: ConfigKind;
  id: string;
  /** The row's new data; `null` removes the row. */
  data: unknown;
}

/** What one group commit writes, atomically: all of it or none of it. */
export interface LogBatch {
  commands: LoggedCommand[];
  events: LoggedEvent[];
  idempotency?: IdempotentResponse[];
  /** Configuration rows (created or replaced, version + 1) that these commands configured. */
  config?: ConfigWrite[];
}

export interface EventQuery {
  /** Events with seq greater than this (0 = from the start). */
  afterSeq?: number;
  /** Default 1000; the adapter caps it at 10,000. */
  limit?: number;
  /** Each list filter given must match: an empty list matches no event. */
  types?: string[];
  contactId?: string;
  agentId?: string;
  queueId?: string;
  /** Only events about these sites / this client (scoped readers). */
  siteIds?: string[];
  clientId?: string;
}

export interface Snapshot {
  /** The last command the state includes. */
  commandSeq: number;
  /** The last event seq the state had emitted. */
  eventSeq: number;
  atMs: number;
  /** Engine state, JSON. */
  state: unknown;
}

/** One entity's counters in one 15-minute bucket (`values` in REPORT_COUNTERS order). */
export interface ReportRowRecord {
  dimension: string;
  entityId: string;
  bucketMs: number;
  values: ArrayLike<number>;
}

/**
 * One entity's counters over several buckets, packed: bucket `bucketsMs[i]` has the counters
 * `values[i × n]` to `values[(i + 1) × n − 1]`, n = REPORT_COUNTERS.length.
 */
export interface ReportRowBlock {
  dimension: string;
  entityId: string;
  bucketsMs: number[];
  values: Float64Array;
}

export interface ReportPauseRecord {
  agentId: string;
  siteId?: string;
  code: string;
  bucketMs: number;
  ms: number;
}

/** Amounts to add to the stored rows, and the projection's state after them. */
export interface ReportFlush {
  /** The last event of the stored state this flush continues (0: none yet). */
  previousSeq: number;
  lastSeq: number;
  /** The projection's memory between flushes, JSON. */
  state: unknown;
  rows: ReportRowRecord[];
  pauses: ReportPauseRecord[];
}

/** An imported history: rows replacing those of its entities over [fromMs, toMs). */
export interface ReportHistory {
  entityIds: string[];
  fromMs: number;
  toMs: number;
  rows: ReportRowRecord[];
}

export interface ReportState {
  lastSeq: number;
  state: unknown;
}

/** Rows of one dimension whose bucket starts in [fromMs, toMs), all entities or these. */
export interface ReportQuery {
  dimension: string;
  entityIds?: readonly string[];
  fromMs: number;
  toMs: number;
}

export interface ReportPauseQuery {
  fromMs: number;
  toMs: number;
}

export interface AuditEntry {
  id: number;
  at: string;
  /** User id or api key id, or 'system'. */
  actor: string;
  action: string;
  target: string;
  details: unknown;
}

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at'>;

export interface WebhookDelivery {
  id: number;
  webhookId: string;
  eventSeq: number;
  attempts: number;
  status: 'pending' | 'delivered' | 'failed';
  nextAttemptAt: string;
  lastStatusCode?: number;
  lastError?: string;
  updatedAt: string;
}

/** An agent's note on a contact: one per contact, replaced as it is edited. */
export interface ContactNote {
  contactId: string;
  text: string;
  /** The user who last wrote it. */
  author: string;
  updatedAt: string;
}

/** Positions a planner scheduled per interval for one queue and local day (`YYYY-MM-DD`). */
export interface PlanningSchedule {
  queueId: string;
  date: string;
  intervalMinutes: number;
  intervals: { start: string; positions: number }[];
  /** The user who last entered it. */
  enteredBy: string;
  updatedAt: string;
}

/** One contact of a customer (times in ms since 1970). */
export interface CustomerContact {
  contactId: string;
  atMs: number;
}

/** A customer of one client, by its key; newest first, `limit` capped at 100 (default 20). */
export interface CustomerContactQuery {
  clientId: string;
  customerKey: string;
  limit?: number;
}

/** A campaign's run state (the live loop reads it; the API sets it). */
export type CampaignRunState = 'stopped' | 'running' | 'paused';

/** A campaign: its settings as the API defines them (`config`) and its state. */
export interface CampaignRecord<T = unknown> {
  id: string;
  clientId: string;
  config: T;
  state: CampaignRunState;
  /** Starts at 1, + 1 on every replacement of the settings. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type LegalBasis = 'consent' | 'contract' | 'legitimate-interest';

/** One imported lead list: origin and legal basis (loi 09-08), who and when, the counts. */
export interface LeadListRecord {
  id: string;
  campaignId: string;
  name: string;
  origin: string;
  legalBasis: LegalBasis;
  importedAt: string;
  importedBy: string;
  rows: number;
  imported: number;
  merged: number;
  rejected: number;
}

export type NewLeadList = Omit<LeadListRecord, 'importedAt'>;

/** A list's counts, known when its last row has been read. */
export type LeadListCounts = Pick<LeadListRecord, 'rows' | 'imported' | 'merged' | 'rejected'>;

/** A list as its import starts: who, where from, why; the counts come with `publish`. */
export type NewStagedLeadList = Omit<NewLeadList, keyof LeadListCounts>;

/**
 * A list being written in short transactions, invisible to every read until `publish` (one short
 * commit). `discard` (or, after a crash, `discardStagedLeadLists`) deletes what was staged.
 */
export interface StagedLeadList {
  readonly list: NewStagedLeadList;
  /**
   * Adds leads and rejected rows, at most 20,000 of each per transaction. StoreError 'Duplicate'
   * when a number already has a lead in the campaign (published or staged by another import),
   * 'UnknownTenant' when the list is no longer staged (its campaign deleted, the list swept).
   */
  add(leads: readonly NewLead[], rejections: readonly LeadRejection[]): Promise<void>;
  /** Makes the list, its leads and rejected rows visible at once, with its counts. */
  publish(counts: LeadListCounts): Promise<LeadListRecord>;
  /** Deletes the staged list with what was added, in short transactions. */
  discard(): Promise<void>;
}

/** A rejected row of a list: its line in the file and its reasons. */
export interface LeadRejection {
  line: number;
  errors: unknown;
}

export type LeadStateName = 'new' | 'scheduled' | 'callback' | 'dialing' | 'connected' | 'done';

/** A lead as imported: the normalised number and what the gate needs to judge it. */
export interface NewLead {
  id: string;
  phoneE164: string;
  country: string;
  timeZone: string;
  holidayCountry: string;
  holidaySubdivision?: string;
  consentGivenAtMs?: number;
  consentProof?: string;
  consentCoversHours?: boolean;
  contractRelation?: boolean;
  firstName?: string;
  lastName?: string;
  attributes?: Record<string, string>;
}

export interface LeadRecord extends NewLead {
  campaignId: string;
  listId: string;
  attributes: Record<string, string>;
  state: LeadStateName;
  attempts: number;
  nextAtMs?: number;
  lastOutcome?: string;
  /** The gate's last answer, cached: the first rule that stopped the lead. */
  blockedBy?: string;
  /** When it becomes dialable; null: never without new data (only with `blockedBy`). */
  dialableAtMs?: number | null;
}

export interface LeadQueryOptions {
  state?: LeadStateName;
  blockedBy?: string;
  after?: string;
  /** At most this many (capped at 1000, default 100). */
  limit?: number;
}

export type AttemptOutcome =
  'answered' | 'abandoned' | 'noAnswer' | 'busy' | 'answeringMachine' | 'wrongNumber' | 'failed';

/** One call attempt, kept for the tenant-wide history of its number. */
export interface LeadAttemptRecord {
  id: number;
  leadId: string;
  campaignId: string;
  clientId: string;
  phoneE164: string;
  atMs: number;
  outcome: AttemptOutcome;
  dispositionId?: string;
  /** The disposition's flag (success, refusal, doNotCall …) when it was recorded. */
  flag?: string;
  agentId?: string;
  ringSeconds?: number;
  talkSeconds?: number;
  note?: string;
  /** The live dialer's call (the engine contact id), for attempts it placed. */
  callId?: string;
}

export type NewLeadAttempt = Omit<
  LeadAttemptRecord,
  'id' | 'clientId' | 'phoneE164' | 'campaignId' | 'callId'
>;

/**
 * One write of the live dialer: a call's attempt with its outcome, the agent's disposition on it,
 * a lead's state and next time, the gate's answer, a callback. A batch is one transaction.
 */
export type DialerWrite =
  | {
      kind: 'attempt';
      callId: string;
      leadId: string;
      atMs: number;
      outcome: AttemptOutcome;
      agentId?: string;
      ringSeconds?: number;
      note?: string;
    }
  | {
      kind: 'disposition';
      callId: string;
      leadId: string;
      dispositionId: string;
      flag: string;
      agentId?: string;
      talkSeconds?: number;
    }
  | { kind: 'leadState'; leadId: string; state: LeadStateName; nextAtMs?: number }
  | { kind: 'blocking'; leadId: string; blockedBy?: string; dialableAtMs?: number | null }
  | { kind: 'callback'; leadId: string; atMs: number; agentId?: string; createdBy: string };

/** What an attempt does to its lead. */
export interface LeadAfterAttempt {
  state: LeadStateName;
  nextAtMs?: number;
}

export interface LeadBlocking {
  id: string;
  blockedBy?: string;
  dialableAtMs?: number | null;
}

export interface CallbackRecord {
  id: number;
  leadId: string;
  campaignId: string;
  atMs: number;
  /** Absent: any agent of the campaign takes it. */
  agentId?: string;
  createdBy: string;
  createdAt: string;
}

export interface SuppressionListRecord {
  id: string;
  name: string;
  scrubbedAt: string;
  numbers: number;
  updatedAt: string;
}

/** A campaign's figures from the store: attempts since a time, leads by state and by block. */
export interface CampaignCounts {
  attemptsByOutcome: Record<string, number>;
  attemptsByFlag: Record<string, number>;
  leadsByState: Record<string, number>;
  blockedByReason: Record<string, number>;
}

/** A process asking for the store's lease: one writer per store (SPEC SL1). */
export interface LeaseHolder {
  /** New at every start of a process (a random id): a restart is another holder. */
  holderId: string;
  /** What holds it, named in refusals: 'relais serve', 'relais import'. */
  purpose: string;
  pid: number;
  host: string;
}

/** The lease as stored; times are the holder's clock, in ms since 1970. */
export interface StoreLease extends LeaseHolder {
  startedAtMs: number;
  heartbeatAtMs: number;
  /** From this time on another holder may take it, unless it is renewed first. */
  expiresAtMs: number;
}

/** The caller's time and how long the lease lasts without a renewal (default 15 s). */
export interface LeaseTiming {
  nowMs: number;
  ttlMs?: number;
}

export type LeaseAttempt =
  { taken: true; lease: StoreLease } | { taken: false; heldBy: StoreLease };

/** How long a lease lasts after its last heartbeat unless the caller says otherwise. */
export const DEFAULT_LEASE_TTL_MS = 15_000;

/** The storage port. Adapters: SqliteStore, PostgresStore; one contract suite checks both. */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /** Applies pending migrations in order; safe to call on every start. */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** For /readyz: resolves when the database answers. */
  ping(): Promise<void>;

  /**
   * Takes the store's lease when it is free, expired, already this holder's, or held by
   * `replacing` (a holder the caller knows is dead); else answers who holds it. Atomic.
   */
  takeLease(
    holder: LeaseHolder,
    timing: LeaseTiming & { replacing?: string },
  ): Promise<LeaseAttempt>;
  /** Moves the holder's expiry on; undefined when the lease is no longer this holder's. */
  renewLease(holderId: string, timing: LeaseTiming): Promise<StoreLease | undefined>;
  /** Frees the lease if this holder has it; false otherwise. */
  releaseLease(holderId: string): Promise<boolean>;
  /** The lease as stored (possibly expired), or undefined when free. */
  readLease(): Promise<StoreLease | undefined>;

  createTenant(tenant: Omit<Tenant, 'createdAt'>): Promise<Tenant>;
  getTenant(id: string): Promise<Tenant | undefined>;
  listTenants(): Promise<Tenant[]>;

  listConfig<T>(tenantId: string, kind: ConfigKind, page?: PageOptions): Promise<ConfigRecord<T>[]>;
  getConfig<T>(
    tenantId: string,
    kind: ConfigKind,
    id: string,
  ): Promise<ConfigRecord<T> | undefined>;
  /** Creates or replaces; throws StoreError 'VersionConflict' when `expectedVersion` does not match. */
  putConfig<T>(
    tenantId: string,
    kind: ConfigKind,
    id: string,
    data: T,
    options?: PutOptions,
  ): Promise<ConfigRecord<T>>;
  deleteConfig(tenantId: string, kind: ConfigKind, id: string): Promise<boolean>;

  createUser(user: NewUser): Promise<User>;
  getUser(tenantId: string, id: string): Promise<User | undefined>;
  findUserByUsername(username: string): Promise<User | undefined>;
  listUsers(tenantId: string): Promise<User[]>;
  /** Counts a failed login; locks the user until `lockUntil` when given. */
  recordLoginFailure(tenantId: string, userId: string, lockUntil?: string): Promise<void>;
  resetLoginFailures(tenantId: string, userId: string): Promise<void>;
  setPassword(tenantId: string, userId: string, passwordHash: string): Promise<void>;
  /** Removes a user and their sessions; false when the tenant has no such user. */
  deleteUser(tenantId: string, userId: string): Promise<boolean>;
  /** A user's role and scope changed by an admin; false for an unknown user of the tenant. */
  setUserAccess(
    tenantId: string,
    userId: string,
    access: { role: Role; scope: Scope },
  ): Promise<boolean>;
  /** Sets (or with null forgets) the user's language; false when the tenant has no such user. */
  setUserLocale(tenantId: string, userId: string, locale: 'fr' | 'en' | null): Promise<boolean>;

  getContactNote(tenantId: string, contactId: string): Promise<ContactNote | undefined>;
  /** Creates or replaces the contact's note, stamped by the store's clock. */
  putContactNote(tenantId: string, note: Omit<ContactNote, 'updatedAt'>): Promise<ContactNote>;
  /** Records that a contact belongs to a customer of a client (again: no change). */
  addCustomerContact(
    tenantId: string,
    link: CustomerContact & { clientId: string; customerKey: string },
  ): Promise<void>;
  customerContacts(tenantId: string, query: CustomerContactQuery): Promise<CustomerContact[]>;

  getSchedule(
    tenantId: string,
    queueId: string,
    date: string,
  ): Promise<PlanningSchedule | undefined>;
  /** Creates or replaces the queue's schedule for that day, stamped by the store's clock. */
  putSchedule(
    tenantId: string,
    schedule: Omit<PlanningSchedule, 'updatedAt'>,
  ): Promise<PlanningSchedule>;
  /** False when no schedule was entered for that queue and day. */
  deleteSchedule(tenantId: string, queueId: string, date: string): Promise<boolean>;

  /** Throws StoreError 'UnknownUser' unless `userId` is a user of `tenantId`. */
  createSession(session: Omit<Session, 'createdAt'>): Promise<Session>;
  getSession(tokenHash: string): Promise<Session | undefined>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteExpiredSessions(now: string): Promise<number>;
  /** Ends every session of a user; resolves to how many there were. */
  deleteSessionsOf(tenantId: string, userId: string): Promise<number>;

  createApiKey(key: Omit<ApiKey, 'createdAt' | 'revokedAt'>): Promise<ApiKey>;
  getApiKey(id: string): Promise<ApiKey | undefined>;
  listApiKeys(tenantId: string): Promise<ApiKey[]>;
  revokeApiKey(tenantId: string, id: string, at: string): Promise<boolean>;

  /** One transaction for the whole batch (group commit). Seqs must continue the tenant's log. */
  appendLog(tenantId: string, batch: LogBatch): Promise<void>;
  /** Commands after `afterSeq` in seq order; `limit` is capped at 10,000. */
  readCommands(tenantId: string, afterSeq: number, limit: number): Promise<LoggedCommand[]>;
  readEvents(tenantId: string, query: EventQuery): Promise<LoggedEvent[]>;
  /** Highest command and event seq stored (0 when empty). */
  lastSeqs(tenantId: string): Promise<{ command: number; event: number }>;
  getIdempotent(tenantId: string, key: string): Promise<IdempotentResponse | undefined>;
  /**
   * The tenant's stored idempotency keys after `afterKey` ("" for the first page), at most
   * `limit`, in the database's order of keys: page by page, every key once.
   */
  listIdempotencyKeys(tenantId: string, afterKey: string, limit: number): Promise<string[]>;

  /** Replaces a snapshot at the same commandSeq; only the latest few are kept. */
  saveSnapshot(tenantId: string, snapshot: Snapshot): Promise<void>;
  latestSnapshot(tenantId: string): Promise<Snapshot | undefined>;

  /**
   * Adds a flush of the report projection: rows and pauses added (maximum wait: the larger), the
   * state replaced, in one transaction. StoreError 'VersionConflict' (nothing written) when the
   * stored state is not at `previousSeq`.
   */
  addReportFlush(tenantId: string, flush: ReportFlush): Promise<void>;
  reportState(tenantId: string): Promise<ReportState | undefined>;
  /** The projection's rows and the imported history's (a report adds them up). */
  readReportRows(tenantId: string, query: ReportQuery): Promise<ReportRowRecord[]>;
  /** The same rows packed by entity (and stored day): far fewer objects over a long range. */
  readReportBlocks(tenantId: string, query: ReportQuery): Promise<ReportRowBlock[]>;
  readReportPauses(tenantId: string, query: ReportPauseQuery): Promise<ReportPauseRecord[]>;
  /** Forgets the tenant's projection, so that it is rebuilt from the first event (history stays). */
  clearReports(tenantId: string): Promise<void>;
  /** Replaces imported history rows (all or nothing); reports read them with the projection's. */
  replaceReportHistory(tenantId: string, history: ReportHistory): Promise<void>;

  appendAudit(tenantId: string, entry: NewAuditEntry): Promise<AuditEntry>;
  listAudit(tenantId: string, afterId: number, limit: number): Promise<AuditEntry[]>;

  /** Queues one delivery per (webhook, event); existing pairs are left as they are. */
  enqueueDeliveries(
    tenantId: string,
    deliveries: { webhookId: string; eventSeq: number; nextAttemptAt: string }[],
  ): Promise<void>;
  /** Pending deliveries due at `now`, oldest first. */
  dueDeliveries(tenantId: string, now: string, limit: number): Promise<WebhookDelivery[]>;
  recordDeliveryAttempt(
    tenantId: string,
    id: number,
    outcome: {
      status: 'pending' | 'delivered' | 'failed';
      nextAttemptAt: string;
      statusCode?: number;
      error?: string;
      at: string;
    },
  ): Promise<void>;
  /** A webhook's deliveries, newest first. */
  listDeliveries(tenantId: string, webhookId: string, limit: number): Promise<WebhookDelivery[]>;
  putCampaign<T>(
    tenantId: string,
    campaign: { id: string; clientId: string; config: T },
    options?: PutOptions,
  ): Promise<CampaignRecord<T>>;
  getCampaign<T>(tenantId: string, id: string): Promise<CampaignRecord<T> | undefined>;
  /** Every campaign of the tenant, or of one client, by id. */
  listCampaigns<T>(tenantId: string, clientId?: string): Promise<CampaignRecord<T>[]>;
  setCampaignState(
    tenantId: string,
    id: string,
    state: CampaignRunState,
  ): Promise<CampaignRecord | undefined>;
  /** Removes a campaign with its lists, leads and callbacks; its attempts stay (the history). */
  deleteCampaign(tenantId: string, id: string): Promise<boolean>;
  /** The numbers a campaign has leads for (to merge a new list's duplicates). */
  campaignNumbers(tenantId: string, campaignId: string): Promise<string[]>;
  /**
   * Starts a staged list (see StagedLeadList): its row is stored, invisible. StoreError
   * 'Duplicate' when the list id is taken (a staged list's too), 'UnknownTenant' without campaign.
   */
  stageLeadList(tenantId: string, list: NewStagedLeadList): Promise<StagedLeadList>;
  /**
   * Deletes every list still staged whose last write is before `stagedBefore` (imports a stopped
   * or crashed process left), with their leads and rejected rows; resolves to their number.
   */
  discardStagedLeadLists(stagedBefore: string): Promise<number>;
  /**
   * Writes a list, its leads and its rejected rows, all or nothing: staged, then published.
   * StoreError 'Duplicate' (nothing left) when a number already has a lead in the campaign.
   */
  importLeadList(
    tenantId: string,
    list: NewLeadList,
    leads: readonly NewLead[],
    rejections: readonly LeadRejection[],
  ): Promise<LeadListRecord>;
  listLeadLists(tenantId: string, campaignId: string): Promise<LeadListRecord[]>;
  getLeadList(tenantId: string, id: string): Promise<LeadListRecord | undefined>;
  /** A list's rejected rows, by line. */
  leadListRejections(tenantId: string, listId: string): Promise<LeadRejection[]>;
  listLeads(tenantId: string, campaignId: string, query?: LeadQueryOptions): Promise<LeadRecord[]>;
  getLead(tenantId: string, id: string): Promise<LeadRecord | undefined>;
  /** A campaign's leads not done, for the gate, by id; a page of them when `page` is given. */
  openLeads(
    tenantId: string,
    campaignId: string,
    page?: { after?: string; limit?: number },
  ): Promise<LeadRecord[]>;
  /**
   * Attempts since `sinceMs` on the numbers of a campaign's leads, in every campaign of the
   * tenant (the gate counts per client across campaigns), oldest first.
   */
  numberAttempts(
    tenantId: string,
    campaignId: string,
    sinceMs: number,
  ): Promise<LeadAttemptRecord[]>;
  /** A lead's attempts, oldest first. */
  leadAttempts(tenantId: string, leadId: string): Promise<LeadAttemptRecord[]>;
  /** Records an attempt and updates its lead (attempts + 1, outcome, state); undefined: no lead. */
  recordLeadAttempt(
    tenantId: string,
    attempt: NewLeadAttempt,
    after: LeadAfterAttempt,
  ): Promise<LeadAttemptRecord | undefined>;
  /** Caches the gate's answers on the leads. */
  setLeadBlocking(tenantId: string, updates: readonly LeadBlocking[]): Promise<void>;
  /**
   * The live dialer's writes, in order, in one transaction (all or none). An attempt adds one to
   * its lead's attempts; a disposition lands on the attempt of its call. Writes about a lead that
   * no longer exists (its campaign was deleted) are skipped.
   */
  writeDialerBatch(tenantId: string, writes: readonly DialerWrite[]): Promise<void>;
  /** The attempt the live dialer recorded for a call, if any. */
  attemptOfCall(tenantId: string, callId: string): Promise<LeadAttemptRecord | undefined>;
  /** Promises a callback and puts the lead in state callback; undefined when there is no lead. */
  scheduleCallback(
    tenantId: string,
    callback: { leadId: string; atMs: number; agentId?: string; createdBy: string },
  ): Promise<CallbackRecord | undefined>;
  /** A campaign's callbacks, earliest first. */
  listCallbacks(tenantId: string, campaignId: string): Promise<CallbackRecord[]>;
  /** Creates or replaces a suppression list with all its numbers, in one transaction. */
  putSuppressionList(
    tenantId: string,
    list: { id: string; name: string; scrubbedAt: string },
    numbers: readonly string[],
  ): Promise<SuppressionListRecord>;
  listSuppressionLists(tenantId: string): Promise<SuppressionListRecord[]>;
  suppressionNumbers(tenantId: string, listId: string): Promise<string[]>;
  /** A campaign's attempts since `sinceMs` by outcome and flag, its leads by state and block. */
  campaignCounts(tenantId: string, campaignId: string, sinceMs: number): Promise<CampaignCounts>;
}
