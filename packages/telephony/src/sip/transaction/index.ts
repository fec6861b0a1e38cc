export { buildNon2xxAck } from './ack.ts';
export { InviteClientTransaction } from './invite-client.ts';
export { InviteServerTransaction } from './invite-server.ts';
export { NonInviteClientTransaction } from './non-invite-client.ts';
export { NonInviteServerTransaction } from './non-invite-server.ts';
export {
  DEFAULT_TRANSACTION_TIMERS,
  type TimerScheduler,
  type TransactionTimers,
} from './timers.ts';
export {
  TransactionError,
  TransactionLayer,
  type ClientTransaction,
  type RequestMatch,
  type ServerTransaction,
} from './transaction-layer.ts';
export type {
  ClientTransactionUser,
  ServerTransactionUser,
  TransactionOutput,
  TransactionState,
} from './types.ts';
