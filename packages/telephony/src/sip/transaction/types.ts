// What a transaction needs from below (a way to send) and tells above (its transaction user).
import type { SipResponse } from '../message/message.ts';
import type { SipMessage } from '../message/message.ts';
import type { TimerScheduler, TransactionTimers } from './timers.ts';

/** Where a transaction's messages go: the transport toward the peer, reliable (TCP) or not (UDP). */
export interface TransactionOutput {
  readonly reliable: boolean;
  /** Sends a message; throws when the transport cannot (the transaction then ends with a transport error). */
  send(message: SipMessage): void;
}

export interface ClientTransactionUser {
  /** Every response the TU must see: provisional, final, and 2xx retransmissions of an INVITE. */
  onResponse(response: SipResponse): void;
  /** Timer B or F fired: no final response (the TU acts as on a 408, RFC 3261 §8.1.3.1). */
  onTimeout(): void;
  onTransportError(error: Error): void;
}

export interface ServerTransactionUser {
  /** Timer H fired: the ACK to a non-2xx final response never came. */
  onTimeout?(): void;
  onTransportError?(error: Error): void;
}

export interface TransactionContext {
  readonly scheduler: TimerScheduler;
  readonly timers: TransactionTimers;
  /** Called once when the transaction reaches Terminated, so the layer forgets it. */
  readonly onTerminated: () => void;
}

export type TransactionState =
  'calling' | 'trying' | 'proceeding' | 'completed' | 'confirmed' | 'accepted' | 'terminated';
