// The INVITE server transaction (RFC 3261 §17.2.1, with the Accepted state of RFC 6026 §7.1).
import type { SipRequest, SipResponse } from '../message/message.ts';
import { buildResponse } from '../message/response.ts';
import { TimerSet } from './timers.ts';
import type {
  ServerTransactionUser,
  TransactionContext,
  TransactionOutput,
  TransactionState,
} from './types.ts';

export class InviteServerTransaction {
  state: TransactionState = 'proceeding';
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

  /** Sends 100 Trying at once, so the caller stops retransmitting (§17.2.1). */
  start(): void {
    this.respond(buildResponse(this.request, 100));
  }

  /** A retransmitted INVITE or the ACK of a non-2xx final response. */
  receive(request: SipRequest): void {
    if (request.method === 'ACK') {
      if (this.state !== 'completed') return;
      this.state = 'confirmed';
      this.timers.stopAll();
      // Timer I absorbs further ACK retransmissions.
      if (this.output.reliable) this.terminate();
      else this.timers.start('I', this.context.timers.t4Ms, () => this.terminate());
      return;
    }
    if (
      (this.state === 'proceeding' || this.state === 'completed') &&
      this.lastResponse !== undefined
    ) {
      this.send(this.lastResponse);
    }
  }

  /** Sends the TU's response: provisional, 2xx (Accepted, Timer L) or 300-699 (Completed, Timers G and H). */
  respond(response: SipResponse): void {
    if (this.state === 'accepted') {
      // The TU retransmits its 2xx through the transaction until the ACK arrives (RFC 6026).
      if (response.status >= 200 && response.status < 300) this.send(response);
      return;
    }
    if (this.state !== 'proceeding') return;
    this.lastResponse = response;
    if (!this.send(response) || response.status < 200) return;
    const { t1Ms } = this.context.timers;
    if (response.status < 300) {
      this.state = 'accepted';
      this.timers.start('L', 64 * t1Ms, () => this.terminate());
      return;
    }
    this.state = 'completed';
    if (!this.output.reliable) this.retransmitAfter(t1Ms);
    this.timers.start('H', 64 * t1Ms, () => {
      if (this.state !== 'completed') return;
      this.terminate();
      this.user.onTimeout?.();
    });
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

  /** Timer G: retransmits the final response, doubling up to T2. */
  private retransmitAfter(delayMs: number): void {
    this.timers.start('G', delayMs, () => {
      if (this.state !== 'completed' || this.lastResponse === undefined) return;
      if (this.send(this.lastResponse)) {
        this.retransmitAfter(Math.min(2 * delayMs, this.context.timers.t2Ms));
      }
    });
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
