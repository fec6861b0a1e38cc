// The B2BUA on loopback with real rtpengine, for the sipp tests: endpoint, dialog layer, media
// control, and a tiny scripted driver standing in for the server (it is not the engine).
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DtmfListener } from '../../media/dtmf-events.ts';
import { audioRtpStream } from '../../media/ng-query.ts';
import {
  AGENT_TAG,
  CALLER_TAG,
  RtpengineMediaControl,
} from '../../media/rtpengine-media-control.ts';
import { startRtpengine, type RunningRtpengine } from '../../media/rtpengine-process.ts';
import { waitUntil } from '../../media/testing/rtp-peer.ts';
import { makeToneWav } from '../../media/testing/wav.ts';
import { DialogLayer } from '../../sip/dialog/dialog-layer.ts';
import { SipEndpoint } from '../../sip/endpoint/sip-endpoint.ts';
import { seededRandom } from '../../sip/testing/seeded-random.ts';
import type { TimerScheduler } from '../../sip/transaction/timers.ts';
import { realScheduler } from '../../sip/transport/real-scheduler.ts';
import { CallCenterB2bua } from '../b2bua.ts';
import type { AgentEndpoint, CallEvent } from '../call-control.ts';

/** The real scheduler, counting the timers still pending (a leak shows as a count above 0). */
export class CountingScheduler implements TimerScheduler {
  pending = 0;

  schedule(delayMs: number, fire: () => void): () => void {
    this.pending++;
    let live = true;
    const settle = () => {
      if (live) this.pending--;
      live = false;
    };
    const cancel = realScheduler.schedule(delayMs, () => {
      settle();
      fire();
    });
    return () => {
      settle();
      cancel();
    };
  }
}

export class B2buaHarness {
  readonly events: CallEvent[] = [];
  readonly errors: string[] = [];
  /** Agent id → phone, as the registrar will supply them. */
  readonly agents = new Map<string, AgentEndpoint>();
  /** What the scripted driver does on each event (replaced per test). */
  script: (event: CallEvent, b2bua: CallCenterB2bua) => Promise<void> | void = () => undefined;

  private constructor(
    readonly engine: RunningRtpengine,
    readonly endpoint: SipEndpoint,
    readonly dialogs: DialogLayer,
    readonly b2bua: CallCenterB2bua,
    /** The timers of the dialog layer and the B2BUA (not the transaction layer's). */
    readonly timers: CountingScheduler,
    /** rtpengine's DTMF log, fed to the B2BUA (RFC 4733 digits). */
    readonly dtmf: DtmfListener,
    /** A 0.4 s tone to announce with (music on hold is a 1 s tone of another pitch). */
    readonly announcementFile: string,
    readonly media: RtpengineMediaControl,
    /** A 1 s tone rtpengine can play (music on hold, announcements). */
    readonly toneFile: string,
  ) {}

  /** `mediaPorts`: rtpengine's port range, in hundreds (default 100 ports: 25 calls at once). */
  static async start(options: { mediaPorts?: number } = {}): Promise<B2buaHarness> {
    const late: { harness?: B2buaHarness } = {};
    const dtmf = await DtmfListener.open({
      address: '127.0.0.1',
      onDigit: (digit) => late.harness?.b2bua.mediaDtmf(digit),
    });
    const blocks = Math.ceil((options.mediaPorts ?? 100) / 100);
    // A random block below Linux's ephemeral range, as startRtpengine's own default does.
    const portMin = 20_000 + 100 * Math.floor(Math.random() * (127 - blocks));
    const engine = await startRtpengine({
      portMin,
      portMax: portMin + 100 * blocks - 1,
      dtmfLogDest: { address: '127.0.0.1', port: dtmf.port },
    });
    const directory = await mkdtemp(join(tmpdir(), 'relais-moh-'));
    const musicFile = join(directory, 'hold.wav');
    await writeFile(musicFile, makeToneWav({ seconds: 1 }));
    const announcementFile = join(directory, 'announcement.wav');
    await writeFile(announcementFile, makeToneWav({ seconds: 0.4, hz: 880 }));
    const media = new RtpengineMediaControl(engine.client, { holdMusic: { file: musicFile } });
    const endpoint = await SipEndpoint.start({ udpPort: 0, tcpPort: 0 });
    const random = seededRandom(9);
    let counter = 0;
    const newId = () => `${(++counter).toString(36)}-${Math.floor(random() * 1e9).toString(36)}`;
    const timers = new CountingScheduler();
    const dialogs = new DialogLayer(endpoint, {
      scheduler: timers,
      newId,
      random,
      contact: (protocol) => {
        const local = endpoint.local(protocol);
        return `sip:relais@${local.address}:${local.port}${protocol === 'tcp' ? ';transport=tcp' : ''}`;
      },
    });
    // The B2BUA's callbacks reach the harness built just after it.
    const b2bua = new CallCenterB2bua({
      dialogs,
      media,
      scheduler: timers,
      newId,
      resolveAgent: (agentId) => late.harness?.agents.get(agentId),
      onEvent: (event) => late.harness?.receive(event),
    });
    late.harness = new B2buaHarness(
      engine,
      endpoint,
      dialogs,
      b2bua,
      timers,
      dtmf,
      announcementFile,
      media,
      musicFile,
    );
    return late.harness;
  }

  get port(): number {
    return this.endpoint.local('udp').port;
  }

  /** Registers an agent whose phone listens on `port` (a sipp UAS, or an in-process phone). */
  agentOn(agentId: string, port: number, protocol: 'udp' | 'tcp' = 'udp'): void {
    this.agents.set(agentId, {
      uri: `sip:${agentId}@127.0.0.1:${port}${protocol === 'tcp' ? ';transport=tcp' : ''}`,
      destination: { protocol, address: '127.0.0.1', port },
      media: 'rtp',
    });
  }

  /** The first event of a type (for a call), waiting for it. */
  async event<T extends CallEvent['type']>(
    type: T,
    callId?: string,
  ): Promise<Extract<CallEvent, { type: T }>> {
    const find = () =>
      this.events.find((e) => e.type === type && (callId === undefined || e.callId === callId));
    await waitUntil(() => find() !== undefined, `event ${type}`, 25_000);
    return find() as Extract<CallEvent, { type: T }>;
  }

  ofCall(callId: string): CallEvent[] {
    return this.events.filter((e) => e.callId === callId);
  }

  /** The port rtpengine gave a participant (`caller` or `agent`) of a call. */
  async rtpenginePort(callId: string, who: 'caller' | 'agent'): Promise<number> {
    const stream = audioRtpStream(
      await this.engine.client.query({ callId }),
      who === 'caller' ? CALLER_TAG : AGENT_TAG,
    );
    if (stream?.localPort === undefined)
      throw new Error(`rtpengine has no ${who} port for ${callId}`);
    return stream.localPort;
  }

  reset(): void {
    this.events.length = 0;
    this.errors.length = 0;
    this.agents.clear();
    this.script = () => undefined;
  }

  async stop(): Promise<void> {
    await this.endpoint.close();
    await this.engine.stop();
    await this.dtmf.close();
  }

  private receive(event: CallEvent): void {
    this.events.push(event);
    Promise.resolve()
      .then(() => this.script(event, this.b2bua))
      .catch((error: unknown) =>
        this.errors.push(
          `${event.type}: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
  }
}
