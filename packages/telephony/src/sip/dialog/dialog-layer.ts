// Dialogs on a SipEndpoint: new INVITEs are handed up as IncomingInvite, in-dialog requests find
// their dialog (481 otherwise), 2xx answers are retransmitted until their ACK (RFC 3261
// §13.3.1.4), outgoing INVITEs make dialogs from their 1xx/2xx and can be cancelled (§9.1).
import { cseqOf, callIdOf, toOf } from '../message/fields.ts';
import {
  EMPTY_BODY,
  header,
  type SipHeader,
  type SipRequest,
  type SipResponse,
} from '../message/message.ts';
import { tagOf } from '../message/name-addr.ts';
import type { SipEndpoint, IncomingRequest } from '../endpoint/sip-endpoint.ts';
import { SipRequestFailed } from '../endpoint/errors.ts';
import {
  DEFAULT_TRANSACTION_TIMERS,
  type TimerScheduler,
  type TransactionTimers,
} from '../transaction/timers.ts';
import type { RemoteAddress, TransportProtocol } from '../transport/types.ts';
import {
  addressOfUri,
  confirmUac,
  finishInvite,
  inDialogRequest,
  incomingRequestKey,
  keyOf,
  receiveInDialog,
  refreshTarget,
  uacDialog,
  uasDialog,
  type Dialog,
} from './dialog.ts';
import { DialogError } from './errors.ts';

const SDP = 'application/sdp';
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export interface DialogLayerOptions {
  /** Time for 2xx retransmissions and glare back-off; the real scheduler in production. */
  readonly scheduler: TimerScheduler;
  readonly timers?: TransactionTimers;
  /** Tags of the dialogs we answer. */
  readonly newId: () => string;
  /** A number in [0, 1) for the glare back-off (§14.1); injected so tests repeat. */
  readonly random: () => number;
  /** Our Contact URI for a transport (where peers send in-dialog requests). */
  readonly contact: (protocol: TransportProtocol) => string;
}

/** What a dialog's owner hears of in-dialog requests (the layer answers them itself). */
export interface DialogHandlers {
  /** The peer sent BYE (answered 200); the dialog is over. */
  onBye?(dialog: SipDialog): void;
  /** A re-INVITE with an offer: return the answer SDP, or a status to refuse it (488…). */
  onReinvite?(dialog: SipDialog, offerSdp: string): Promise<{ sdp: string } | { status: number }>;
  /** INFO (answered 200), e.g. `application/dtmf-relay`. */
  onInfo?(dialog: SipDialog, request: SipRequest): void;
  /** Our 2xx was never ACKed (64·T1): the layer sent BYE; the dialog is over. */
  onAckTimeout?(dialog: SipDialog): void;
}

/** A new INVITE (no To tag), for the application to ring, answer or refuse. */
export interface IncomingInvite {
  readonly request: SipRequest;
  readonly source: RemoteAddress;
  readonly offerSdp: string;
  readonly cancelled: boolean;
  /** Called once if the caller CANCELs before the final answer (the endpoint answered 487). */
  onCancel(listener: () => void): void;
  /** 180 Ringing (with the tag the dialog will have). */
  ring(): void;
  /** 200 OK with our SDP: the dialog is made; the 2xx is retransmitted until the ACK. */
  answer(sdp: string, handlers?: DialogHandlers): SipDialog;
  reject(status: number, headers?: readonly SipHeader[]): void;
}

export interface OutgoingInviteSpec {
  readonly uri: string;
  readonly from: string;
  readonly to: string;
  readonly sdp: string;
  /** Where the INVITE and the dialog's later requests go (a registered phone's flow). */
  readonly destination: RemoteAddress;
  readonly headers?: readonly SipHeader[];
  readonly callId?: string;
  /** The CSeq number (an INVITE resent with credentials takes the next one); 1 when absent. */
  readonly cseq?: number;
  /** Each provisional response (180, 183…). */
  readonly onProvisional?: (response: SipResponse) => void;
  readonly handlers?: DialogHandlers;
}

export type InviteOutcome =
  | {
      readonly kind: 'answered';
      readonly dialog: SipDialog;
      readonly sdp: string;
      /** The 2xx (its headers may say more, e.g. a trunk's answering-machine verdict). */
      readonly response: SipResponse;
    }
  | {
      readonly kind: 'rejected';
      readonly status: number;
      readonly reason: string;
      /** The final response (a 401/407 challenge is answered from it). */
      readonly response: SipResponse;
    }
  /** Our CANCEL ended it (487), or it was answered after we cancelled (then ACKed and BYEd). */
  | { readonly kind: 'cancelled' }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'transport-error'; readonly detail: string }
  /** A 2xx that cannot make a dialog (no To tag or Contact): nothing to ACK or hang up. */
  | { readonly kind: 'protocol-error'; readonly detail: string };

export class DialogLayer {
  private readonly dialogs = new Map<string, SipDialog>();
  private readonly timers: TransactionTimers;
  private incomingHandler: ((invite: IncomingInvite) => void) | undefined;

  constructor(
    readonly endpoint: SipEndpoint,
    readonly options: DialogLayerOptions,
  ) {
    this.timers = options.timers ?? DEFAULT_TRANSACTION_TIMERS;
    endpoint.handle('INVITE', (incoming) => this.receiveInvite(incoming));
    endpoint.handle('ACK', (incoming) => this.receiveAck(incoming.request));
    for (const method of ['BYE', 'INFO', 'UPDATE'])
      endpoint.handle(method, (incoming) => this.receiveInDialog(incoming));
  }

  /** Handles new INVITEs (without one, they get 480). */
  onInvite(handler: (invite: IncomingInvite) => void): void {
    this.incomingHandler = handler;
  }

  /** Dialogs alive (early or confirmed). */
  get size(): number {
    return this.dialogs.size;
  }

  /** Sends an INVITE; the outcome says whether a dialog was made. */
  invite(spec: OutgoingInviteSpec): OutgoingInvite {
    return new OutgoingInvite(this, spec);
  }

  /** @internal */
  register(dialog: SipDialog): void {
    this.dialogs.set(keyOf(dialog.state), dialog);
  }

  /** @internal */
  forget(dialog: SipDialog): void {
    const key = keyOf(dialog.state);
    if (this.dialogs.get(key) === dialog) this.dialogs.delete(key);
  }

  /** @internal */
  get transactionTimers(): TransactionTimers {
    return this.timers;
  }

  private receiveInvite(incoming: IncomingRequest): void {
    const key = incomingRequestKey(incoming.request);
    if (key !== undefined) {
      const dialog = this.dialogs.get(key);
      if (dialog === undefined) incoming.respond(481);
      else dialog.receiveReinvite(incoming);
      return;
    }
    if (toOf(incoming.request) !== undefined && tagOf(toOf(incoming.request)!) !== undefined) {
      incoming.respond(481);
      return;
    }
    if (this.incomingHandler === undefined) {
      incoming.respond(480);
      return;
    }
    this.incomingHandler(new ServerInvite(this, incoming));
  }

  private receiveAck(ack: SipRequest): void {
    const key = incomingRequestKey(ack);
    if (key !== undefined) this.dialogs.get(key)?.receiveAck(ack);
  }

  private receiveInDialog(incoming: IncomingRequest): void {
    const key = incomingRequestKey(incoming.request);
    const dialog = key === undefined ? undefined : this.dialogs.get(key);
    if (dialog === undefined) {
      incoming.respond(481);
      return;
    }
    dialog.receiveRequest(incoming);
  }
}

/** One dialog (UAC or UAS) with its sending side. */
export class SipDialog {
  private pendingAck: { seq: number; stop: () => void; acked: Promise<void> } | undefined;
  private ended = false;

  constructor(
    private readonly layer: DialogLayer,
    readonly state: Dialog,
    /** Where requests go when there is no route set (the flow the dialog was made on). */
    private readonly flow: RemoteAddress,
    public handlers: DialogHandlers = {},
  ) {}

  get terminated(): boolean {
    return this.ended || this.state.phase === 'terminated';
  }

  /** Hangs up (BYE); resolves with the peer's status, or 0 when it never answered. */
  async bye(): Promise<number> {
    if (this.terminated) return 0;
    // §15: the callee sends no BYE before the ACK of its 2xx (or the wait for it ends).
    await this.pendingAck?.acked;
    if (this.terminated) return 0;
    const { request, destination } = this.build('BYE');
    this.end();
    try {
      return (await this.layer.endpoint.send(request, destination)).status;
    } catch (error) {
      if (error instanceof SipRequestFailed) return 0;
      throw error;
    }
  }

  /** Sends INFO with a body; resolves with the status. */
  async info(contentType: string, body: string): Promise<number> {
    const { request, destination } = this.build('INFO', {
      headers: [header('Content-Type', contentType)],
      body: encoder.encode(body),
    });
    return (await this.layer.endpoint.send(request, destination)).status;
  }

  /**
   * A re-INVITE with a new offer (§14.1); resolves with the answer SDP, or the refusal status.
   * A 491 (glare) is retried after the random wait of §14.1, up to three times.
   */
  async reinvite(sdp: string): Promise<{ sdp: string } | { status: number }> {
    for (let attempt = 0; ; attempt++) {
      const { request, destination } = this.build('INVITE', sdpExtra(this.layer, this.flow, sdp));
      let response: SipResponse;
      try {
        response = await this.layer.endpoint.send(request, destination, {
          onResponse: (r) => {
            if (r.status >= 200 && r.status < 300) this.ackFor(request, r, 'refresh');
          },
        });
      } finally {
        finishInvite(this.state);
      }
      if (response.status === 491 && attempt < 3) {
        await this.glareWait();
        continue;
      }
      if (response.status >= 300) return { status: response.status };
      return { sdp: decoder.decode(response.body) };
    }
  }

  /** @internal An ACK of a 2xx in this dialog. */
  receiveAck(ack: SipRequest): void {
    if (this.pendingAck !== undefined && cseqOf(ack)?.seq === this.pendingAck.seq) {
      this.stopAckWait();
    }
  }

  /** @internal BYE, INFO, UPDATE. */
  receiveRequest(incoming: IncomingRequest): void {
    const verdict = receiveInDialog(this.state, incoming.request);
    if (verdict.kind === 'reject') {
      incoming.respond(verdict.status, { headers: verdict.headers });
      return;
    }
    const method = incoming.request.method;
    if (method === 'BYE') {
      incoming.respond(200);
      this.stopAckWait();
      this.end();
      this.handlers.onBye?.(this);
      return;
    }
    if (method === 'INFO') {
      incoming.respond(200);
      this.handlers.onInfo?.(this, incoming.request);
      return;
    }
    incoming.respond(501);
  }

  /** @internal A re-INVITE from the peer. */
  receiveReinvite(incoming: IncomingRequest): void {
    const verdict = receiveInDialog(this.state, incoming.request);
    if (verdict.kind === 'reject') {
      incoming.respond(verdict.status, { headers: verdict.headers });
      return;
    }
    const offer = decoder.decode(incoming.request.body);
    const handlers = this.handlers;
    const finish = (status: number, options: { body?: Uint8Array; headers?: SipHeader[] }) => {
      finishInvite(this.state);
      incoming.respond(status, { toTag: this.state.localTag, ...options });
    };
    if (handlers.onReinvite === undefined || offer === '') {
      // Late offers (an empty re-INVITE) are not supported yet: refuse rather than guess.
      finish(488, {});
      return;
    }
    void handlers.onReinvite(this, offer).then(
      (result) => {
        if (this.terminated) return;
        if ('status' in result) {
          finish(result.status, {});
          return;
        }
        const options = sdpResponse(this.layer, incoming.source.protocol, result.sdp);
        finish(200, options);
        this.awaitAck(incoming, options, cseqOf(incoming.request)?.seq ?? 0);
      },
      () => finish(500, {}),
    );
  }

  /** @internal Retransmits our 2xx until its ACK (§13.3.1.4); no ACK in 64·T1 ends the call. */
  awaitAck(
    incoming: IncomingRequest,
    options: { body?: Uint8Array; headers?: SipHeader[] },
    seq: number,
  ): void {
    const { scheduler } = this.layer.options;
    const { t1Ms, t2Ms } = this.layer.transactionTimers;
    let interval = t1Ms;
    let cancelRetransmit: () => void = () => undefined;
    const retransmit = () => {
      incoming.respond(200, { toTag: this.state.localTag, ...options });
      interval = Math.min(interval * 2, t2Ms);
      cancelRetransmit = scheduler.schedule(interval, retransmit);
    };
    if (incoming.source.protocol === 'udp')
      cancelRetransmit = scheduler.schedule(interval, retransmit);
    let acked: () => void = () => undefined;
    const cancelGiveUp = scheduler.schedule(64 * t1Ms, () => {
      this.stopAckWait();
      // The BYE's own answer may never come either: report at once.
      void this.bye();
      this.handlers.onAckTimeout?.(this);
    });
    this.pendingAck = {
      seq,
      acked: new Promise((resolve) => (acked = resolve)),
      stop: () => {
        cancelRetransmit();
        cancelGiveUp();
        acked();
      },
    };
  }

  /**
   * @internal Sends (or re-sends) the ACK of a 2xx to our INVITE: the first INVITE's 2xx sets
   * the dialog's target and route set, a re-INVITE's only refreshes the target.
   */
  ackFor(invite: SipRequest, response: SipResponse, kind: 'initial' | 'refresh' = 'initial'): void {
    if (kind === 'initial') confirmUac(this.state, response);
    else refreshTarget(this.state, response);
    const seq = cseqOf(invite)?.seq ?? 1;
    const { request, destination } = this.build('ACK', { seq });
    this.layer.endpoint.sendStateless(request, destination);
  }

  /** @internal */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.state.phase = 'terminated';
    this.stopAckWait();
    this.layer.forget(this);
  }

  private stopAckWait(): void {
    this.pendingAck?.stop();
    this.pendingAck = undefined;
  }

  private build(
    method: string,
    extra: { headers?: readonly SipHeader[]; body?: Uint8Array; seq?: number } = {},
  ): { request: SipRequest; destination: RemoteAddress } {
    const { spec, next } = inDialogRequest(this.state, method, {
      ...extra,
      headers: [
        ...(method === 'INVITE'
          ? []
          : [header('Contact', `<${this.layer.options.contact(this.flow.protocol)}>`)]),
        ...(extra.headers ?? []),
      ],
    });
    const destination =
      this.state.routeSet.length === 0 ? this.flow : addressOfUri(next, this.flow.protocol);
    return { request: this.layer.endpoint.createRequest(spec, destination.protocol), destination };
  }

  private glareWait(): Promise<void> {
    // §14.1: the Call-ID's owner waits 2.1–4 s, the other side 0–2 s.
    const { random, scheduler } = this.layer.options;
    const ms =
      this.state.role === 'uac'
        ? 2_100 + Math.floor(random() * 1_900)
        : Math.floor(random() * 2_000);
    return new Promise((resolve) => scheduler.schedule(ms, () => resolve()));
  }
}

class ServerInvite implements IncomingInvite {
  readonly offerSdp: string;
  private readonly tag: string;

  constructor(
    private readonly layer: DialogLayer,
    private readonly incoming: IncomingRequest,
  ) {
    this.offerSdp = decoder.decode(incoming.request.body);
    this.tag = layer.options.newId();
  }

  get request(): SipRequest {
    return this.incoming.request;
  }

  get source(): RemoteAddress {
    return this.incoming.source;
  }

  get cancelled(): boolean {
    return this.incoming.cancelled;
  }

  onCancel(listener: () => void): void {
    this.incoming.onCancel(listener);
  }

  ring(): void {
    this.incoming.respond(180, {
      toTag: this.tag,
      headers: [header('Contact', `<${this.layer.options.contact(this.source.protocol)}>`)],
    });
  }

  answer(sdp: string, handlers: DialogHandlers = {}): SipDialog {
    if (this.cancelled) {
      throw new DialogError('terminated', `INVITE ${callIdOf(this.request) ?? '?'} was cancelled`);
    }
    const state = uasDialog(this.request, this.tag, 'confirmed');
    const dialog = new SipDialog(this.layer, state, this.source, handlers);
    this.layer.register(dialog);
    const options = sdpResponse(this.layer, this.source.protocol, sdp);
    this.incoming.respond(200, { toTag: this.tag, ...options });
    dialog.awaitAck(this.incoming, options, cseqOf(this.request)?.seq ?? 0);
    return dialog;
  }

  reject(status: number, headers: readonly SipHeader[] = []): void {
    this.incoming.respond(status, { toTag: this.tag, headers });
  }
}

/** An INVITE we sent: its outcome, and CANCEL while it is pending. */
export class OutgoingInvite {
  readonly result: Promise<InviteOutcome>;
  readonly request: SipRequest;
  private provisional = false;
  private anyResponse = false;
  private cancelRequested = false;
  private cancelSent = false;
  private settled = false;
  private answered: SipDialog | undefined;
  private broken: string | undefined;

  constructor(
    private readonly layer: DialogLayer,
    private readonly spec: OutgoingInviteSpec,
  ) {
    const protocol = spec.destination.protocol;
    this.request = layer.endpoint.createRequest(
      {
        method: 'INVITE',
        uri: spec.uri,
        from: spec.from,
        to: spec.to,
        ...(spec.callId === undefined ? {} : { callId: spec.callId }),
        ...(spec.cseq === undefined ? {} : { cseq: spec.cseq }),
        headers: [
          header('Contact', `<${layer.options.contact(protocol)}>`),
          ...(spec.headers ?? []),
          header('Content-Type', SDP),
        ],
        body: encoder.encode(spec.sdp),
      },
      protocol,
    );
    this.result = this.run();
  }

  /** True once any response (even 100 Trying) came back: the peer is there. */
  get responded(): boolean {
    return this.anyResponse;
  }

  /** Cancels the INVITE if it is still pending (§9.1: after a provisional response). */
  cancel(): void {
    if (this.settled || this.cancelRequested) return;
    this.cancelRequested = true;
    if (this.provisional) this.sendCancel();
  }

  private async run(): Promise<InviteOutcome> {
    let early: SipDialog | undefined;
    const onResponse = (response: SipResponse) => {
      this.anyResponse = true;
      if (response.status < 200) {
        if (response.status > 100) {
          if (!this.provisional && this.cancelRequested) this.sendCancel();
          this.provisional = true;
          if (early === undefined && tagOf(toOf(response)!) !== undefined) {
            early = new SipDialog(
              this.layer,
              uacDialog(this.request, response),
              this.spec.destination,
              this.spec.handlers,
            );
            this.layer.register(early);
          }
          this.spec.onProvisional?.(response);
        } else if (!this.provisional && this.cancelRequested) {
          this.provisional = true;
          this.sendCancel();
        } else this.provisional = true;
        return;
      }
      if (response.status < 300) {
        try {
          this.onSuccess(response, early);
        } catch (error) {
          if (!(error instanceof DialogError)) throw error;
          this.broken = error.message;
        }
      }
    };
    let final: SipResponse;
    try {
      final = await this.layer.endpoint.send(this.request, this.spec.destination, { onResponse });
    } catch (error) {
      this.settled = true;
      early?.end();
      if (!(error instanceof SipRequestFailed)) throw error;
      if (this.cancelRequested) return { kind: 'cancelled' };
      return error.code === 'timeout'
        ? { kind: 'timeout' }
        : { kind: 'transport-error', detail: error.message };
    }
    this.settled = true;
    if (final.status >= 300) {
      early?.end();
      if (this.cancelRequested && final.status === 487) return { kind: 'cancelled' };
      return { kind: 'rejected', status: final.status, reason: final.reason, response: final };
    }
    const dialog = this.answered;
    if (dialog === undefined && this.broken !== undefined) {
      return { kind: 'protocol-error', detail: this.broken };
    }
    if (dialog === undefined || this.cancelRequested) {
      // Answered after we gave up on it (the CANCEL crossed the 200): end it at once (§15).
      await dialog?.bye();
      return { kind: 'cancelled' };
    }
    return { kind: 'answered', dialog, sdp: decoder.decode(final.body), response: final };
  }

  /** Each 2xx (and its retransmissions) gets an ACK; a 2xx from a second fork is hung up. */
  private onSuccess(response: SipResponse, early: SipDialog | undefined): void {
    const remoteTag = tagOf(toOf(response)!);
    if (this.answered !== undefined) {
      if (remoteTag === this.answered.state.remoteTag) {
        this.answered.ackFor(this.request, response);
        return;
      }
      const other = this.dialogFor(response);
      other.ackFor(this.request, response);
      void other.bye();
      return;
    }
    let dialog: SipDialog;
    if (early !== undefined && early.state.remoteTag === remoteTag) dialog = early;
    else {
      early?.end();
      dialog = this.dialogFor(response);
    }
    this.answered = dialog;
    dialog.ackFor(this.request, response);
  }

  private dialogFor(response: SipResponse): SipDialog {
    const dialog = new SipDialog(
      this.layer,
      uacDialog(this.request, response),
      this.spec.destination,
      this.spec.handlers,
    );
    this.layer.register(dialog);
    return dialog;
  }

  private sendCancel(): void {
    if (this.cancelSent) return;
    this.cancelSent = true;
    const cancel = cancelOf(this.request);
    this.layer.endpoint.send(cancel, this.spec.destination).catch(() => undefined);
  }
}

/** The CANCEL of a pending INVITE (§9.1): same Request-URI, top Via, From, To, Call-ID, CSeq number, Route. */
export function cancelOf(invite: SipRequest): SipRequest {
  const headers: SipHeader[] = [];
  let viaTaken = false;
  for (const h of invite.headers) {
    if (h.key === 'via') {
      if (!viaTaken) headers.push(h);
      viaTaken = true;
    } else if (['from', 'to', 'call-id', 'route', 'max-forwards'].includes(h.key)) headers.push(h);
  }
  headers.push(header('CSeq', `${cseqOf(invite)?.seq ?? 1} CANCEL`));
  return { kind: 'request', method: 'CANCEL', uri: invite.uri, headers, body: EMPTY_BODY };
}

function sdpResponse(
  layer: DialogLayer,
  protocol: TransportProtocol,
  sdp: string,
): { body: Uint8Array; headers: SipHeader[] } {
  return {
    body: encoder.encode(sdp),
    headers: [
      header('Contact', `<${layer.options.contact(protocol)}>`),
      header('Content-Type', SDP),
    ],
  };
}

function sdpExtra(
  layer: DialogLayer,
  flow: RemoteAddress,
  sdp: string,
): { headers: SipHeader[]; body: Uint8Array } {
  return {
    headers: [
      header('Contact', `<${layer.options.contact(flow.protocol)}>`),
      header('Content-Type', SDP),
    ],
    body: encoder.encode(sdp),
  };
}
