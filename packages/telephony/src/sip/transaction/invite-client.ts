// The INVITE client transaction (RFC 3261 §17.1.1, with the Accepted state of RFC 6026 §7.2).
import type { SipRequest, SipResponse } from '../message/message.ts';
import { buildNon2xxAck } from './ack.ts';
import { TimerSet } from './timers.ts';
import type {
  ClientTransactionUser,
  TransactionContext,
  TransactionOutput,
  TransactionState,
} from './types.ts';

export class InviteClientTransaction {
  state: TransactionState = 'calling';
  private readonly timers: TimerSet;
  private ack: SipRequest | undefined;

  constructor(
    readonly request: SipRequest,
    private readonly output: TransactionOutput,
    private readonly user: ClientTransactionUser,
    private readonly context: TransactionContext,
  ) {
    this.timers = new TimerSet(context.scheduler);
  }

  /** Sends the INVITE and starts Timer A (UDP only) and Timer B. */
  start(): void {
    const { t1Ms } = this.context.timers;
    if (!this.send(this.request)) return;
    if (!this.output.reliable) this.retransmitAfter(t1Ms);
    this.timers.start('B', 64 * t1Ms, () => {
      if (this.state !== 'calling' && this.state !== 'proceeding') return;
      this.terminate();
      this.user.onTimeout();
    });
  }

  receive(response: SipResponse): void {
    switch (this.state) {
      case 'calling':
      case 'proceeding':
        if (response.status < 200) {
          this.state = 'proceeding';
          this.timers.stop('A');
          this.user.onResponse(response);
        } else if (response.status < 300) {
          // RFC 6026: stay to pass 2xx retransmissions to the TU, which ACKs each (Timer M).
          this.state = 'accepted';
          this.timers.stopAll();
          this.timers.start('M', 64 * this.context.timers.t1Ms, () => this.terminate());
          this.user.onResponse(response);
        } else {
          this.state = 'completed';
          this.timers.stopAll();
          this.ack = buildNon2xxAck(this.request, response);
          if (!this.send(this.ack)) return;
          this.user.onResponse(response);
          if (this.output.reliable) this.terminate();
          else this.timers.start('D', this.context.timers.timerDMs, () => this.terminate());
        }
        return;
      case 'accepted':
        if (response.status >= 200 && response.status < 300) this.user.onResponse(response);
        return;
      case 'completed':
        // A retransmitted final response: ACK again, the TU has seen it already.
        if (response.status >= 300 && this.ack !== undefined) this.send(this.ack);
        return;
      default:
        return;
    }
  }

  /** The transport could not deliver: the transaction ends and the TU is told. */
  transportError(error: Error): void {
    if (this.state === 'terminated') return;
    this.terminate();
    this.user.onTransportError(error);
  }

  /** Ends the transaction at once (the layer's shutdown). */
  terminate(): void {
    if (this.state === 'terminated') return;
    this.state = 'terminated';
    this.timers.stopAll();
    this.context.onTerminated();
  }

  private retransmitAfter(delayMs: number): void {
    this.timers.start('A', delayMs, () => {
      if (this.state !== 'calling') return;
      if (this.send(this.request)) this.retransmitAfter(2 * delayMs);
    });
  }

  private send(message: SipRequest): boolean {
    try {
      this.output.send(message);
      return true;
    } catch (error) {
      this.transportError(error instanceof Error ? error : new Error(String(error)));
      return false;
    }
  }
}
