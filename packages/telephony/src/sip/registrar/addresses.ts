// Canonical forms the registrar compares: the address-of-record of a To URI (RFC 3261 §10.3
// step 5) and the identity of a Contact URI (§19.1.4 URI equality, simplified).
import { parseUri, UriError, type SipUri } from '../message/uri.ts';

/** `sip:user@host[:port]`: scheme and host lower case, user unescaped, URI parameters removed. */
export function addressOfRecord(uri: string): string {
  const parsed = parseUri(uri);
  if (parsed.scheme === 'tel' || parsed.user === undefined) {
    throw new UriError(
      'bad-uri',
      `the address of record "${uri}" must be a sip: or sips: URI with a user part`,
    );
  }
  return `${parsed.scheme}:${unescape(parsed.user, uri)}@${hostPort(parsed)}`;
}

/** A key equal for two Contact URIs that name the same place (case of host and parameters ignored). */
export function contactKey(uri: SipUri): string {
  const params = uri.params
    .map(([name, value]) => (value === null ? name : `${name}=${value.toLowerCase()}`))
    .sort()
    .join(';');
  const user = uri.user === undefined ? '' : `${unescape(uri.user, uri.user)}@`;
  return `${uri.scheme}:${user}${hostPort(uri)};${params}`;
}

function hostPort(uri: SipUri): string {
  const host = uri.host.toLowerCase();
  return uri.port === undefined ? host : `${host}:${uri.port}`;
}

function unescape(user: string, whole: string): string {
  try {
    return decodeURIComponent(user);
  } catch {
    throw new UriError('bad-uri', `"${whole}" has a bad %-escape in its user part`);
  }
}
