// The agent desktop's phone (SPD3): asks the server for the agent's softphone access (protocol
// softphone.ts), starts a Softphone with it, renews the credential before it expires, and asks
// for a fresh one when the registrar refuses the one it has (the server restarted).
import { SoftphoneAccess } from '@relais/protocol';
import { ApiFailure, type ApiClient } from '../../api/api-client.ts';
import type { SipAgent, SoftphoneConfig } from './sip-agent.ts';
import { Softphone, type SoftphoneHooks } from './softphone.ts';

/** Why the desktop has no phone although telephony is on. */
export type DeskPhoneRefusal = 'NoSipUser' | 'NoWebSocket' | 'failed';

export type DeskPhoneState =
  | { readonly kind: 'loading' }
  /** The server runs without telephony: the desktop shows no phone. */
  | { readonly kind: 'off' }
  | { readonly kind: 'unavailable'; readonly reason: DeskPhoneRefusal; readonly message: string }
  | { readonly kind: 'on'; readonly softphone: Softphone };

/** Makes the SIP user agent (JsSIP in the browser, loaded only when telephony is on). */
export type SipAgentFactory = (config: SoftphoneConfig) => SipAgent | Promise<SipAgent>;

/** A renewal that failed (server briefly away) is tried again this much later. */
const RENEW_RETRY_MS = 30_000;

export function softphoneConfig(access: SoftphoneAccess, displayName?: string): SoftphoneConfig {
  return {
    webSocketUrl: access.webSocketUrl,
    sipUri: access.sipUri,
    authorizationUser: access.authorizationUser,
    password: access.password,
    ...(displayName === undefined ? {} : { displayName }),
  };
}

export class DeskPhone {
  private state: DeskPhoneState = { kind: 'loading' };
  private readonly listeners = new Set<() => void>();
  private renewTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  /** Each start and stop makes the work of an earlier start stale (React may start twice). */
  private generation = 0;
  /** A refused registration asks for one new credential; the next refusal is shown as it is. */
  private renewedAfterRefusal = false;

  constructor(
    private readonly api: ApiClient,
    private readonly agentId: string,
    private readonly makeAgent: SipAgentFactory,
    private readonly hooks: SoftphoneHooks = {},
  ) {}

  getState = (): DeskPhoneState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Fetches the access and starts the phone; a failure is the `unavailable` state. */
  async start(): Promise<void> {
    this.stopped = false;
    const generation = ++this.generation;
    const current = (): boolean => generation === this.generation;
    this.set({ kind: 'loading' });
    let access: SoftphoneAccess;
    try {
      access = await this.fetchAccess();
    } catch (error) {
      if (current()) this.set(refusalOf(error));
      return;
    }
    if (!current()) return;
    let agent: SipAgent;
    try {
      agent = await this.makeAgent(softphoneConfig(access, this.agentId));
    } catch (error) {
      if (current()) this.set({ kind: 'unavailable', reason: 'failed', message: messageOf(error) });
      return;
    }
    if (!current()) return;
    const softphone = new Softphone(agent, this.hooks);
    softphone.subscribe(() => this.watch(softphone));
    this.schedule(access.renewInSeconds * 1000);
    this.set({ kind: 'on', softphone });
    softphone.start();
  }

  /** Tries again after `unavailable` (the agent's retry button). */
  retry(): Promise<void> {
    this.stop();
    return this.start();
  }

  stop(): void {
    this.stopped = true;
    this.generation += 1;
    if (this.renewTimer !== undefined) clearTimeout(this.renewTimer);
    this.renewTimer = undefined;
    if (this.state.kind === 'on') this.state.softphone.stop();
  }

  private fetchAccess(): Promise<SoftphoneAccess> {
    return this.api.send(
      'POST',
      `/api/v1/agents/${encodeURIComponent(this.agentId)}/softphone-credential`,
      {},
      SoftphoneAccess,
    );
  }

  private schedule(delayMs: number, reconnect = false): void {
    if (this.renewTimer !== undefined) clearTimeout(this.renewTimer);
    this.renewTimer = setTimeout(() => void this.renew(reconnect), delayMs);
  }

  /** A new credential for the next registrations; `reconnect`: register with it at once. */
  private async renew(reconnect: boolean): Promise<void> {
    if (this.state.kind !== 'on') return;
    const { softphone } = this.state;
    let access: SoftphoneAccess;
    try {
      access = await this.fetchAccess();
    } catch {
      // The server may be restarting: ask again later, and register then if that was the point.
      if (!this.stopped) this.schedule(RENEW_RETRY_MS, reconnect);
      return;
    }
    if (this.stopped) return;
    softphone.setCredentials(access.authorizationUser, access.password);
    this.schedule(access.renewInSeconds * 1000);
    if (reconnect) softphone.reconnect();
  }

  private watch(softphone: Softphone): void {
    const { registration, error } = softphone.getState();
    if (registration === 'registered') this.renewedAfterRefusal = false;
    if (registration !== 'error' || error !== 'Authentication Error') return;
    if (this.renewedAfterRefusal) return;
    this.renewedAfterRefusal = true;
    void this.renew(true);
  }

  private set(state: DeskPhoneState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}

function refusalOf(error: unknown): DeskPhoneState {
  if (error instanceof ApiFailure) {
    if (error.status === 404) return { kind: 'off' };
    if (error.code === 'NoSipUser' || error.code === 'NoWebSocket')
      return { kind: 'unavailable', reason: error.code, message: error.message };
  }
  return { kind: 'unavailable', reason: 'failed', message: messageOf(error) };
}

const messageOf = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);
