export { DialerInputError, LooseningRefused } from './errors.ts';
export type { CallingWindow, ReasonCode, RulePack, WeeklyWindows } from './packs/rule-pack.ts';
export {
  FRANCE,
  RULE_PACKS,
  UNITED_KINGDOM,
  UNITED_STATES,
  defaultPackFor,
} from './packs/packs.ts';
export { tightenPack, type PackTightening } from './packs/tighten.ts';
export type {
  CampaignContext,
  ConsentRecord,
  Lead,
  LeadHistory,
  SuppressionList,
} from './gate/types.ts';
export { checkDial, type DialDecision } from './gate/check-dial.ts';
export { summariseDecisions, type BlockingSummary } from './gate/summary.ts';
export {
  createLeadNormaliser,
  normaliseLead,
  normaliseLeads,
  parsePhone,
  type ParsedPhone,
  type PhoneParser,
  type LeadFieldError,
  type LeadRow,
  type NormalisedRow,
} from './leads/normalise-lead.ts';
export type { HolidayRegion } from './time/holidays.ts';
export {
  DEFAULT_RECYCLING,
  RECYCLE_OUTCOMES,
  checkRecycling,
  recycleRuleFor,
  recycleStep,
  type AttemptOutcome,
  type CallResult,
  type DispositionFlag,
  type RecycleOutcome,
  type RecycleRule,
} from './outcomes/outcomes.ts';
export {
  AbandonLedger,
  abandonWindowHoursFor,
  type AbandonCounts,
} from './pacing/abandon-ledger.ts';
export {
  DEFAULT_PRIORS,
  LiveEstimates,
  expectedFreeing,
  type PacingPriors,
} from './pacing/live-estimates.ts';
export { expectedOverflow } from './pacing/expected-drops.ts';
export {
  DEFAULT_AIM,
  decide,
  type DialMode,
  type PacingDecision,
  type PacingFloor,
  type PacingState,
} from './pacing/pacer.ts';
export {
  CONNECT_GRACE_MS,
  CampaignRuntime,
  type CallPhase,
  type CallView,
  type CampaignRunState,
  type ResumedLead,
  type RuntimeOptions,
} from './runtime/campaign-runtime.ts';
export { campaignFigures, type CampaignFigures } from './runtime/campaign-stats.ts';
export type { DailyCounter } from './runtime/daily-counts.ts';
export { TenantHistory } from './runtime/tenant-history.ts';
export type {
  CampaignSettings,
  EngineLink,
  HostAction,
  LeadState,
  PacingSettings,
  RuntimeEvent,
  RuntimeOutput,
} from './runtime/types.ts';
export { localInstant } from './runtime/local-time.ts';
export type { CampaignDefinition } from './campaign/campaign-settings.ts';
export {
  CampaignRejected,
  compileCampaign,
  type CompiledCampaign,
  type DispositionEffect,
  type RecycleDelay,
} from './campaign/compile-campaign.ts';
export { mergeSuppressionLists } from './campaign/suppression.ts';
export { createFastPhoneParser } from './leads/fast-phone.ts';
