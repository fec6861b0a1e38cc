// Announcements to callers waiting in a queue: the queue's file (rule VOICE4) and the spoken
// place in line and expected wait (rules POS1–POS6), each at entry and every `everySeconds` while
// the caller still waits. One call hears one thing at a time: what falls due while something
// plays waits its turn, and the music resumes once nothing is left to play.
import { join } from 'node:path';
import type { PositionAnnouncement, QueueAnnouncement } from '@relais/protocol';
import {
  CallControlError,
  positionPrompts,
  type CallControl,
  type PlaceToTell,
} from '@relais/telephony';

export interface AnnouncementLog {
  warn(details: object, message: string): void;
}

/** What a queue's waiting callers hear besides the music. */
export interface AnnouncementPlan {
  readonly announcement?: QueueAnnouncement;
  readonly position?: PositionAnnouncement;
}

export interface WaitingCall {
  /** Whether the caller still waits in the queue (not ringing an agent, not gone). */
  waiting(): boolean;
  /** The caller's place in line now (the engine's); undefined when it has none. */
  place(): Promise<PlaceToTell | undefined>;
}

type Kind = 'file' | 'position';

interface Playing {
  readonly plan: AnnouncementPlan;
  readonly call: WaitingCall;
  readonly timers: NodeJS.Timeout[];
  /** Due, in order; a kind is never due twice. */
  readonly due: Kind[];
  running: boolean;
  stopped: boolean;
  /** Ends the pause between two pieces early (stop). */
  wake?: () => void;
  pause?: NodeJS.Timeout;
}

export class QueueAnnouncements {
  private readonly calls = new Map<string, Playing>();

  constructor(
    private readonly control: CallControl,
    private readonly log: AnnouncementLog,
    /** Where the position prompts are, on rtpengine's host (`--prompts`). */
    private readonly promptsDir: string,
  ) {}

  /** Plays the plan now, then each part every `everySeconds` while the caller waits. */
  start(callId: string, plan: AnnouncementPlan, call: WaitingCall): void {
    this.stop(callId);
    const playing: Playing = { plan, call, timers: [], due: [], running: false, stopped: false };
    this.calls.set(callId, playing);
    const parts: Array<[Kind, number | undefined]> = [];
    if (plan.announcement !== undefined) parts.push(['file', plan.announcement.everySeconds]);
    if (plan.position !== undefined) parts.push(['position', plan.position.everySeconds]);
    for (const [kind, everySeconds] of parts) {
      playing.due.push(kind);
      if (everySeconds === undefined) continue;
      const timer = setInterval(() => {
        if (call.waiting()) this.fallDue(callId, playing, kind);
      }, everySeconds * 1000);
      playing.timers.push(timer);
    }
    void this.run(callId, playing);
  }

  stop(callId: string): void {
    const playing = this.calls.get(callId);
    if (playing === undefined) return;
    playing.stopped = true;
    for (const timer of playing.timers) clearInterval(timer);
    clearTimeout(playing.pause);
    playing.wake?.();
    this.calls.delete(callId);
  }

  /** Calls with announcements. */
  get size(): number {
    return this.calls.size;
  }

  private fallDue(callId: string, playing: Playing, kind: Kind): void {
    if (!playing.due.includes(kind)) playing.due.push(kind);
    if (!playing.running) void this.run(callId, playing);
  }

  /** Plays what is due, one piece after another, then the music again. */
  private async run(callId: string, playing: Playing): Promise<void> {
    playing.running = true;
    let played = false;
    try {
      for (let kind = playing.due.shift(); kind !== undefined; kind = playing.due.shift()) {
        for (const file of await this.filesOf(playing, kind)) {
          if (playing.stopped || !playing.call.waiting()) return;
          // Each piece in silence after it: the next one follows it without music between.
          const { durationMs } = await this.control.announce(callId, file, { thenMusic: false });
          played = true;
          if (playing.stopped) return;
          await this.pause(playing, durationMs ?? 0);
        }
      }
    } catch (error) {
      // Bridged or ended meanwhile: nothing to announce to.
      if (!(error instanceof CallControlError && error.code !== 'media-failed')) {
        this.log.warn({ err: error, callId }, 'the queue announcement could not play');
      }
    } finally {
      playing.running = false;
      if (played && this.calls.get(callId) === playing) await this.music(callId);
    }
  }

  private async filesOf(playing: Playing, kind: Kind): Promise<string[]> {
    const { announcement, position } = playing.plan;
    if (kind === 'file') return announcement === undefined ? [] : [announcement.file];
    const place = await playing.call.place();
    if (place === undefined || position === undefined) return [];
    return positionPrompts(place, position.say ?? 'both').map((name) =>
      join(this.promptsDir, `${name}.wav`),
    );
  }

  private pause(playing: Playing, ms: number): Promise<void> {
    return new Promise((resolve) => {
      playing.wake = resolve;
      playing.pause = setTimeout(resolve, ms);
    });
  }

  private async music(callId: string): Promise<void> {
    try {
      await this.control.playMusic(callId);
    } catch (error) {
      if (error instanceof CallControlError && error.code !== 'media-failed') return;
      this.log.warn({ err: error, callId }, 'the music could not resume after an announcement');
    }
  }
}
