// Reads a REGISTER (RFC 3261 §10.2, §10.3) into what it asks: fetch, remove all, or add, refresh
// and remove contacts. Anything malformed is a RegisterRejected carrying the status to answer.
import { callIdOf, cseqOf, toOf } from '../message/fields.ts';
import {
  header,
  headerValue,
  headerValues,
  type SipHeader,
  type SipRequest,
} from '../message/message.ts';
import { parseNameAddr } from '../message/name-addr.ts';
import { paramValue, type Params } from '../message/params.ts';
import { parseUri, UriError, type SipUri } from '../message/uri.ts';
import { addressOfRecord, contactKey } from './addresses.ts';

/** A refusal with the status it is answered with and a reason for the Warning header. */
export class RegisterRejected extends Error {
  override readonly name = 'RegisterRejected';
  constructor(
    readonly status: number,
    message: string,
    readonly headers: readonly SipHeader[] = [],
  ) {
    super(message);
  }
}

export interface ContactChange {
  /** The Contact URI as written (without `<>`). */
  readonly uri: string;
  readonly parsed: SipUri;
  /** Binding identity: the instance and reg-id of RFC 5626 when given, else the URI. */
  readonly key: string;
  /** Seconds asked for: the Contact's `expires`, else the Expires header, else undefined. */
  readonly expires: number | undefined;
  /** Preference 0..1 (`q`), undefined when not given. */
  readonly q: number | undefined;
  /** The Contact's other header parameters (`+sip.instance`, `reg-id`, ...), kept and echoed. */
  readonly params: Params;
}

export type RegisterIntent =
  | { readonly kind: 'fetch' }
  | { readonly kind: 'remove-all' }
  | { readonly kind: 'update'; readonly contacts: readonly ContactChange[] };

export interface RegisterRequest {
  readonly aor: string;
  readonly callId: string;
  readonly cseq: number;
  readonly intent: RegisterIntent;
}

const DELTA_SECONDS = /^\d{1,10}$/;
const Q_VALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;
/** RFC 3261 §20.19: larger values are taken as 2^32-1. */
const MAX_DELTA = 2 ** 32 - 1;

/** Reads the request; throws RegisterRejected (400, 404) when it cannot be a REGISTER we can apply. */
export function readRegister(request: SipRequest, maxContacts: number): RegisterRequest {
  const to = toOf(request);
  if (to === undefined) throw new RegisterRejected(400, 'the To header does not parse');
  let aor: string;
  try {
    aor = addressOfRecord(to.uri);
  } catch (error) {
    if (!(error instanceof UriError)) throw error;
    throw new RegisterRejected(404, `no such address of record: ${error.message}`);
  }
  const callId = callIdOf(request) ?? '';
  const cseq = cseqOf(request)?.seq ?? 0;
  const expiresHeader = readExpiresHeader(headerValue(request, 'expires'));
  const values = headerValues(request, 'contact');
  if (values.length === 0) return { aor, callId, cseq, intent: { kind: 'fetch' } };
  if (values.some((v) => v === '*')) {
    if (values.length > 1)
      throw new RegisterRejected(400, 'Contact "*" must be the only Contact of the request');
    if (expiresHeader !== 0)
      throw new RegisterRejected(400, 'Contact "*" needs "Expires: 0" (RFC 3261 §10.2.2)');
    return { aor, callId, cseq, intent: { kind: 'remove-all' } };
  }
  if (values.length > maxContacts) {
    throw new RegisterRejected(
      403,
      `${values.length} contacts in one REGISTER; at most ${maxContacts} per address of record`,
    );
  }
  const contacts = values.map((value) => readContact(value, expiresHeader));
  return { aor, callId, cseq, intent: { kind: 'update', contacts } };
}

function readExpiresHeader(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (!DELTA_SECONDS.test(text)) {
    throw new RegisterRejected(400, `Expires "${clip(text)}" is not a number of seconds`);
  }
  return Math.min(Number(text), MAX_DELTA);
}

function readContact(value: string, expiresHeader: number | undefined): ContactChange {
  const address = parseNameAddr(value);
  if (address === undefined)
    throw new RegisterRejected(400, `Contact "${clip(value)}" does not parse`);
  let parsed;
  try {
    parsed = parseUri(address.uri);
  } catch (error) {
    if (!(error instanceof UriError)) throw error;
    throw new RegisterRejected(400, `Contact ${error.message}`);
  }
  if (parsed.scheme === 'tel') {
    throw new RegisterRejected(400, `Contact "${clip(address.uri)}" must be a sip: or sips: URI`);
  }
  const expiresParam = paramValue(address.params, 'expires');
  let expires = expiresHeader;
  if (expiresParam !== undefined) {
    if (expiresParam === null || !DELTA_SECONDS.test(expiresParam)) {
      throw new RegisterRejected(
        400,
        `Contact "${clip(address.uri)}" has expires="${expiresParam ?? ''}", not a number of seconds`,
      );
    }
    expires = Math.min(Number(expiresParam), MAX_DELTA);
  }
  const qParam = paramValue(address.params, 'q');
  if (qParam !== undefined && (qParam === null || !Q_VALUE.test(qParam))) {
    throw new RegisterRejected(
      400,
      `Contact "${clip(address.uri)}" has q="${qParam ?? ''}"; a q-value is 0 to 1 with up to three decimals`,
    );
  }
  const params = address.params.filter(([name]) => name !== 'expires' && name !== 'q');
  const instance = paramValue(params, '+sip.instance');
  const regId = paramValue(params, 'reg-id');
  let key: string;
  try {
    key =
      typeof instance === 'string' && typeof regId === 'string'
        ? `instance:${instance}:${regId}`
        : contactKey(parsed);
  } catch (error) {
    if (!(error instanceof UriError)) throw error;
    throw new RegisterRejected(400, `Contact ${error.message}`);
  }
  return {
    uri: address.uri,
    parsed,
    key,
    expires,
    q: qParam === undefined || qParam === null ? undefined : Number(qParam),
    params,
  };
}

/** The Min-Expires header of a 423 (RFC 3261 §20.23). */
export function minExpiresHeader(seconds: number): SipHeader {
  return header('Min-Expires', String(seconds));
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
