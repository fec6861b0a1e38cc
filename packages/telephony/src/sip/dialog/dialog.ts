// Dialog state (RFC 3261 §12): identity, sequence numbers, route set, remote target, and the
// re-INVITE in progress (glare, §14). Pure: functions read messages and return new facts; the
// dialog layer does the sending.
import { cseqOf, callIdOf, fromOf, toOf } from '../message/fields.ts';
import {
  header,
  headerValue,
  headerValues,
  type SipHeader,
  type SipRequest,
  type SipResponse,
} from '../message/message.ts';
import { parseNameAddr, serializeNameAddr, tagOf } from '../message/name-addr.ts';
import { paramValue } from '../message/params.ts';
import { parseUri, UriError } from '../message/uri.ts';
import type { OutgoingRequestSpec } from '../endpoint/outgoing-request.ts';
import type { RemoteAddress } from '../transport/types.ts';
import { DialogError } from './errors.ts';

export type DialogRole = 'uac' | 'uas';
export type DialogPhase = 'early' | 'confirmed' | 'terminated';

export interface Dialog {
  readonly callId: string;
  readonly localTag: string;
  readonly remoteTag: string;
  readonly role: DialogRole;
  phase: DialogPhase;
  /** The CSeq number of the last request we sent in the dialog (0: none yet). */
  localSeq: number;
  /** The CSeq number of the last request the peer sent (undefined: none yet). */
  remoteSeq: number | undefined;
  /** Our From (UAC) / To (UAS) value, with our tag. */
  readonly localUri: string;
  /** The peer's address-of-record value, with its tag. */
  readonly remoteUri: string;
  /** Where in-dialog requests go: the peer's Contact URI (§12.1.1, §12.1.2). */
  remoteTarget: string;
  /** Route values for in-dialog requests, in the order they are written (§12.2.1.1). */
  routeSet: string[];
  /** The re-INVITE offer/answer exchange in progress, if any (§14.1, §14.2). */
  invite: 'none' | 'outgoing' | 'incoming';
}

/** The key of a dialog as seen from our side. */
export function dialogKey(callId: string, localTag: string, remoteTag: string): string {
  return `${callId}\u0000${localTag}\u0000${remoteTag}`;
}

export function keyOf(dialog: Dialog): string {
  return dialogKey(dialog.callId, dialog.localTag, dialog.remoteTag);
}

/** The key of the dialog an incoming request belongs to (its To tag is ours), or undefined. */
export function incomingRequestKey(request: SipRequest): string | undefined {
  const callId = callIdOf(request);
  const from = fromOf(request);
  const to = toOf(request);
  const localTag = to === undefined ? undefined : tagOf(to);
  const remoteTag = from === undefined ? undefined : tagOf(from);
  if (callId === undefined || localTag === undefined || remoteTag === undefined) return undefined;
  return dialogKey(callId, localTag, remoteTag);
}

/**
 * The UAC's dialog from a response to its INVITE (§12.1.2): a 1xx with a To tag gives an early
 * dialog, a 2xx a confirmed one. Route set: Record-Route reversed; remote target: Contact.
 */
export function uacDialog(invite: SipRequest, response: SipResponse): Dialog {
  const to = toOf(response);
  const from = fromOf(invite);
  const remoteTag = to === undefined ? undefined : tagOf(to);
  const localTag = from === undefined ? undefined : tagOf(from);
  if (remoteTag === undefined || localTag === undefined || to === undefined || from === undefined) {
    throw new DialogError(
      'missing-tag',
      `${response.status} to INVITE ${callIdOf(invite) ?? '?'} has no To tag: it cannot make a dialog`,
    );
  }
  const contact = contactUri(response);
  if (contact === undefined && response.status < 300 && response.status >= 200) {
    throw new DialogError(
      'missing-contact',
      `${response.status} to INVITE ${callIdOf(invite) ?? '?'} has no usable Contact (RFC 3261 §12.1.2 needs one)`,
    );
  }
  return {
    callId: callIdOf(invite) ?? '',
    localTag,
    remoteTag,
    role: 'uac',
    phase: response.status >= 200 ? 'confirmed' : 'early',
    localSeq: cseqOf(invite)?.seq ?? 1,
    remoteSeq: undefined,
    localUri: serializeNameAddr(from),
    remoteUri: serializeNameAddr(to),
    remoteTarget: contact ?? invite.uri,
    routeSet: headerValues(response, 'record-route').reverse(),
    invite: 'none',
  };
}

/** A later response of the same INVITE: the 2xx confirms the dialog and sets target and routes. */
export function confirmUac(dialog: Dialog, response: SipResponse): void {
  if (dialog.phase === 'terminated') return;
  dialog.phase = 'confirmed';
  dialog.remoteTarget = contactUri(response) ?? dialog.remoteTarget;
  dialog.routeSet = headerValues(response, 'record-route').reverse();
}

/**
 * A target refresh answered (our re-INVITE's 2xx): the remote target follows its Contact; the
 * route set stays as the dialog was made (§12.2.1.2).
 */
export function refreshTarget(dialog: Dialog, response: SipResponse): void {
  dialog.remoteTarget = contactUri(response) ?? dialog.remoteTarget;
}

/** The UAS's dialog from an INVITE it answers with `localTag` (§12.1.1): routes in order. */
export function uasDialog(invite: SipRequest, localTag: string, phase: DialogPhase): Dialog {
  const from = fromOf(invite);
  const to = toOf(invite);
  const remoteTag = from === undefined ? undefined : tagOf(from);
  if (from === undefined || to === undefined || remoteTag === undefined) {
    throw new DialogError('missing-tag', `INVITE ${callIdOf(invite) ?? '?'} has no From tag`);
  }
  const contact = contactUri(invite);
  if (contact === undefined) {
    throw new DialogError(
      'missing-contact',
      `INVITE ${callIdOf(invite) ?? '?'} has no usable Contact (RFC 3261 §8.1.1.8 needs one)`,
    );
  }
  return {
    callId: callIdOf(invite) ?? '',
    localTag,
    remoteTag,
    role: 'uas',
    phase,
    localSeq: 0,
    remoteSeq: cseqOf(invite)?.seq,
    localUri: serializeNameAddr({
      ...to,
      params: [...to.params.filter(([n]) => n !== 'tag'), ['tag', localTag]],
    }),
    remoteUri: serializeNameAddr(from),
    remoteTarget: contact,
    routeSet: headerValues(invite, 'record-route'),
    invite: 'none',
  };
}

/** What to do with a request that names this dialog (§12.2.2, §14.2). */
export type IncomingVerdict =
  | { readonly kind: 'accept' }
  | { readonly kind: 'reject'; readonly status: number; readonly headers: SipHeader[] };

/**
 * Checks an in-dialog request and records it: a terminated dialog gives 481; a CSeq not above
 * the last one 500 (ACK and CANCEL reuse the INVITE's); a re-INVITE while ours is pending 491
 * (glare), while the peer's previous one is pending 500 with Retry-After. An accepted target
 * refresh (re-INVITE, UPDATE) moves the remote target to its Contact.
 */
export function receiveInDialog(dialog: Dialog, request: SipRequest): IncomingVerdict {
  if (dialog.phase === 'terminated') return reject(481);
  if (request.method === 'ACK' || request.method === 'CANCEL') return { kind: 'accept' };
  const seq = cseqOf(request)?.seq;
  if (seq === undefined) return reject(400);
  if (dialog.remoteSeq !== undefined && seq <= dialog.remoteSeq) return reject(500);
  if (request.method === 'INVITE') {
    if (dialog.invite === 'outgoing') return reject(491);
    if (dialog.invite === 'incoming') {
      return { kind: 'reject', status: 500, headers: [header('Retry-After', '1')] };
    }
  }
  dialog.remoteSeq = seq;
  if (request.method === 'INVITE' || request.method === 'UPDATE') {
    dialog.remoteTarget = contactUri(request) ?? dialog.remoteTarget;
  }
  if (request.method === 'INVITE') dialog.invite = 'incoming';
  if (request.method === 'BYE') dialog.phase = 'terminated';
  return { kind: 'accept' };
}

/**
 * The next request of ours in the dialog (§12.2.1.1): CSeq one above the last, From/To/Call-ID
 * of the dialog, the route set as Route headers, sent to the first route when it is a loose
 * router, else to the remote target. ACK reuses the INVITE's CSeq (pass `seq`).
 */
export function inDialogRequest(
  dialog: Dialog,
  method: string,
  extra: { headers?: readonly SipHeader[]; body?: Uint8Array; seq?: number } = {},
): { spec: OutgoingRequestSpec; next: string } {
  if (dialog.phase === 'terminated' && method !== 'ACK') {
    throw new DialogError('terminated', `dialog ${dialog.callId} has ended: no ${method} in it`);
  }
  if (method === 'INVITE' && dialog.invite !== 'none') {
    throw new DialogError(
      'in-progress',
      `dialog ${dialog.callId} has a re-INVITE in progress (${dialog.invite}): wait for it to finish`,
    );
  }
  let seq = extra.seq;
  if (seq === undefined) {
    dialog.localSeq = Math.max(dialog.localSeq + 1, 1);
    seq = dialog.localSeq;
  }
  if (method === 'INVITE') dialog.invite = 'outgoing';
  if (method === 'BYE') dialog.phase = 'terminated';
  const headers = [
    ...dialog.routeSet.map((route) => header('Route', route)),
    ...(extra.headers ?? []),
  ];
  const spec: OutgoingRequestSpec = {
    method,
    uri: dialog.remoteTarget,
    from: dialog.localUri,
    to: dialog.remoteUri,
    callId: dialog.callId,
    cseq: seq,
    headers,
    ...(extra.body === undefined ? {} : { body: extra.body }),
  };
  return { spec, next: nextHop(dialog) };
}

/** Ends the re-INVITE exchange, whoever started it (its final response is in). */
export function finishInvite(dialog: Dialog): void {
  dialog.invite = 'none';
}

/** The URI the next request goes to: the first route when it has `lr`, else the remote target. */
export function nextHop(dialog: Dialog): string {
  const first = dialog.routeSet[0];
  if (first !== undefined) {
    const route = parseNameAddr(first);
    if (route !== undefined) return route.uri;
  }
  return dialog.remoteTarget;
}

/** Where a SIP URI is reached: its host (an IP address: no DNS yet), port and transport. */
export function addressOfUri(
  uri: string,
  fallback: RemoteAddress['protocol'] = 'udp',
): RemoteAddress {
  let parsed;
  try {
    parsed = parseUri(uri);
  } catch (error) {
    if (error instanceof UriError)
      throw new DialogError('bad-target', `target ${uri}: ${error.message}`);
    throw error;
  }
  if (parsed.scheme === 'tel') {
    throw new DialogError('bad-target', `target ${uri} is a tel: URI: a SIP host is needed`);
  }
  const transport = paramValue(parsed.params, 'transport')?.toLowerCase();
  const protocol = transport === 'tcp' ? 'tcp' : transport === 'udp' ? 'udp' : fallback;
  const host = parsed.host.startsWith('[') ? parsed.host.slice(1, -1) : parsed.host;
  return { protocol, address: host, port: parsed.port ?? 5060 };
}

function contactUri(message: SipRequest | SipResponse): string | undefined {
  const value = headerValue(message, 'contact');
  const contact = value === undefined ? undefined : parseNameAddr(value);
  return contact === undefined || contact.uri === '*' ? undefined : contact.uri;
}

function reject(status: number): IncomingVerdict {
  return { kind: 'reject', status, headers: [] };
}
