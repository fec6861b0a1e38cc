// A SIP trunk as Relais uses it (README, "Connecting a SIP trunk"): where to send INVITEs and
// REGISTERs, the domain of our URIs, the account's credentials, and the optional header in
// which the trunk reports answering machines. `trunkSettings` checks a plain description.
import { isIP } from 'node:net';
import type { DigestCredentials } from '../sip/auth/digest-client.ts';
import type { RemoteAddress } from '../sip/transport/types.ts';

export interface TrunkSettings {
  /** The trunk's SIP address (its proxy): INVITEs and REGISTERs go there. */
  readonly destination: RemoteAddress;
  /** The host part of our Request-URIs, From and To (the provider's domain, else its address). */
  readonly domain: string;
  /** The From user (the account name many trunks require); the call's caller ID when absent. */
  readonly fromUser?: string;
  /** The account answering 401/407 challenges; without it a challenge fails the call. */
  readonly credentials?: DigestCredentials;
  /** Register the account (REGISTER with refresh) for this many seconds; absent: no REGISTER. */
  readonly registerExpiresS?: number;
  /** The 200 OK header carrying the trunk's answering-machine verdict; absent: none is read. */
  readonly amdHeader?: string;
}

/** A trunk as written in flags or configuration, before checking. */
export interface TrunkDescription {
  /** `IPV4:PORT` (port 5060 when left out). */
  readonly address: string;
  readonly transport?: string;
  readonly domain?: string;
  readonly username?: string;
  readonly password?: string;
  /** Seconds, or `off`. */
  readonly register?: string;
  readonly amdHeader?: string;
}

export class TrunkSettingsError extends Error {
  override readonly name = 'TrunkSettingsError';
  constructor(
    /** The setting at fault (`address`, `transport`…). */
    readonly setting: keyof TrunkDescription,
    message: string,
  ) {
    super(message);
  }
}

const DOMAIN = /^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/;
const USER = /^[A-Za-z0-9._~+-]{1,64}$/;
const HEADER_NAME = /^[A-Za-z][A-Za-z0-9-]{0,63}$/;

/** Checks a trunk description; a bad value throws TrunkSettingsError naming it and what it takes. */
export function trunkSettings(description: TrunkDescription): TrunkSettings {
  const match = /^([^:\s]+)(?::(\d{1,5}))?$/.exec(description.address.trim());
  const host = match?.[1] ?? '';
  const port = match?.[2] === undefined ? 5060 : Number(match[2]);
  if (match === null || isIP(host) !== 4 || host === '0.0.0.0' || port < 1 || port > 65_535) {
    throw new TrunkSettingsError(
      'address',
      `trunk address: expected the trunk's IPV4 or IPV4:PORT (e.g. 192.0.2.10:5060; resolve a name first), got "${description.address}"`,
    );
  }
  const transport = (description.transport ?? 'udp').toLowerCase();
  if (transport !== 'udp' && transport !== 'tcp') {
    throw new TrunkSettingsError(
      'transport',
      `trunk transport: expected "udp" or "tcp" (TLS is not supported yet), got "${description.transport}"`,
    );
  }
  const domain = description.domain ?? host;
  if (!DOMAIN.test(domain)) {
    throw new TrunkSettingsError(
      'domain',
      `trunk domain: expected a domain name or address (letters, digits, dots, hyphens), got "${domain}"`,
    );
  }
  const { username, password } = description;
  if ((username === undefined) !== (password === undefined)) {
    throw new TrunkSettingsError(
      username === undefined ? 'username' : 'password',
      'trunk credentials: give both the username and the password, or neither',
    );
  }
  if (username !== undefined && !USER.test(username)) {
    throw new TrunkSettingsError(
      'username',
      `trunk username: expected 1 to 64 letters, digits or . _ ~ + -, got "${username}"`,
    );
  }
  if (password !== undefined && (password.length === 0 || password.length > 256)) {
    throw new TrunkSettingsError('password', 'trunk password: expected 1 to 256 characters');
  }
  const registerExpiresS = registerOf(description.register, username);
  const amdHeader = description.amdHeader;
  if (amdHeader !== undefined && !HEADER_NAME.test(amdHeader)) {
    throw new TrunkSettingsError(
      'amdHeader',
      `trunk answering-machine header: expected a header name (e.g. X-AMD-Result), got "${amdHeader}"`,
    );
  }
  return {
    destination: { protocol: transport, address: host, port },
    domain,
    ...(username === undefined || password === undefined
      ? {}
      : { fromUser: username, credentials: { username, password } }),
    ...(registerExpiresS === undefined ? {} : { registerExpiresS }),
    ...(amdHeader === undefined ? {} : { amdHeader }),
  };
}

function registerOf(text: string | undefined, username: string | undefined): number | undefined {
  if (text === undefined || text === 'off') return undefined;
  const seconds = Number(text);
  if (!/^\d+$/.test(text) || seconds < 60 || seconds > 86_400) {
    throw new TrunkSettingsError(
      'register',
      `trunk registration: expected seconds from 60 to 86400, or "off", got "${text}"`,
    );
  }
  if (username === undefined) {
    throw new TrunkSettingsError(
      'register',
      'trunk registration needs the account: give the username and password too',
    );
  }
  return seconds;
}
