// Outbound campaigns (issue 8): campaigns, lead lists and their import, leads and their history,
// "why isn't it dialing?" and live campaign figures. The server checks a campaign's rule-pack
// tightening with @relais/dialer (it may only tighten); these schemas check shapes and ranges.
//
// Routes (all under /api/v1, scoped like the rest: a client viewer sees its client's campaigns):
//   GET    /campaigns                        → Campaign[] with their state
//   GET    /campaigns/:id                    → CampaignView
//   PUT    /campaigns/:id                    ← Campaign (create or replace)
//   DELETE /campaigns/:id                    (refused while running)
//   PUT    /campaigns/:id/state              ← { state } (running | paused | stopped)
//   POST   /campaigns/:id/lists?…            ← CSV body; query = ListImportQuery → ListImportResult
//   GET    /campaigns/:id/lists              → LeadList[]
//   GET    /campaigns/:id/lists/:listId/progress      → ListImportProgress (poll while the POST runs)
//   GET    /campaigns/:id/lists/:listId/rejected.csv  → text/csv: every rejected row (line, field, code, message)
//   GET    /campaigns/:id/leads?…            ← LeadQuery → LeadPage
//   GET    /campaigns/:id/blocking           → BlockingSummary ("why isn't it dialing?")
//   GET    /campaigns/:id/stats              → CampaignStats (live)
//   GET    /leads/:id                        → LeadDetail (the lead and its full history)
//   POST   /campaigns/:id/callbacks          ← ScheduleCallback → CallbackView
//   GET    /campaigns/:id/callbacks          → CallbackView[]
//   PUT    /suppression-lists/:id?…          ← CSV of numbers; query = SuppressionListQuery
//   GET    /suppression-lists                → SuppressionListView[]
import { z } from 'zod';
import { Id } from './common.ts';

export const DIAL_MODES = ['preview', 'progressive', 'predictive'] as const;
export const DialMode = z.enum(DIAL_MODES);
export type DialMode = z.infer<typeof DialMode>;

/** What a disposition (or a call's outcome) means for the lead and the figures. */
export const DISPOSITION_FLAGS = [
  'success',
  'refusal',
  'doNotCall',
  'callback',
  'wrongNumber',
  'answeringMachine',
  'noAnswer',
  'busy',
] as const;
export const DispositionFlag = z.enum(DISPOSITION_FLAGS);
export type DispositionFlag = z.infer<typeof DispositionFlag>;

export const RULE_PACK_IDS = ['FR', 'US', 'UK'] as const;
export const RulePackId = z.enum(RULE_PACK_IDS);

export const E164 = z
  .string()
  .regex(/^\+[1-9]\d{5,14}$/, 'an E.164 number: + then 6 to 15 digits, e.g. +33162000000');

const ClockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'a time of day HH:MM, from 00:00 to 24:00');
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
/** A calling window in the callee's local time on one weekday, `from` included, `to` excluded. */
export const CallingWindowSpec = z.strictObject({
  day: z.enum(WEEKDAYS),
  from: ClockTime,
  to: ClockTime,
});

/** A campaign's changes to its rule pack; each may only make the pack stricter (SPEC PK4). */
export const PackTighteningSpec = z.strictObject({
  /** Replaces the pack's windows; every window must lie inside one of the pack's. */
  windows: z.array(CallingWindowSpec).max(70).optional(),
  blockHolidays: z.literal(true).optional(),
  attempts: z
    .strictObject({ max: z.int().min(1).max(100), windowDays: z.int().min(1).max(365) })
    .optional(),
  refusalDays: z.int().min(1).max(3650).optional(),
  consentRequiredFrom: IsoDate.optional(),
  contractExempts: z.literal(false).optional(),
  consentLiftsHours: z.literal(false).optional(),
  suppression: z
    .strictObject({ required: z.boolean(), maxAgeDays: z.int().min(1).max(365) })
    .optional(),
  abandonLockHours: z.int().min(1).max(8760).optional(),
});

export const CampaignDisposition = z.strictObject({
  id: Id,
  label: z.string().min(1).max(200),
  flag: DispositionFlag,
});

/** When and how often a lead is tried again after an outcome (a disposition's flag, or a drop). */
export const RecycleRule = z.strictObject({
  outcome: z.union([DispositionFlag, z.literal('abandoned')]),
  delayMinutes: z.int().min(0).max(525_600),
  /** Attempts of this lead in the campaign after which this outcome closes it. */
  maxAttempts: z.int().min(1).max(100),
});

export const PacingSettings = z.strictObject({
  /** Dropped calls / calls answered by a person, over `abandonWindowHours` (KPI.md). */
  abandonTarget: z.number().min(0).max(0.2).default(0.03),
  /** Default: the pack's window (US 720 h, UK 24 h, France 24 h). */
  abandonWindowHours: z.int().min(1).max(720).optional(),
  maxLinesPerAgent: z.number().min(1).max(10).default(3),
  /** How long a call rings before it counts as no answer (at least 15 s: US and UK rules). */
  ringTimeoutSeconds: z.int().min(15).max(120).default(25),
});

export const Campaign = z.strictObject({
  id: Id,
  clientId: Id,
  name: z.string().min(1).max(200),
  mode: DialMode,
  /** The queue whose agents work the campaign's calls. */
  queueId: Id,
  /** The number presented; French packs check it against ARCEP's ranges for automated dialing. */
  callerId: E164,
  script: z.string().max(20_000).optional(),
  rulePack: RulePackId.default('FR'),
  tighten: PackTighteningSpec.optional(),
  /** Region for national numbers in lists (ISO 3166 alpha-2). */
  defaultRegion: z
    .string()
    .regex(/^[A-Z]{2}$/, 'an ISO 3166 alpha-2 region, e.g. FR')
    .default('FR'),
  dispositions: z.array(CampaignDisposition).min(1).max(100),
  recycling: z.array(RecycleRule).max(20).default([]),
  pacing: PacingSettings.default({
    abandonTarget: 0.03,
    maxLinesPerAgent: 3,
    ringTimeoutSeconds: 25,
  }),
  /** Opposition / suppression lists scrubbed against every lead before a dial. */
  suppressionListIds: z.array(Id).max(20).default([]),
});
export type Campaign = z.infer<typeof Campaign>;

export const CAMPAIGN_STATES = ['stopped', 'running', 'paused'] as const;
export const CampaignState = z.enum(CAMPAIGN_STATES);
export const SetCampaignState = z.strictObject({ state: CampaignState });

export const CampaignView = Campaign.extend({
  state: CampaignState,
  leads: z.int().min(0),
});

/** Where a list came from and why it may be used (loi 09-08 / CNDP: legal basis and origin). */
export const LEGAL_BASES = ['consent', 'contract', 'legitimate-interest'] as const;

/** The largest lead list or suppression list upload, in bytes (a million rows fit easily). */
export const LIST_IMPORT_MAX_BYTES = 512 * 1024 * 1024;

/** Which CSV column holds each field; only `phone` is required. Other columns become attributes. */
export const ListImportQuery = z.strictObject({
  name: z.string().min(1).max(200),
  origin: z.string().min(1).max(500),
  legalBasis: z.enum(LEGAL_BASES),
  phone: z.string().min(1).max(100),
  firstName: z.string().max(100).optional(),
  lastName: z.string().max(100).optional(),
  timeZone: z.string().max(100).optional(),
  country: z.string().max(100).optional(),
  postcode: z.string().max(100).optional(),
  departement: z.string().max(100).optional(),
  consentGivenAt: z.string().max(100).optional(),
  consentProof: z.string().max(100).optional(),
  consentCoversHours: z.string().max(100).optional(),
  contractRelation: z.string().max(100).optional(),
  /** CSV separator; default: guessed from the header line (`,` or `;`). */
  separator: z.enum([',', ';', '\t']).optional(),
  /**
   * The new list's id, chosen by the caller so that it can poll the import's progress while the
   * upload runs (GET /campaigns/:id/lists/:listId/progress); default: one made by the server.
   */
  listId: Id.optional(),
});

/** An import under way (or just finished): how far it is. */
export const ListImportProgress = z.object({
  listId: Id,
  campaignId: Id,
  /** reading: rows parsed and checked; writing: the one transaction; then done or failed. */
  phase: z.enum(['reading', 'writing', 'done', 'failed']),
  rowsDone: z.int().min(0),
  bytesDone: z.int().min(0),
  /** The upload's size when the client sent a Content-Length. */
  bytesTotal: z.int().min(0).optional(),
  /** When failed: why (nothing was written). */
  error: z.string().optional(),
});

export const RejectedLeadRow = z.object({
  /** 1-based line number in the file, header included. */
  line: z.int(),
  errors: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })),
});

export const ListImportResult = z.object({
  listId: Id,
  rows: z.int().min(0),
  imported: z.int().min(0),
  /** Rows whose number was already in the campaign (or earlier in the file): merged, not added. */
  merged: z.int().min(0),
  rejected: z.int().min(0),
  /** The first rejected rows with every reason (all of them in the CSV at `rejectedCsvUrl`). */
  rejectedRows: z.array(RejectedLeadRow),
  rejectedCsvUrl: z.string().optional(),
});

export const LeadList = z.object({
  id: Id,
  campaignId: Id,
  name: z.string(),
  origin: z.string(),
  legalBasis: z.enum(LEGAL_BASES),
  importedAt: z.string(),
  importedBy: z.string(),
  rows: z.int(),
  imported: z.int(),
  merged: z.int(),
  rejected: z.int(),
});

export const LEAD_STATES = [
  'new',
  'scheduled',
  'callback',
  'dialing',
  'connected',
  'done',
] as const;
export const LeadState = z.enum(LEAD_STATES);

export const LeadView = z.object({
  id: Id,
  campaignId: Id,
  listId: Id,
  phoneE164: E164,
  country: z.string(),
  timeZone: z.string(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  attributes: z.record(z.string(), z.string()),
  state: LeadState,
  attempts: z.int().min(0),
  lastOutcome: z.string().optional(),
  /** Earliest time the campaign will try it (recycling delay or callback). */
  nextAt: z.string().optional(),
  /** The rule that stops it now (dialer ReasonCode), and when it becomes dialable (null: never). */
  blockedBy: z.string().optional(),
  dialableAt: z.string().nullable().optional(),
});

export const LeadQuery = z.object({
  state: LeadState.optional(),
  blockedBy: z.string().max(100).optional(),
  after: Id.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const LeadPage = z.object({ leads: z.array(LeadView), next: Id.optional() });

export const ATTEMPT_OUTCOMES = [
  'answered',
  'abandoned',
  'noAnswer',
  'busy',
  'answeringMachine',
  'wrongNumber',
  'failed',
] as const;

export const LeadAttempt = z.object({
  at: z.string(),
  campaignId: Id,
  outcome: z.enum(ATTEMPT_OUTCOMES),
  dispositionId: z.string().optional(),
  agentId: z.string().optional(),
  ringSeconds: z.number().min(0).optional(),
  talkSeconds: z.number().min(0).optional(),
  note: z.string().optional(),
});

export const LeadDetail = z.object({ lead: LeadView, history: z.array(LeadAttempt) });

export const ScheduleCallback = z.strictObject({
  leadId: Id,
  at: z.iso.datetime({ offset: true }),
  /** The agent who owns it; without one, any agent of the campaign takes it. */
  agentId: Id.optional(),
});

export const CallbackView = z.object({
  id: z.int(),
  leadId: Id,
  campaignId: Id,
  at: z.string(),
  agentId: Id.optional(),
  createdBy: z.string(),
  createdAt: z.string(),
});

/** "Why isn't it dialing?": leads by the first rule that stops them now. */
export const BlockingSummary = z.object({
  at: z.string(),
  total: z.int(),
  dialable: z.int(),
  blocked: z.int(),
  /**
   * Per first reason: a dialer ReasonCode (FR.hours, optout.listed …), or `campaign.waiting` for
   * a lead every rule lets through whose recycling delay or callback time has not come.
   */
  byReason: z.record(z.string(), z.int()),
  /** Blocked leads that no waiting will free (opposition, missing consent, stale list...). */
  neverDialable: z.int(),
  /** Leads closed (success, refusal, do-not-call, attempts used up) and not counted above. */
  done: z.int(),
});

export const CampaignStats = z.object({
  campaignId: Id,
  at: z.string(),
  state: CampaignState,
  mode: DialMode,
  /** Predictive falls back to progressive while over its abandon target (COMPLIANCE.md). */
  effectiveMode: DialMode,
  /** The dialer's called party is simulated: no real call is placed (server option). */
  simulatedCalls: z.boolean(),
  /** Lines per available agent the pacer asks for now. */
  dialLevel: z.number(),
  linesInUse: z.int(),
  agents: z.object({ loggedIn: z.int(), available: z.int(), onCall: z.int(), wrapUp: z.int() }),
  today: z.object({
    placed: z.int(),
    answeredHuman: z.int(),
    answeringMachine: z.int(),
    noAnswer: z.int(),
    busy: z.int(),
    abandoned: z.int(),
    success: z.int(),
  }),
  answerRate: z.number(),
  abandonRate: z.object({
    window: z.number(),
    windowHours: z.int(),
    sinceStart: z.number(),
  }),
  leadsByState: z.record(z.string(), z.int()),
  blockedByReason: z.record(z.string(), z.int()),
  /**
   * Present while the live dialer's history writes wait for the store (a failing store: they are
   * retried, backing off, nothing is dropped), and once the store has refused one of the
   * campaign's writes for good (a constraint, a bad value: set aside, the others written); the
   * store's figures lag the live ones meanwhile, or for good.
   */
  storeLag: z
    .object({
      pendingWrites: z.int(),
      lastError: z.string().optional(),
      /** The campaign's writes set aside since the server started. */
      rejectedWrites: z.int(),
      /** The last ones (20 at most), oldest first, with the store's message. */
      rejected: z.array(
        z.object({
          at: z.string(),
          kind: z.enum(['attempt', 'disposition', 'leadState', 'blocking', 'callback']),
          leadId: z.string(),
          callId: z.string().optional(),
          error: z.string(),
        }),
      ),
    })
    .optional(),
});

export const SuppressionListQuery = z.strictObject({
  name: z.string().min(1).max(200),
  scrubbedAt: z.iso.datetime({ offset: true }),
  phone: z.string().min(1).max(100).default('phone'),
  /** Region for national numbers in the file (ISO 3166 alpha-2). */
  defaultRegion: z
    .string()
    .regex(/^[A-Z]{2}$/, 'an ISO 3166 alpha-2 region, e.g. FR')
    .default('FR'),
});

export const SuppressionListView = z.object({
  id: Id,
  name: z.string(),
  scrubbedAt: z.string(),
  numbers: z.int(),
});

/** The answer to an upload: the list, and the lines whose number could not be read (skipped). */
export const SuppressionListResult = SuppressionListView.extend({
  unreadable: z.int().min(0),
  /** The first unreadable lines (1-based, header included). */
  unreadableLines: z.array(z.int()),
});
