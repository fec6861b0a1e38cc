// The non-INVITE client transaction (RFC 3261 §17.1.2).
import type { SipRequest, SipResponse } from '../message/message.ts';
import { TimerSet } from './timers.ts';
import type {
  ClientTransactionUser,
  TransactionContext,
  TransactionOutput,
  TransactionState,
} from './types.ts';

export class NonInviteClientTransaction {
  state: TransactionState = 'trying';
  private readonly timers: TimerSet;

  constructor(
    readonly request: SipRequest,
    private readonly output: TransactionOutput,
    private readonly user: ClientTransactionUser,
    private readonly context: TransactionContext,
  ) {
    this.timers = new TimerSet(context.scheduler);
  }

  /** Sends the request and starts Timer E (UDP only) and Timer F. */
  start(): void {
    const { t1Ms } = this.context.timers;
    if (!this.send()) return;
    if (!this.output.reliable) this.retransmitAfter(t1Ms);
    this.timers.start('F', 64 * t1Ms, () => {
      if (this.state !== 'trying' && this.state !== 'proceeding') return;
      this.terminate();
      this.user.onTimeout();
    });
  }

  receive(response: SipResponse): void {
    if (this.state !== 'trying' && this.state !== 'proceeding') return;
    if (response.status < 200) {
      this.state = 'proceeding';
      this.user.onResponse(response);
      return;
    }
    this.state = 'completed';
    this.timers.stopAll();
    this.user.onResponse(response);
    // Timer K absorbs retransmitted final responses.
    if (this.output.reliable) this.terminate();
    else this.timers.start('K', this.context.timers.t4Ms, () => this.terminate());
  }

  transportError(error: Error): void {
    if (this.state === 'terminated') return;
    this.terminate();
    this.user.onTransportError(error);
  }

  terminate(): void {
    if (this.state === 'terminated') return;
    this.state = 'terminated';
    this.timers.stopAll();
    this.context.onTerminated();
  }

  /** Timer E: doubles up to T2 while Trying, stays at T2 once Proceeding. */
  private retransmitAfter(delayMs: number): void {
    this.timers.start('E', delayMs, () => {
      if (this.state !== 'trying' && this.state !== 'proceeding') return;
      if (!this.send()) return;
      const { t2Ms } = this.context.timers;
      this.retransmitAfter(this.state === 'proceeding' ? t2Ms : Math.min(2 * delayMs, t2Ms));
    });
  }

  private send(): boolean {
    try {
      this.output.send(this.request);
      return true;
    } catch (error) {
      this.transportError(error instanceof Error ? error : new Error(String(error)));
      return false;
    }
  }
}
