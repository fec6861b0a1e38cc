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
export type { CampaignSettings, DispositionFlag } from './campaign/campaign-settings.ts';
export {
  CampaignRejected,
  compileCampaign,
  type CompiledCampaign,
  type DispositionEffect,
  type RecycleStep,
} from './campaign/compile-campaign.ts';
export { mergeSuppressionLists } from './campaign/suppression.ts';
export { createFastPhoneParser } from './leads/fast-phone.ts';
