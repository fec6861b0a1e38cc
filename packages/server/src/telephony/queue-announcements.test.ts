// The order of what a waiting caller hears, with a call control that records each play and a
// clock the test moves (the real thing, with rtpengine, is queue-position.sipp.test.ts).
import { CallControlError, type CallControl, type PlaceToTell } from '@relais/telephony';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QueueAnnouncements, type AnnouncementPlan } from './queue-announcements.ts';

const PIECE_MS = 1000;

/** Records `announce` (file names without folder) and `playMusic` as one list. */
function recordingControl(fail?: (file: string) => Error | undefined) {
  const heard: string[] = [];
  const control = {
    announce(_callId: string, file: string, options?: { thenMusic?: boolean }) {
      const error = fail?.(file);
      if (error !== undefined) return Promise.reject(error);
      expect(options).toEqual({ thenMusic: false });
      heard.push(file.replace(/^\/prompts\//, '').replace(/\.wav$/, ''));
      return Promise.resolve({ durationMs: PIECE_MS });
    },
    playMusic() {
      heard.push('music');
      return Promise.resolve();
    },
  } as unknown as CallControl;
  return { control, heard };
}

const warnings: object[] = [];
const log = { warn: (details: object) => void warnings.push(details) };

function caller(place: PlaceToTell = { position: 3, estimatedWaitMs: undefined }) {
  const state: { waiting: boolean; place: PlaceToTell | undefined } = { waiting: true, place };
  return {
    state,
    call: { waiting: () => state.waiting, place: () => Promise.resolve(state.place) },
  };
}

/** Lets the clock run `ms`, settling the promises in between. */
const run = (ms: number) => vi.advanceTimersByTimeAsync(ms);

beforeEach(() => {
  vi.useFakeTimers();
  warnings.length = 0;
});
afterEach(() => {
  vi.useRealTimers();
});

const POSITION_3 = ['vous-etes-le', 'ord-3', 'en-attente', 'merci'];
const FILE: AnnouncementPlan['announcement'] = { file: '/srv/wait.wav', everySeconds: 12 };

describe('POS6 one thing at a time, then the music', () => {
  it('[POS6] at entry the file, then the place, each piece once the last one has played, then the music once', async () => {
    const { control, heard } = recordingControl();
    const announcements = new QueueAnnouncements(control, log, '/prompts');
    announcements.start(
      'c1',
      { announcement: { file: '/srv/wait.wav' }, position: { say: 'position' } },
      caller().call,
    );
    await run(0);
    expect(heard).toEqual(['/srv/wait']);
    await run(PIECE_MS);
    expect(heard).toEqual(['/srv/wait', 'vous-etes-le']);
    await run(4 * PIECE_MS);
    expect(heard).toEqual(['/srv/wait', ...POSITION_3, 'music']);
    announcements.stop('c1');
    expect(announcements.size).toBe(0);
  });

  it('[POS6] each part again every `everySeconds` while the caller waits; a part due while another plays waits its turn', async () => {
    const { control, heard } = recordingControl();
    const announcements = new QueueAnnouncements(control, log, '/prompts');
    const { state, call } = caller();
    announcements.start(
      'c1',
      { announcement: FILE, position: { say: 'position', everySeconds: 10 } },
      call,
    );
    await run(9_000);
    expect(heard).toEqual(['/srv/wait', ...POSITION_3, 'music']);
    heard.length = 0;
    state.place = { position: 2, estimatedWaitMs: undefined };
    await run(2_500); // 10 s: the place again, with the place of then
    expect(heard).toEqual(['vous-etes-le', 'ord-2']);
    await run(3_000); // 12 s: the file falls due while the place plays; it follows it
    expect(heard).toEqual(['vous-etes-le', 'ord-2', 'en-attente', 'merci', '/srv/wait']);
    await run(1_000);
    expect(heard.at(-1)).toBe('music');
    heard.length = 0;
    state.waiting = false; // an agent's phone rings: nothing more
    await run(60_000);
    expect(heard).toEqual([]);
    announcements.stop('c1');
  });

  it('[POS6] a caller who leaves the line mid-way gets the music back at once; a stopped call hears nothing more', async () => {
    const { control, heard } = recordingControl();
    const announcements = new QueueAnnouncements(control, log, '/prompts');
    const { state, call } = caller();
    announcements.start('c1', { position: {} }, call);
    await run(PIECE_MS);
    expect(heard).toEqual(['vous-etes-le', 'ord-3']);
    state.waiting = false;
    await run(PIECE_MS);
    expect(heard).toEqual(['vous-etes-le', 'ord-3', 'music']);

    heard.length = 0;
    announcements.start('c2', { position: { everySeconds: 10 } }, caller().call);
    await run(PIECE_MS);
    announcements.stop('c2');
    await run(60_000);
    expect(heard).toEqual(['vous-etes-le', 'ord-3']);
  });

  it('[POS6] no place to tell (not in line, or only the wait and no estimate): nothing plays, the music goes on', async () => {
    const { control, heard } = recordingControl();
    const announcements = new QueueAnnouncements(control, log, '/prompts');
    const outOfLine = caller();
    outOfLine.state.place = undefined;
    announcements.start('c1', { position: {} }, outOfLine.call);
    announcements.start(
      'c2',
      { position: { say: 'wait' } },
      caller({ position: 1, estimatedWaitMs: undefined }).call,
    );
    await run(10_000);
    expect(heard).toEqual([]);
    announcements.stop('c1');
    announcements.stop('c2');
  });

  it('[POS6] a call bridged meanwhile stops it quietly; a prompt rtpengine cannot play is logged with the call', async () => {
    const bridged = recordingControl((file) =>
      file.includes('ord-') ? new CallControlError('wrong-state', 'bridged') : undefined,
    );
    const quiet = new QueueAnnouncements(bridged.control, log, '/prompts');
    quiet.start('c1', { position: {} }, caller().call);
    await run(5_000);
    expect(bridged.heard).toEqual(['vous-etes-le', 'music']);
    expect(warnings).toEqual([]);
    quiet.stop('c1');

    const broken = recordingControl((file) =>
      file.includes('ord-') ? new CallControlError('media-failed', 'no such file') : undefined,
    );
    const loud = new QueueAnnouncements(broken.control, log, '/prompts');
    loud.start('c2', { position: {} }, caller().call);
    await run(5_000);
    expect(broken.heard).toEqual(['vous-etes-le', 'music']);
    expect(warnings).toEqual([expect.objectContaining({ callId: 'c2' })]);
    loud.stop('c2');
  });
});
