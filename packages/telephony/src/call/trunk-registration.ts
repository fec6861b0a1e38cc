// Registration of Relais's account with a SIP trunk (RFC 3261 §10.2): REGISTER with digest
// answers to 401/407, refreshed before the granted expiry, retried after failures. The trunk then
// sends the account's inbound calls to our Contact.
import { DigestClient } from '../sip/auth/digest-client.ts';
import type { SipEndpoint } from '../sip/endpoint/sip-endpoint.ts';
import {
  header,
  headerValue,
  headerValues,
  type SipRequest,
  type SipResponse,
} from '../sip/message/message.ts';
import { parseNameAddr } from '../sip/message/name-addr.ts';
import type { TimerScheduler } from '../sip/transaction/timers.ts';
import type { TrunkSettings } from './trunk-settings.ts';

/** What the registration reports (logs, metrics, tests). */
export type TrunkRegistrationEvent =
  | { readonly type: 'registered'; readonly expiresS: number }
  | { readonly type: 'failed'; readonly detail: string; readonly retryInS: number }
  | { readonly type: 'unregistered' };

export interface TrunkRegistrationOptions {
  readonly endpoint: SipEndpoint;
  readonly trunk: TrunkSettings;
  /** Our Contact URI on the trunk's transport (where the trunk sends inbound calls). */
  readonly contact: string;
  readonly scheduler: TimerScheduler;
  readonly newId: () => string;
  readonly onEvent: (event: TrunkRegistrationEvent) => void;
  /** Seconds before retrying a failed registration; default 30. */
  readonly retryS?: number;
}

export class TrunkRegistration {
  private readonly callId: string;
  private readonly digest: DigestClient;
  private readonly fromTag: string;
  private cseq = 0;
  private cancelTimer: () => void = () => undefined;
  private stopped = false;
  /** The registration in flight (stop waits for it). */
  private current: Promise<void> = Promise.resolve();
  /** Seconds the trunk granted last; 0 while not registered. */
  expiresS = 0;
  /** Successful registrations so far (the first and each refresh). */
  registrations = 0;

  constructor(private readonly options: TrunkRegistrationOptions) {
    if (options.trunk.credentials === undefined || options.trunk.registerExpiresS === undefined) {
      throw new Error(
        'trunk registration needs the account (username, password) and an expiry in seconds',
      );
    }
    this.digest = new DigestClient(options.trunk.credentials, options.newId);
    this.callId = options.newId();
    this.fromTag = options.newId();
  }

  /** Registers now; later refreshes and retries run on their own until `stop`. */
  start(): Promise<void> {
    this.current = this.register(this.options.trunk.registerExpiresS ?? 0);
    return this.current;
  }

  /** Stops refreshing and removes the binding (REGISTER with Expires: 0). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.cancelTimer();
    await this.current;
    if (this.expiresS === 0) return;
    this.expiresS = 0;
    await this.exchange(0).catch(() => undefined);
    this.options.onEvent({ type: 'unregistered' });
  }

  private async register(expiresS: number): Promise<void> {
    if (this.stopped) return;
    let granted: number;
    try {
      granted = await this.exchange(expiresS);
    } catch (error) {
      this.expiresS = 0;
      const retryInS = this.options.retryS ?? 30;
      this.options.onEvent({
        type: 'failed',
        detail: error instanceof Error ? error.message : String(error),
        retryInS,
      });
      this.later(retryInS * 1000);
      return;
    }
    this.expiresS = granted;
    this.registrations++;
    this.options.onEvent({ type: 'registered', expiresS: granted });
    // Refresh at half the granted time, at least 5 s before it runs out (§10.2.4 leaves it to us).
    this.later(Math.max(1, Math.min(granted / 2, granted - 5)) * 1000);
  }

  private later(delayMs: number): void {
    if (this.stopped) return;
    this.cancelTimer();
    this.cancelTimer = this.options.scheduler.schedule(delayMs, () => {
      this.current = this.register(this.options.trunk.registerExpiresS ?? 0);
    });
  }

  /** One REGISTER, answering one challenge; resolves with the granted seconds. */
  private async exchange(expiresS: number): Promise<number> {
    const { trunk, endpoint } = this.options;
    let request = this.request(expiresS);
    let response = await endpoint.send(request, trunk.destination);
    if (response.status === 401 || response.status === 407) {
      const retried = this.digest.retry(request, response, this.options.newId());
      if (retried === undefined) {
        throw new Error(
          `the trunk answered ${response.status} with no digest challenge Relais can answer (MD5 or SHA-256, qop auth)`,
        );
      }
      this.cseq++;
      request = retried;
      response = await endpoint.send(request, trunk.destination);
      if (response.status === 401 || response.status === 407) {
        throw new Error(
          `the trunk refused the credentials of "${trunk.credentials?.username ?? ''}" (${response.status} again): check the username and password`,
        );
      }
    }
    if (response.status === 423) {
      throw new Error(
        `the trunk wants a longer registration (423, Min-Expires ${headerValue(response, 'min-expires') ?? '?'}): raise the registration seconds`,
      );
    }
    if (response.status < 200 || response.status >= 300) {
      throw new Error(`the trunk answered REGISTER with ${response.status} ${response.reason}`);
    }
    return expiresS === 0 ? 0 : grantedOf(response, this.options.contact, expiresS);
  }

  private request(expiresS: number): SipRequest {
    const { trunk, endpoint, contact } = this.options;
    const user = trunk.credentials?.username ?? '';
    const aor = `<sip:${user}@${trunk.domain}>`;
    this.cseq++;
    return endpoint.createRequest(
      {
        method: 'REGISTER',
        uri: `sip:${trunk.domain}`,
        from: `${aor};tag=${this.fromTag}`,
        to: aor,
        callId: this.callId,
        cseq: this.cseq,
        headers: [header('Contact', `<${contact}>`), header('Expires', String(expiresS))],
      },
      trunk.destination.protocol,
    );
  }
}

/** The seconds granted to our Contact: its `expires` parameter, else Expires, else what we asked. */
function grantedOf(response: SipResponse, contact: string, asked: number): number {
  for (const value of headerValues(response, 'contact')) {
    const parsed = parseNameAddr(value);
    if (parsed === undefined || !sameUri(parsed.uri, contact)) continue;
    const expires = parsed.params.find(([name]) => name === 'expires')?.[1];
    const seconds = Number(expires);
    if (expires !== undefined && expires !== null && Number.isInteger(seconds)) return seconds;
  }
  const header = Number(headerValue(response, 'expires'));
  return Number.isInteger(header) && header > 0 ? header : asked;
}

function sameUri(a: string, b: string): boolean {
  return a.toLowerCase().replace(/;.*$/, '') === b.toLowerCase().replace(/;.*$/, '');
}
