// The registrar (RFC 3261 §10.3): digest-authenticated REGISTER, bindings per address-of-record,
// and `resolve(aor)`: where to send a request for an agent's phone, on the flow it registered on
// when that is the only way back (WebSocket, TCP, NAT).
import { isIP } from 'node:net';
import { DigestServer } from '../auth/digest-server.ts';
import type { DigestAlgorithm } from '../auth/digest.ts';
import type { IncomingRequest, SipEndpoint } from '../endpoint/sip-endpoint.ts';
import { topVia } from '../message/fields.ts';
import { header, headerValues, type SipHeader, type SipRequest } from '../message/message.ts';
import { serializeNameAddr } from '../message/name-addr.ts';
import { paramValue } from '../message/params.ts';
import { parseUri, UriError } from '../message/uri.ts';
import type { RemoteAddress } from '../transport/types.ts';
import { addressOfRecord } from './addresses.ts';
import { BindingStore, type Binding, type BindingPolicy } from './binding-store.ts';
import { readRegister, RegisterRejected, type ContactChange } from './register-request.ts';

export interface RegistrarOptions {
  /** The digest realm phones authenticate in. */
  readonly realm: string;
  /** Signs the nonces (DigestServer); the same on every node. */
  readonly secret: string;
  /** The SIP password of a user, or undefined when there is no such user. */
  readonly lookupPassword: (username: string) => string | undefined;
  /** May this authenticated user change this AoR's bindings? Default: the AoR's user part is the username. */
  readonly authorize?: (username: string, aor: string) => boolean;
  /** Domains served (Request-URI host); any when absent. */
  readonly domains?: readonly string[];
  readonly algorithms?: readonly DigestAlgorithm[];
  /** The registrar's clock in milliseconds (bindings expire on it). */
  readonly now?: () => number;
  readonly policy?: Partial<BindingPolicy>;
  /** Told after every change of an AoR's bindings (registration, refresh, removal, expiry, flow closed). */
  readonly onBindingsChanged?: (aor: string, bindings: readonly RegisteredContact[]) => void;
}

/** A binding as the rest of Relais sees it. */
export interface RegisteredContact {
  readonly aor: string;
  readonly uri: string;
  readonly q: number | undefined;
  /** Seconds left. */
  readonly expiresIn: number;
  readonly username: string;
  /** Where the REGISTER came from. */
  readonly flow: RemoteAddress;
  /** Where to send requests (INVITE, OPTIONS) for this contact. */
  readonly destination: RemoteAddress;
  /** The RFC 5626 instance id (`<urn:uuid:…>`), when the phone gave one. */
  readonly instance: string | undefined;
}

export const DEFAULT_BINDING_POLICY: BindingPolicy = {
  minExpires: 60,
  maxExpires: 3600,
  defaultExpires: 3600,
  maxBindingsPerAor: 10,
};

/** Extensions the registrar understands in Require (RFC 3261 §10.3 step 2). */
const SUPPORTED = new Set(['path', 'outbound', 'gruu']);

export interface RegisterOutcome {
  readonly status: number;
  readonly headers: readonly SipHeader[];
  /** For refusals: why (also in the Warning header). */
  readonly reason?: string;
}

export class Registrar {
  private readonly store = new BindingStore();
  private readonly digest: DigestServer;
  private readonly policy: BindingPolicy;
  private readonly now: () => number;

  constructor(private readonly options: RegistrarOptions) {
    this.now = options.now ?? Date.now;
    this.policy = { ...DEFAULT_BINDING_POLICY, ...options.policy };
    checkPolicy(this.policy);
    this.digest = new DigestServer({
      realm: options.realm,
      secret: options.secret,
      lookupPassword: options.lookupPassword,
      now: this.now,
      ...(options.algorithms === undefined ? {} : { algorithms: options.algorithms }),
    });
  }

  /** Answers REGISTER on the endpoint and drops bindings whose connection closes; returns the detach. */
  attach(endpoint: SipEndpoint): () => void {
    endpoint.handle('REGISTER', (incoming) => this.handle(incoming));
    return endpoint.onFlowClosed((flow) => this.flowClosed(flow));
  }

  /** A REGISTER handler for SipEndpoint.handle. */
  handle(incoming: IncomingRequest): void {
    const outcome = this.process(incoming.request, incoming.source);
    incoming.respond(outcome.status, { headers: outcome.headers });
  }

  /** Processes one REGISTER that came from `source`; the caller sends the answer. */
  process(request: SipRequest, source: RemoteAddress): RegisterOutcome {
    try {
      return this.register(request, source);
    } catch (error) {
      if (!(error instanceof RegisterRejected)) throw error;
      return {
        status: error.status,
        reason: error.message,
        headers: [...error.headers, warning(error.message)],
      };
    }
  }

  /** The live contacts of an AoR (any spelling of its URI), best first: highest q, then the latest registered. */
  resolve(aor: string): RegisteredContact[] {
    let key: string;
    try {
      key = addressOfRecord(aor);
    } catch (error) {
      if (error instanceof UriError) return [];
      throw error;
    }
    const now = this.now();
    return this.store.current(key, now).map((b) => this.view(b, now));
  }

  /** A connection closed: its bindings can no longer be reached (RFC 5626 §5.3). */
  flowClosed(flow: RemoteAddress): void {
    const changed = this.store.removeWhere(
      (b) =>
        b.destination.protocol === flow.protocol &&
        b.destination.address === flow.address &&
        b.destination.port === flow.port,
    );
    this.notify(changed);
  }

  /** Forgets expired bindings (call it now and then); lookups never return them anyway. */
  sweep(): void {
    this.notify(this.store.sweep(this.now()));
  }

  get aorCount(): number {
    return this.store.aorCount;
  }

  private register(request: SipRequest, source: RemoteAddress): RegisterOutcome {
    this.checkDomain(request);
    const unsupported = headerValues(request, 'require').filter(
      (o) => !SUPPORTED.has(o.toLowerCase()),
    );
    if (unsupported.length > 0) {
      throw new RegisterRejected(420, `unsupported extension ${unsupported.join(', ')}`, [
        header('Unsupported', unsupported.join(', ')),
      ]);
    }
    const verdict = this.digest.verify(request);
    if (!verdict.ok) {
      const challenge = this.digest.challenge(verdict.reason === 'stale');
      return { status: challenge.status, headers: challenge.headers, reason: verdict.reason };
    }
    const register = readRegister(request, this.policy.maxBindingsPerAor);
    const authorize =
      this.options.authorize ?? ((user: string, aor: string) => userOf(aor) === user);
    if (!authorize(verdict.username, register.aor)) {
      throw new RegisterRejected(403, `user ${verdict.username} may not register ${register.aor}`);
    }
    const now = this.now();
    const nat = behindNat(request, source);
    const before =
      register.intent.kind === 'fetch' ? undefined : this.store.current(register.aor, now);
    const bindings = this.store.apply(
      register,
      {
        now,
        flow: source,
        username: verdict.username,
        destinationFor: (change) => destinationOf(change, source, nat),
      },
      this.policy,
    );
    if (before !== undefined) this.notify([register.aor]);
    const headers = bindings.map((b) => header('Contact', contactValue(b, now)));
    headers.push(header('Date', new Date(now).toUTCString()));
    return { status: 200, headers };
  }

  private checkDomain(request: SipRequest): void {
    if (this.options.domains === undefined) return;
    let host: string | undefined;
    try {
      const uri = parseUri(request.uri);
      host = uri.scheme === 'tel' ? undefined : uri.host.toLowerCase();
    } catch {
      host = undefined;
    }
    if (host === undefined || !this.options.domains.some((d) => d.toLowerCase() === host)) {
      throw new RegisterRejected(404, `this registrar does not serve ${request.uri}`);
    }
  }

  private notify(aors: readonly string[]): void {
    const listener = this.options.onBindingsChanged;
    if (listener === undefined) return;
    const now = this.now();
    for (const aor of aors)
      listener(
        aor,
        this.store.current(aor, now).map((b) => this.view(b, now)),
      );
  }

  private view(binding: Binding, now: number): RegisteredContact {
    const instance = paramValue(binding.params, '+sip.instance');
    return {
      aor: binding.aor,
      uri: binding.uri,
      q: binding.q,
      expiresIn: Math.max(0, Math.ceil((binding.expiresAt - now) / 1000)),
      username: binding.username,
      flow: binding.flow,
      destination: binding.destination,
      instance: typeof instance === 'string' ? instance.replace(/^"|"$/g, '') : undefined,
    };
  }
}

/**
 * REG8: WebSocket and TCP contacts are reached on the connection they registered on; a UDP
 * contact at its own address, unless it asked for the flow (`ob`), names a host that is not an
 * IP address, or the REGISTER came from elsewhere than its Via said (NAT): then at the source.
 */
function destinationOf(change: ContactChange, source: RemoteAddress, nat: boolean): RemoteAddress {
  if (source.protocol !== 'udp') return source;
  const uri = change.parsed;
  const transport = paramValue(uri.params, 'transport');
  const wantsTcp = typeof transport === 'string' && transport.toLowerCase() === 'tcp';
  const host = uri.host.startsWith('[') ? uri.host.slice(1, -1) : uri.host;
  if (nat || paramValue(uri.params, 'ob') !== undefined || isIP(host) === 0) return source;
  return { protocol: wantsTcp ? 'tcp' : 'udp', address: host, port: uri.port ?? 5060 };
}

/** The REGISTER's top Via names another address or port than the one it came from. */
function behindNat(request: SipRequest, source: RemoteAddress): boolean {
  const via = topVia(request);
  if (via === undefined) return true;
  const host = via.host.startsWith('[') ? via.host.slice(1, -1) : via.host;
  return host !== source.address || (via.port ?? 5060) !== source.port;
}

function contactValue(binding: Binding, now: number): string {
  const params: Array<[string, string | null]> = binding.params.map(([n, v]) => [n, v]);
  const seconds = Math.max(0, Math.ceil((binding.expiresAt - now) / 1000));
  params.push(['expires', String(seconds)]);
  if (binding.q !== undefined) params.push(['q', String(binding.q)]);
  return serializeNameAddr({ uri: binding.uri, params });
}

function userOf(aor: string): string {
  return aor.slice(aor.indexOf(':') + 1, aor.lastIndexOf('@'));
}

function warning(text: string): SipHeader {
  return header('Warning', `399 relais "${text.replaceAll('"', "'").slice(0, 160)}"`);
}

function checkPolicy(policy: BindingPolicy): void {
  const { minExpires, maxExpires, defaultExpires, maxBindingsPerAor } = policy;
  const whole = [minExpires, maxExpires, defaultExpires, maxBindingsPerAor].every(
    (n) => Number.isInteger(n) && n >= 0,
  );
  if (
    !whole ||
    maxBindingsPerAor < 1 ||
    minExpires > maxExpires ||
    defaultExpires < minExpires ||
    defaultExpires > maxExpires
  ) {
    throw new RangeError(
      `registrar policy ${JSON.stringify(policy)}: whole numbers with minExpires ≤ defaultExpires ≤ maxExpires and maxBindingsPerAor ≥ 1`,
    );
  }
}
