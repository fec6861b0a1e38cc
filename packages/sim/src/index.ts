export { parseScenario } from './scenario/parse-scenario.ts';
export {
  ScenarioError,
  formatScenarioError,
  type ScenarioIssue,
} from './scenario/scenario-error.ts';
export { scenarioSchema, type ScenarioInput } from './scenario/scenario-schema.ts';
export { scenarioIssues } from './scenario/scenario-checks.ts';
export type * from './scenario/scenario.ts';
export { clockTimeSchema, secondsOfDay, type ClockTime } from './scenario/clock-time.ts';
export type * from './distributions/distribution-spec.ts';
export { DISTRIBUTIONS } from './distributions/distribution-spec.ts';
export { distributionSchema, parseDistribution } from './distributions/distribution-schema.ts';
export { DistributionError } from './distributions/distribution-error.ts';
export { makeSampler, type Sampler, type SamplerOptions } from './distributions/make-sampler.ts';
export { gammaParameters, lognormalParameters } from './distributions/parameters.ts';
export type { Random } from './random/random.ts';
export { Xoshiro128 } from './random/xoshiro128.ts';
export { generatorFor, randomStream, type StreamLabel } from './random/streams.ts';
export {
  describeFound,
  formatIssue,
  formatPath,
  type IssuePath,
  type ValidationIssue,
} from './validation/validation-issue.ts';
export { ActionQueue } from './run/action-queue.ts';
export type { KpiFigures, SimulateOptions, SimulationResult } from './run/result.ts';
export { simulate } from './run/simulate.ts';
export {
  HISTORY_COLUMNS,
  OUTCOMES,
  WEEKDAYS,
  isAbandoned,
  isAnswered,
  isOffered,
  type CallRecord,
  type Outcome,
  type Weekday,
} from './history/call-record.ts';
export {
  HistoryError,
  formatHistoryIssue,
  parseBankDate,
  parseCallHistory,
  type HistoryIssue,
} from './history/parse-history.ts';
export {
  exponentialPatienceMean,
  fitArrivals,
  handleTimeSamples,
  historyKpis,
  matchingDays,
  patienceObservations,
  patienceSamples,
  selectCalls,
  summarizeHistory,
  type ArrivalFit,
  type HistoryFilter,
  type HistoryKpis,
  type HistorySummary,
} from './history/fit-history.ts';
export {
  checkHistoryOptions,
  hasHistoryArrivals,
  historyFilter,
  resolveHistoryArrivals,
  type HistoryArrivalOptions,
} from './history/resolve-history.ts';
export { QueueTally, tallyEvent } from './run/kpi-tally.ts';
export { CalledParty, type CalledPartySpec, type SimulatedCall } from './outbound/called-party.ts';
export { generateLeads, type LeadCountry } from './outbound/lead-generator.ts';
export {
  simulateCampaign,
  type OutboundResult,
  type OutboundRun,
} from './outbound/simulate-campaign.ts';
export { campaignSchema, type ScenarioCampaign } from './outbound/campaign-scenario.ts';
export { campaignIssues, campaignPack } from './outbound/campaign-checks.ts';
export { campaignRun } from './outbound/campaign-run.ts';
