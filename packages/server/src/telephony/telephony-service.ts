// Telephony inside the server: the SIP endpoint (UDP, TCP, WebSocket), the registrar agent
// phones register with (their SIP users are agents' configuration), rtpengine for media, the
// call-center B2BUA, and the bridge that ties its calls to the engine's contacts.
import { randomBytes } from 'node:crypto';
import type { Store } from '@relais/store';
import {
  CallCenterB2bua,
  DialogLayer,
  DtmfListener,
  NgClient,
  OutboundCaller,
  Registrar,
  TrunkRegistration,
  RtpengineMediaControl,
  SipEndpoint,
  realScheduler,
  startRtpengine,
  type AgentEndpoint,
  type CallEvent,
  type OutboundEvent,
  type RunningRtpengine,
} from '@relais/telephony';
import type { Registry } from 'prom-client';
import type { Tenants } from '../runtime/tenants.ts';
import { CallBridge, type BridgeLog } from './call-bridge.ts';
import { fromPhoneKey, PhoneBook, type ConfigChange } from './phone-book.ts';
import {
  SoftphoneCredentials,
  sipUserOf,
  type SoftphoneCredential,
} from './softphone-credentials.ts';
import { TelephonyMetrics } from './telephony-metrics.ts';
import type { TelephonyOptions } from './telephony-options.ts';

/** How often expired registrations are dropped. */
const SWEEP_MS = 30_000;

export interface TelephonyDeps {
  readonly store: Store;
  readonly tenants: Tenants;
  readonly registry: Registry;
  readonly log: BridgeLog & { info(details: object, message: string): void };
  /** Told of every call event after the bridge (tests, logs). */
  readonly onCallEvent?: (event: CallEvent) => void;
  /** The wall clock softphone credentials expire on (default Date.now). */
  readonly clock?: () => number;
}

/** What an agent's desktop softphone registers with (SPD1), or why it has none. */
export type SoftphoneAccessResult =
  | {
      readonly webSocketUrl: string;
      readonly sipUri: string;
      readonly realm: string;
      readonly credential: SoftphoneCredential;
    }
  | { readonly refused: 'NoSipUser' | 'NoWebSocket' };

export class TelephonyService {
  /** SIP user → the address of record its phone registered last. */
  private readonly aors = new Map<string, string>();
  private sweepTimer: NodeJS.Timeout | undefined;
  private reloading: Promise<void> = Promise.resolve();
  private readonly callListeners = new Set<(event: CallEvent | OutboundEvent) => void>();
  /** Calls placed through the SIP trunk, when one is configured. */
  outbound: OutboundCaller | undefined;
  /** The trunk account's registration, when asked for. */
  trunkRegistration: TrunkRegistration | undefined;
  /** The identification message played on a dialer's drop (with a trunk). */
  identificationFile: string | undefined;

  private constructor(
    readonly endpoint: SipEndpoint,
    readonly registrar: Registrar,
    readonly b2bua: CallCenterB2bua,
    readonly bridge: CallBridge,
    readonly phoneBook: PhoneBook,
    private readonly rtpengine: RunningRtpengine | undefined,
    /** rtpengine's control client (tests query it for a call's ports). */
    readonly ng: NgClient,
    private readonly store: Store,
    /** rtpengine's DTMF log (RFC 4733 digits), when Relais started rtpengine. */
    private readonly dtmf: DtmfListener | undefined,
    private readonly credentials: SoftphoneCredentials,
    private readonly realm: string,
    /** `--sip-ws-url`: the WebSocket as browsers reach it, when a proxy stands in front. */
    private readonly wsUrl: string | undefined,
  ) {}

  static async start(options: TelephonyOptions, deps: TelephonyDeps): Promise<TelephonyService> {
    const phoneBook = new PhoneBook();
    await phoneBook.load(deps.store);
    // rtpengine reports RFC 4733 digits as JSON datagrams (`dtmf-log-dest`); the B2BUA built
    // below receives them.
    const digits: { b2bua?: CallCenterB2bua } = {};
    const starts = 'start' in options.rtpengine;
    const dtmf =
      starts || options.dtmfLogPort !== undefined
        ? await DtmfListener.open({
            address: options.host,
            port: options.dtmfLogPort ?? 0,
            onDigit: (digit) => digits.b2bua?.mediaDtmf(digit),
          })
        : undefined;
    const rtpengine = !starts
      ? undefined
      : await startRtpengine({
          address: options.host,
          ...('ports' in options.rtpengine && options.rtpengine.ports !== undefined
            ? { portMin: options.rtpengine.ports.min, portMax: options.rtpengine.ports.max }
            : {}),
          ...(dtmf === undefined
            ? {}
            : { dtmfLogDest: { address: dtmf.address, port: dtmf.port } }),
        }).catch(async (error: unknown) => {
          await dtmf?.close();
          throw error;
        });
    const ng =
      rtpengine?.client ??
      (await NgClient.open(options.rtpengine as { host: string; port: number }).catch(
        async (error: unknown) => {
          await dtmf?.close();
          throw error;
        },
      ));
    let endpoint: SipEndpoint;
    try {
      endpoint = await SipEndpoint.start({
        host: options.host,
        udpPort: options.udpPort,
        tcpPort: options.tcpPort,
        wsPort: options.wsPort,
        userAgent: 'Relais',
      });
    } catch (error) {
      await rtpengine?.stop();
      await dtmf?.close();
      throw error;
    }
    const newId = () => randomBytes(8).toString('hex');
    const dialogs = new DialogLayer(endpoint, {
      scheduler: realScheduler,
      newId,
      random: Math.random,
      contact: (protocol) => {
        const local = endpoint.local(protocol);
        return `sip:relais@${local.address}:${local.port}${protocol === 'udp' ? '' : `;transport=${protocol}`}`;
      },
    });
    const late: { service?: TelephonyService } = {};
    const realm = options.realm ?? options.host;
    const credentials = new SoftphoneCredentials(randomBytes(32), deps.clock ?? Date.now);
    const registrar = new Registrar({
      realm,
      secret: randomBytes(32).toString('hex'),
      // A phone's SIP user and stored password, or a desktop softphone's credential (SPD1).
      lookupPassword: (user) =>
        phoneBook.account(user)?.password ??
        credentials.passwordFor(user, (sipUser) => phoneBook.account(sipUser)),
      authorize: (user, aor) => userOfAor(aor) === sipUserOf(user),
      algorithms: options.digestAlgorithms ?? ['MD5'],
      onBindingsChanged: (aor, contacts) => {
        const user = contacts[0]?.username;
        if (user !== undefined) late.service?.aors.set(sipUserOf(user), aor);
      },
    });
    registrar.attach(endpoint);
    const media = new RtpengineMediaControl(ng, { holdMusic: { file: options.holdMusicFile } });
    const b2bua = new CallCenterB2bua({
      dialogs,
      media,
      scheduler: realScheduler,
      newId,
      resolveAgent: (key) => late.service?.resolveAgent(key),
      onEvent: (event) => {
        late.service?.bridge.onCallEvent(event);
        late.service?.tell(event);
        deps.onCallEvent?.(event);
      },
    });
    digits.b2bua = b2bua;
    const metrics = new TelephonyMetrics(
      deps.registry,
      () => b2bua.activeCalls,
      () => registrar.aorCount,
    );
    const bridge = new CallBridge(
      b2bua,
      deps.tenants,
      phoneBook,
      metrics,
      deps.log,
      options.promptsDir,
    );
    const service = new TelephonyService(
      endpoint,
      registrar,
      b2bua,
      bridge,
      phoneBook,
      rtpengine,
      ng,
      deps.store,
      dtmf,
      credentials,
      realm,
      options.wsUrl,
    );
    late.service = service;
    if (options.trunk !== undefined) service.connectTrunk(options, dialogs, media, b2bua, deps.log);
    service.sweepTimer = setInterval(() => registrar.sweep(), SWEEP_MS);
    service.sweepTimer.unref();
    deps.log.info(
      {
        sip: service.listening(),
        rtpengine: rtpengine === undefined ? options.rtpengine : { started: rtpengine.ngPort },
      },
      'telephony on',
    );
    return service;
  }

  /** Hears every call event and outbound call event; returns the unsubscribe. */
  onCall(listener: (event: CallEvent | OutboundEvent) => void): () => void {
    this.callListeners.add(listener);
    return () => this.callListeners.delete(listener);
  }

  private tell(event: CallEvent | OutboundEvent): void {
    for (const listener of this.callListeners) listener(event);
  }

  /** The SIP trunk: outbound calls through it, and its registration when asked for. */
  private connectTrunk(
    options: TelephonyOptions,
    dialogs: DialogLayer,
    media: RtpengineMediaControl,
    b2bua: CallCenterB2bua,
    log: TelephonyDeps['log'],
  ): void {
    const trunk = options.trunk;
    if (trunk === undefined) return;
    const newId = () => randomBytes(8).toString('hex');
    this.identificationFile = trunk.identificationFile;
    this.outbound = new OutboundCaller({
      dialogs,
      media,
      b2bua,
      trunk: trunk.settings,
      scheduler: realScheduler,
      newCnonce: newId,
      onEvent: (event) => this.tell(event),
    });
    const { settings } = trunk;
    if (settings.registerExpiresS === undefined) return;
    const protocol = settings.destination.protocol;
    const local = this.endpoint.local(protocol);
    this.trunkRegistration = new TrunkRegistration({
      endpoint: this.endpoint,
      trunk: settings,
      contact: `sip:${settings.fromUser ?? 'relais'}@${local.address}:${local.port}${protocol === 'udp' ? '' : `;transport=${protocol}`}`,
      scheduler: realScheduler,
      newId,
      onEvent: (event) => {
        if (event.type === 'failed') log.warn({ trunk: event }, 'SIP trunk registration failed');
        else log.info({ trunk: event }, 'SIP trunk registration');
      },
    });
    void this.trunkRegistration.start();
  }

  /** Where SIP listens, e.g. `UDP 192.0.2.5:5060`. */
  listening(): string[] {
    return (['udp', 'tcp', 'ws'] as const).flatMap((protocol) => {
      try {
        const local = this.endpoint.local(protocol);
        return [`${protocol.toUpperCase()} ${local.address}:${local.port}`];
      } catch {
        return []; // that transport is off
      }
    });
  }

  /**
   * What the agent's desktop softphone registers with: the WebSocket, its address of record and
   * a fresh short-lived credential (SPD1); the stored SIP password never leaves the server.
   */
  softphoneAccess(tenantId: string, agentId: string): SoftphoneAccessResult {
    const account = this.phoneBook.accountOf(tenantId, agentId);
    if (account === undefined) return { refused: 'NoSipUser' };
    let ws: { address: string; port: number };
    try {
      ws = this.endpoint.local('ws');
    } catch {
      return { refused: 'NoWebSocket' }; // --sip-ws-port off
    }
    return {
      webSocketUrl: this.wsUrl ?? `ws://${ws.address}:${ws.port}`,
      sipUri: `sip:${account.user}@${this.realm}`,
      realm: this.realm,
      credential: this.credentials.issue(account),
    };
  }

  /** The agent's phone, by the B2BUA's agent key: its SIP user's best registered contact. */
  resolveAgent(key: string): AgentEndpoint | undefined {
    const agent = fromPhoneKey(key);
    if (agent === undefined) return undefined;
    const account = this.phoneBook.accountOf(agent.tenantId, agent.agentId);
    const aor = account === undefined ? undefined : this.aors.get(account.user);
    if (aor === undefined) return undefined;
    const [contact] = this.registrar.resolve(aor);
    if (contact === undefined) return undefined;
    return {
      uri: contact.uri,
      destination: contact.destination,
      // Browsers (SIP over WebSocket) need ICE and DTLS-SRTP; desk phones plain RTP.
      media: contact.destination.protocol === 'ws' ? 'webrtc' : 'rtp',
    };
  }

  /**
   * Takes in routing numbers and SIP users after a configuration write, the written rows alone
   * when given (no store read), else everything again; resolves once done, in order of calls.
   */
  configChanged(changes?: readonly ConfigChange[]): Promise<void> {
    this.reloading = this.reloading.then(() => {
      if (changes === undefined) return this.phoneBook.load(this.store).catch(() => undefined);
      for (const change of changes) this.phoneBook.apply(change);
      return undefined;
    });
    return this.reloading;
  }

  /** Ends every call (contacts ended or cancelled first), then closes SIP and rtpengine. */
  async stop(): Promise<void> {
    if (this.sweepTimer !== undefined) clearInterval(this.sweepTimer);
    this.outbound?.cancelAll();
    await this.bridge.shutdown();
    await this.trunkRegistration?.stop();
    await this.reloading;
    await this.endpoint.close();
    if (this.rtpengine !== undefined) await this.rtpengine.stop();
    else await this.ng.close();
    await this.dtmf?.close();
  }
}

/** The user part of an address of record (`sip:agent-7@host` → `agent-7`). */
function userOfAor(aor: string): string {
  return aor.slice(aor.indexOf(':') + 1, aor.lastIndexOf('@'));
}
