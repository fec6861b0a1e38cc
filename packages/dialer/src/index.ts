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
  normaliseLead,
  normaliseLeads,
  type LeadFieldError,
  type LeadRow,
  type NormalisedRow,
} from './leads/normalise-lead.ts';
export type { HolidayRegion } from './time/holidays.ts';
