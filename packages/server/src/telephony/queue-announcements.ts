// Announcements to callers waiting in a queue (rule VOICE4): the queue's file plays at entry and
// every `everySeconds` while the caller still waits, the music resuming after each (the B2BUA's
// `announce`). Position in queue and expected wait are not spoken yet (README).
import type { QueueAnnouncement } from '@relais/protocol';
import { CallControlError, type CallControl } from '@relais/telephony';

export interface AnnouncementLog {
  warn(details: object, message: string): void;
}

export class QueueAnnouncements {
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly control: CallControl,
    private readonly log: AnnouncementLog,
  ) {}

  /** Plays the announcement now, then every `everySeconds` while `waiting()` holds. */
  start(callId: string, announcement: QueueAnnouncement, waiting: () => boolean): void {
    this.stop(callId);
    void this.play(callId, announcement.file);
    if (announcement.everySeconds === undefined) return;
    const timer = setInterval(() => {
      if (waiting()) void this.play(callId, announcement.file);
    }, announcement.everySeconds * 1000);
    this.timers.set(callId, timer);
  }

  stop(callId: string): void {
    clearInterval(this.timers.get(callId));
    this.timers.delete(callId);
  }

  /** Calls with a repeating announcement. */
  get size(): number {
    return this.timers.size;
  }

  private async play(callId: string, file: string): Promise<void> {
    try {
      await this.control.announce(callId, file);
    } catch (error) {
      // Bridged or ended meanwhile: nothing to announce to.
      if (error instanceof CallControlError && error.code !== 'media-failed') return;
      this.log.warn({ err: error, callId, file }, 'the queue announcement could not play');
    }
  }
}
