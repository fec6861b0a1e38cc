// Configuration resources of /api/v1. Shapes match @relais/engine's config so the server passes
// them through; the engine still checks cross-references (unknown skill, site, queue).
import { z } from 'zod';
import { Channel, Id, SkillMap, SlotCapacity } from './common.ts';

export const Site = z.strictObject({
  id: Id,
  city: z.string().min(1).max(100),
  timeZone: z.string().min(1).max(64).describe('IANA time zone, e.g. Africa/Casablanca'),
  positions: z.int().min(0).max(1_000_000),
});

export const Client = z.strictObject({
  id: Id,
  name: z.string().min(1).max(200),
});

export const Skill = z.strictObject({
  id: Id,
  kind: z.enum(['language', 'skill']).optional(),
});

export const AgentSelection = z.enum([
  'longest-idle',
  'most-skilled',
  'least-occupied',
  'round-robin',
]);

export const ServiceLevelTarget = z.strictObject({
  thresholdSeconds: z.number().min(0).max(86_400),
  target: z.number().min(0).max(1),
  formula: z.enum(['answered', 'offered', 'abandon-neutral', 'abandon-positive']).optional(),
  shortAbandonSeconds: z.number().min(0).max(3600).optional(),
});

export const OverflowAction = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('queue'), queueId: Id }),
  z.strictObject({ kind: z.literal('callback') }),
  z.strictObject({ kind: z.literal('voicemail'), queueId: Id }),
  z.strictObject({ kind: z.literal('disconnect') }),
]);

export const RoutingStep = z.strictObject({
  afterSeconds: z.number().min(0).max(86_400),
  minProficiencyDelta: z.int().min(-9).max(9).optional(),
  addSkills: SkillMap.optional(),
  dropSkills: z.array(Id).optional(),
  addSites: z.union([z.array(Id), z.literal('network')]).optional(),
  raisePriority: z.int().min(-1000).max(1000).optional(),
  moveToQueue: Id.optional(),
});

/** A routing number as a SIP trunk sends it in the Request-URI's user part. */
export const RoutingNumber = z
  .string()
  .regex(/^\+?[0-9]{2,20}$/, 'a routing number: 2 to 20 digits, optionally after +');
/** A SIP user name (the digest username and the user part of the agent's address). */
export const SipUser = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits and . _ - (not first), at most 64');

/** An audio file rtpengine plays (WAV…), by its absolute path on rtpengine's host. */
export const AudioFile = z
  .string()
  .max(1024)
  .regex(
    /^\/[^\0]+$/,
    'an absolute path to an audio file on rtpengine’s host, e.g. /srv/relais/menu.wav',
  );

/** One key of a voice menu and the queue it leads to. */
export const MenuChoice = z.strictObject({
  digit: z.string().regex(/^[0-9*#]$/, 'one telephone key: 0-9, * or #'),
  queueId: Id,
});

/** A voice menu (IVR) heard by calls on the queue's routing numbers: a key chooses the queue. */
export const VoiceMenu = z.strictObject({
  promptFile: AudioFile,
  choices: z.array(MenuChoice).min(1).max(12),
  /** Silence allowed after the prompt before it is played again; default 5. */
  timeoutSeconds: z.number().min(1).max(60).optional(),
  /** Plays of the prompt before giving up; default 3. */
  attempts: z.int().min(1).max(5).optional(),
  /** A caller who never chose: this queue (default) or hung up. */
  onFailure: z.enum(['queue', 'hang-up']).optional(),
});

/** What a waiting caller hears instead of the music, at entry and every `everySeconds`. */
export const QueueAnnouncement = z.strictObject({
  file: AudioFile,
  everySeconds: z.number().min(10).max(3600).optional(),
});

/**
 * The caller's place in line and expected wait, spoken in French at entry and every
 * `everySeconds` while it waits (telephony POS rules): `say` what (default both).
 */
export const PositionAnnouncement = z.strictObject({
  say: z.enum(['position', 'wait', 'both']).optional(),
  everySeconds: z.number().min(10).max(3600).optional(),
});

export const Queue = z.strictObject({
  id: Id,
  clientId: Id,
  channel: Channel,
  skills: SkillMap,
  priority: z.int().min(-1000).max(1000).optional(),
  weight: z.number().min(0).max(1000).optional(),
  serviceLevel: ServiceLevelTarget.optional(),
  strategy: AgentSelection.optional(),
  sites: z.array(Id).optional(),
  homeSiteId: Id.optional(),
  steps: z.array(RoutingStep).max(20).optional(),
  maxWaitSeconds: z.number().min(0).max(604_800).optional(),
  maxSize: z.int().min(0).max(1_000_000).optional(),
  overflow: OverflowAction.optional(),
  offerTimeoutSeconds: z.number().min(1).max(3600).optional(),
  wrapUp: z
    .discriminatedUnion('mode', [
      z.strictObject({ mode: z.literal('timed'), seconds: z.number().min(0).max(86_400) }),
      z.strictObject({ mode: z.literal('manual') }),
    ])
    .optional(),
  preferredAgentWaitSeconds: z.number().min(0).max(3600).optional(),
  /** What its agents read during a contact (plain text); the server keeps it, routing ignores it. */
  script: z.string().max(20_000).optional(),
  /** Routing numbers (DIDs) whose calls join this queue (telephony); unique across the server. */
  phoneNumbers: z.array(RoutingNumber).max(100).optional(),
  /** The voice menu of calls on `phoneNumbers` (telephony); none: they join this queue. */
  voiceMenu: VoiceMenu.optional(),
  /** The announcement callers waiting in this queue hear (telephony). */
  announcement: QueueAnnouncement.optional(),
  /** The place in line and expected wait told to callers waiting in this queue (telephony). */
  announcePosition: PositionAnnouncement.optional(),
});

export const Agent = z.strictObject({
  id: Id,
  name: z.string().min(1).max(200).optional(),
  siteId: Id,
  skills: SkillMap,
  capacity: SlotCapacity.optional(),
  exclusiveVoice: z.boolean().optional(),
  autoAnswer: z.boolean().optional(),
  /** The SIP user name the agent's phone registers with (telephony); unique across the server. */
  sipUser: SipUser.optional(),
  /** That phone's digest password; write-only, kept when a PUT with the same sipUser omits it. */
  sipPassword: z.string().min(8).max(128).optional(),
});

export const PauseCode = z.strictObject({
  id: Id,
  label: z.string().min(1).max(200),
  productive: z.boolean().optional(),
});

export const Disposition = z.strictObject({
  id: Id,
  label: z.string().min(1).max(200),
  success: z.boolean().optional(),
});

export const Webhook = z.strictObject({
  id: Id,
  url: z.url({ protocol: /^https?$/ }),
  /** Event types delivered; ['*'] for all. */
  events: z.array(z.string().min(1).max(64)).min(1).max(100),
  /** Shared secret for the HMAC-SHA256 signature; write-only. */
  secret: z.string().min(16).max(200),
  active: z.boolean().default(true),
});

export type Site = z.infer<typeof Site>;
export type VoiceMenu = z.infer<typeof VoiceMenu>;
export type QueueAnnouncement = z.infer<typeof QueueAnnouncement>;
export type PositionAnnouncement = z.infer<typeof PositionAnnouncement>;
export type Client = z.infer<typeof Client>;
export type Skill = z.infer<typeof Skill>;
export type Queue = z.infer<typeof Queue>;
export type Agent = z.infer<typeof Agent>;
export type PauseCode = z.infer<typeof PauseCode>;
export type Disposition = z.infer<typeof Disposition>;
export type Webhook = z.infer<typeof Webhook>;
