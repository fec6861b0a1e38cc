// The voice menus of calls being answered (rules VOICE1-VOICE3): the prompt plays (rtpengine play
// media, silence after it), a digit chooses the queue, silence or a wrong key replays it; the
// pure state machine (`stepMenu`, @relais/telephony) decides, this file plays and keeps timers.
import type { VoiceMenu } from '@relais/protocol';
import {
  startMenu,
  stepMenu,
  type CallControl,
  type IvrEffect,
  type IvrInput,
  type IvrMenu,
  type IvrState,
} from '@relais/telephony';

export const DEFAULT_MENU_TIMEOUT_SECONDS = 5;
export const DEFAULT_MENU_ATTEMPTS = 3;

export interface MenuOutcome {
  /** Join this queue (`chosen` by a key, or the failure route), or hang up. */
  readonly route: { readonly queueId: string; readonly reason: 'chosen' | 'failed' } | 'hang-up';
}

interface Session {
  readonly callId: string;
  readonly menu: IvrMenu;
  readonly promptFile: string;
  readonly timeoutMs: number;
  state: IvrState;
  /** Bumped by each prompt: a timer of an older prompt fires into nothing. */
  generation: number;
  timer: NodeJS.Timeout | undefined;
}

export interface CallMenusLog {
  warn(details: object, message: string): void;
}

/** The menu of `queueId`'s routing numbers, as the state machine reads it. */
export function ivrMenuOf(menu: VoiceMenu, queueId: string): IvrMenu {
  return {
    choices: new Map(menu.choices.map((choice) => [choice.digit, choice.queueId])),
    attempts: menu.attempts ?? DEFAULT_MENU_ATTEMPTS,
    onFailure: menu.onFailure === 'hang-up' ? { kind: 'hang-up' } : { kind: 'queue', queueId },
  };
}

export class CallMenus {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly control: CallControl,
    /** Told once per menu how it ended. */
    private readonly onOutcome: (callId: string, outcome: MenuOutcome) => void,
    private readonly log: CallMenusLog,
  ) {}

  /** Menus still waiting for a key. */
  get size(): number {
    return this.sessions.size;
  }

  /** Starts the menu of an answered call: the prompt plays at once. */
  start(callId: string, menu: VoiceMenu, queueId: string): void {
    const first = startMenu();
    const session: Session = {
      callId,
      menu: ivrMenuOf(menu, queueId),
      promptFile: menu.promptFile,
      timeoutMs: (menu.timeoutSeconds ?? DEFAULT_MENU_TIMEOUT_SECONDS) * 1000,
      state: first.state,
      generation: 0,
      timer: undefined,
    };
    this.sessions.set(callId, session);
    this.apply(session, first.effect);
  }

  /** A key the caller pressed (RFC 4733 or SIP INFO). */
  digit(callId: string, digit: string): void {
    const session = this.sessions.get(callId);
    if (session !== undefined) this.input(session, { type: 'digit', digit });
  }

  /** Forgets a call's menu (the caller hung up, the call ended). */
  stop(callId: string): void {
    const session = this.sessions.get(callId);
    if (session === undefined) return;
    clearTimeout(session.timer);
    this.sessions.delete(callId);
  }

  private input(session: Session, input: IvrInput): void {
    const next = stepMenu(session.menu, session.state, input);
    session.state = next.state;
    this.apply(session, next.effect);
  }

  private apply(session: Session, effect: IvrEffect): void {
    clearTimeout(session.timer);
    session.timer = undefined;
    switch (effect.type) {
      case 'prompt':
        void this.prompt(session);
        return;
      case 'route':
        this.finish(session, { route: { queueId: effect.queueId, reason: effect.reason } });
        return;
      case 'hang-up':
        this.finish(session, { route: 'hang-up' });
        return;
      default:
        return;
    }
  }

  private async prompt(session: Session): Promise<void> {
    const generation = ++session.generation;
    let durationMs: number;
    try {
      durationMs =
        (await this.control.announce(session.callId, session.promptFile, { thenMusic: false }))
          .durationMs ?? 0;
    } catch (error) {
      if (this.sessions.get(session.callId) !== session) return; // ended meanwhile
      // A prompt that cannot play (file gone from rtpengine's host): no key can be expected.
      this.log.warn({ err: error, callId: session.callId }, 'the menu prompt could not play');
      session.state = { ...session.state, done: true };
      const failure = session.menu.onFailure;
      this.finish(session, {
        route:
          failure.kind === 'queue' ? { queueId: failure.queueId, reason: 'failed' } : 'hang-up',
      });
      return;
    }
    if (this.sessions.get(session.callId) !== session || session.generation !== generation) return;
    if (session.state.done) return;
    // The caller may press a key during the prompt; silence counts from its end.
    session.timer = setTimeout(() => {
      if (session.generation === generation) this.input(session, { type: 'timeout' });
    }, durationMs + session.timeoutMs);
  }

  private finish(session: Session, outcome: MenuOutcome): void {
    if (this.sessions.get(session.callId) !== session) return;
    this.stop(session.callId);
    this.onOutcome(session.callId, outcome);
  }
}
