// The non-INVITE server transaction (RFC 3261 §17.2.2).
import type { SipRequest, SipResponse } from '../message/message.ts';
import { TimerSet } from './timers.ts';
import type {
  ServerTransactionUser,
  TransactionContext,
  TransactionOutput,
  TransactionState,
} from './types.ts';

export class NonInviteServerTransaction {
  state: TransactionState = 'trying';
  private readonly timers: TimerSet;
  private lastResponse: SipResponse | undefined;

  constructor(
    readonly request: SipRequest,
    private readonly output: TransactionOutput,
    private readonly user: ServerTransactionUser,
    private readonly context: TransactionContext,
  ) {
    this.timers = new TimerSet(context.scheduler);
  }

  start(): void {
    // Nothing is sent until the TU answers.
  }

  /** A retransmission: absorbed while Trying, answered with the last response after. */
  receive(request: SipRequest): void {
    if (request.method === 'ACK') return;
    if (
      (this.state === 'proceeding' || this.state === 'completed') &&
      this.lastResponse !== undefined
    ) {
      this.send(this.lastResponse);
    }
  }

  respond(response: SipResponse): void {
    if (this.state !== 'trying' && this.state !== 'proceeding') return;
    this.lastResponse = response;
    if (!this.send(response)) return;
    if (response.status < 200) {
      this.state = 'proceeding';
      return;
    }
    this.state = 'completed';
    // Timer J keeps the response for retransmitted requests.
    if (this.output.reliable) this.terminate();
    else this.timers.start('J', 64 * this.context.timers.t1Ms, () => this.terminate());
  }

  transportError(error: Error): void {
    if (this.state === 'terminated') return;
    this.terminate();
    this.user.onTransportError?.(error);
  }

  terminate(): void {
    if (this.state === 'terminated') return;
    this.state = 'terminated';
    this.timers.stopAll();
    this.context.onTerminated();
  }

  private send(response: SipResponse): boolean {
    try {
      this.output.send(response);
      return true;
    } catch (error) {
      this.transportError(error instanceof Error ? error : new Error(String(error)));
      return false;
    }
  }
}
