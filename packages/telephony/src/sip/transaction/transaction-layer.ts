// The transaction layer: creates transactions, matches incoming messages to them, forgets ended ones.
import { topVia } from '../message/fields.ts';
import type { SipRequest, SipResponse } from '../message/message.ts';
import { branchOf, MAGIC_COOKIE } from '../message/via.ts';
import { InviteClientTransaction } from './invite-client.ts';
import { InviteServerTransaction } from './invite-server.ts';
import { clientKey, clientKeyOfResponse, serverKey } from './keys.ts';
import { NonInviteClientTransaction } from './non-invite-client.ts';
import { NonInviteServerTransaction } from './non-invite-server.ts';
import {
  DEFAULT_TRANSACTION_TIMERS,
  type TimerScheduler,
  type TransactionTimers,
} from './timers.ts';
import type { ClientTransactionUser, ServerTransactionUser, TransactionOutput } from './types.ts';

export type ClientTransaction = InviteClientTransaction | NonInviteClientTransaction;
export type ServerTransaction = InviteServerTransaction | NonInviteServerTransaction;

/** A request the transaction layer cannot take (a programming error of its caller). */
export class TransactionError extends Error {
  override readonly name = 'TransactionError';
}

/** What became of an incoming request. */
export type RequestMatch =
  | { readonly kind: 'new'; readonly transaction: ServerTransaction }
  | { readonly kind: 'retransmission'; readonly transaction: ServerTransaction }
  /** An ACK matching no transaction: the ACK of a 2xx, for the TU (RFC 3261 §17.2.3). */
  | { readonly kind: 'ack' }
  | { readonly kind: 'unmatchable' };

export class TransactionLayer {
  private readonly clients = new Map<string, ClientTransaction>();
  private readonly servers = new Map<string, ServerTransaction>();

  constructor(
    private readonly scheduler: TimerScheduler,
    private readonly timers: TransactionTimers = DEFAULT_TRANSACTION_TIMERS,
  ) {}

  /** Sends a request through a new client transaction; its top Via needs a magic-cookie branch. */
  sendRequest(
    request: SipRequest,
    output: TransactionOutput,
    user: ClientTransactionUser,
  ): ClientTransaction {
    if (request.method === 'ACK')
      throw new TransactionError('an ACK is sent without a client transaction (RFC 3261 §17)');
    const via = topVia(request);
    const branch = via === undefined ? undefined : branchOf(via);
    if (branch?.startsWith(MAGIC_COOKIE) !== true) {
      throw new TransactionError(
        `request ${request.method} needs a top Via with a branch starting ${MAGIC_COOKIE}`,
      );
    }
    const key = clientKey(branch, request.method);
    if (this.clients.has(key))
      throw new TransactionError(`a client transaction with branch ${branch} exists already`);
    const context = {
      scheduler: this.scheduler,
      timers: this.timers,
      onTerminated: () => this.clients.delete(key),
    };
    const transaction =
      request.method === 'INVITE'
        ? new InviteClientTransaction(request, output, user, context)
        : new NonInviteClientTransaction(request, output, user, context);
    this.clients.set(key, transaction);
    transaction.start();
    return transaction;
  }

  /** Hands a response to its client transaction; false for a stray one (§17.1.3: the core may take it). */
  receiveResponse(response: SipResponse): boolean {
    const key = clientKeyOfResponse(response);
    const transaction = key === undefined ? undefined : this.clients.get(key);
    if (transaction === undefined) return false;
    transaction.receive(response);
    return true;
  }

  /** Matches a request to its server transaction, or creates one (the TU then answers through it). */
  receiveRequest(
    request: SipRequest,
    output: TransactionOutput,
    user: ServerTransactionUser = {},
  ): RequestMatch {
    const key = serverKey(request);
    if (key === undefined) return { kind: 'unmatchable' };
    const existing = this.servers.get(key);
    if (existing !== undefined) {
      existing.receive(request);
      return { kind: 'retransmission', transaction: existing };
    }
    if (request.method === 'ACK') return { kind: 'ack' };
    const context = {
      scheduler: this.scheduler,
      timers: this.timers,
      onTerminated: () => this.servers.delete(key),
    };
    const transaction =
      request.method === 'INVITE'
        ? new InviteServerTransaction(request, output, user, context)
        : new NonInviteServerTransaction(request, output, user, context);
    this.servers.set(key, transaction);
    transaction.start();
    return { kind: 'new', transaction };
  }

  /** The INVITE server transaction a CANCEL targets (same branch and sent-by, §9.2). */
  inviteForCancel(cancel: SipRequest): InviteServerTransaction | undefined {
    const key = serverKey(cancel, 'INVITE');
    const transaction = key === undefined ? undefined : this.servers.get(key);
    return transaction instanceof InviteServerTransaction ? transaction : undefined;
  }

  get clientCount(): number {
    return this.clients.size;
  }

  get serverCount(): number {
    return this.servers.size;
  }

  /** Ends every transaction without telling their users (the endpoint is closing). */
  shutdown(): void {
    for (const transaction of [...this.clients.values(), ...this.servers.values()])
      transaction.terminate();
  }
}
