export { Engine, type ApplyResult } from './engine.ts';
export { TimerHeap } from './collections/timer-heap.ts';
export {
  CHECKPOINT_FORMAT,
  CheckpointError,
  type EngineCheckpoint,
} from './checkpoint/checkpoint.ts';
export type { Command, CommandType, NewContact, TransferTarget } from './model/commands.ts';
export * from './model/config.ts';
export { EngineError, type EngineErrorCode } from './model/errors.ts';
export type * from './model/events.ts';
export { AGENT_STATES, countsByAgentState } from './model/events.ts';
export type { EngineSnapshot } from './queries/inspect.ts';
export type { AgentStatus, QueueStatus, SiteStatus } from './queries/status.ts';
export type { PlaceInLine } from './queries/place-in-line.ts';
export type { EligibleCounts, WaitExplanation, WaitReason } from './queries/why-waiting.ts';
export { SERVICE_LEVEL_WINDOW } from './stats/queue-stats.ts';
export { QueueLogWriter, toQueueLog } from './export/queue-log.ts';
// For fuzz tests of the packages built on the engine: one seeded generator, not a copy each.
export { SeededRandom } from './testing/random.ts';
