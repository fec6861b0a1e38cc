// A one-level voice menu (rules IVR1-IVR5): the caller hears a prompt and presses a digit that
// chooses a queue. A wrong digit or silence replays the prompt, up to `attempts` plays, then the
// failure route applies. Pure: the caller of `stepMenu` plays prompts and keeps the timer.

export interface IvrMenu {
  /** Digit (0-9, *, #, A-D) → queue id. */
  readonly choices: ReadonlyMap<string, string>;
  /** How many times the prompt is played before the failure route; at least 1. */
  readonly attempts: number;
  /** Where a caller who never chose goes: a queue, or hung up. */
  readonly onFailure:
    { readonly kind: 'queue'; readonly queueId: string } | { readonly kind: 'hang-up' };
}

export interface IvrState {
  /** Prompts played so far. */
  readonly played: number;
  readonly done: boolean;
}

export type IvrInput =
  | { readonly type: 'digit'; readonly digit: string }
  /** No digit within the timeout after the prompt ended. */
  | { readonly type: 'timeout' };

export type IvrEffect =
  /** Play the prompt (again) and wait for a digit. */
  | { readonly type: 'prompt'; readonly attempt: number; readonly after?: 'invalid' | 'timeout' }
  | {
      readonly type: 'route';
      readonly queueId: string;
      readonly reason: 'chosen' | 'failed';
      readonly digit?: string;
    }
  | { readonly type: 'hang-up' }
  /** The menu is over: the input changes nothing. */
  | { readonly type: 'none' };

/** The first step: play the prompt once. */
export function startMenu(): { state: IvrState; effect: IvrEffect } {
  return { state: { played: 1, done: false }, effect: { type: 'prompt', attempt: 1 } };
}

export function stepMenu(
  menu: IvrMenu,
  state: IvrState,
  input: IvrInput,
): { state: IvrState; effect: IvrEffect } {
  if (state.done) return { state, effect: { type: 'none' } };
  if (input.type === 'digit') {
    const queueId = menu.choices.get(input.digit.toUpperCase());
    if (queueId !== undefined) {
      return {
        state: { ...state, done: true },
        effect: { type: 'route', queueId, reason: 'chosen', digit: input.digit.toUpperCase() },
      };
    }
  }
  const after = input.type === 'digit' ? 'invalid' : 'timeout';
  if (state.played < menu.attempts) {
    const played = state.played + 1;
    return { state: { played, done: false }, effect: { type: 'prompt', attempt: played, after } };
  }
  const failure = menu.onFailure;
  return {
    state: { ...state, done: true },
    effect:
      failure.kind === 'queue'
        ? { type: 'route', queueId: failure.queueId, reason: 'failed' }
        : { type: 'hang-up' },
  };
}
