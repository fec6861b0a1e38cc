import type { FastifyBaseLogger } from 'fastify';
import type { Store } from '@relais/store';
import type { DialerService } from './campaigns/live/dialer-service.ts';
import type { AnyRoute } from './http/route.ts';
import type { ServerMetrics } from './metrics.ts';
import type { ConfigWrites } from './routes/config-writes.ts';
import type { PhoneClaims } from './telephony/phone-claims.ts';
import type { TelephonyService } from './telephony/telephony-service.ts';
import type { Tenants } from './runtime/tenants.ts';
import type { WebhookDispatcher } from './webhooks/dispatcher.ts';

/** What every route handler may use. */
export interface ServerContext {
  store: Store;
  tenants: Tenants;
  /** Wall clock for sessions, lockouts and webhooks (the engine keeps its own monotonic time). */
  clock: () => number;
  routes: AnyRoute[];
  log: FastifyBaseLogger;
  settings: ServerSettings;
  metrics: ServerMetrics;
  webhooks: WebhookDispatcher;
  /** The live dialing loop of outbound campaigns (real calls with a SIP trunk, else simulated). */
  dialer: DialerService;
  /** Who holds each routing number and SIP user across tenants (their uniqueness, TEL29). */
  phoneClaims: PhoneClaims;
  /** Writes of one configuration row, one at a time (TEL30). */
  configWrites: ConfigWrites;
  /**
   * SIP calls (`relais serve --sip-…`), when telephony is on: told of configuration changes, and
   * gives agents' desktop softphones what they register with.
   */
  telephony?: Pick<TelephonyService, 'configChanged' | 'softphoneAccess'>;
}

export interface ServerSettings {
  sessionHours: number;
  maxLoginFailures: number;
  lockoutMinutes: number;
  /** Cookies flagged Secure (behind HTTPS). */
  secureCookies: boolean;
  /** Sign-in attempts per minute per address. */
  loginPerMinute: number;
  /** Agent actions per minute on one stream socket. */
  streamActionsPerMinute: number;
  /** How often the wallboard feed sends what changed (at most one message per period). */
  wallboardTickMs: number;
}

export const DEFAULT_SETTINGS: ServerSettings = {
  sessionHours: 12,
  maxLoginFailures: 5,
  lockoutMinutes: 15,
  secureCookies: false,
  loginPerMinute: 10,
  streamActionsPerMinute: 600,
  wallboardTickMs: 1000,
};
