// Hold and Resume on a connected contact: the button, the held state (with its time when the
// desktop knows when the hold began) and the server's refusal in words. The engine holds any
// connected contact whatever its channel, so the desktop offers it on every channel.
import type { ReactNode } from 'react';
import { useI18n, type Translate } from '../i18n/i18n.tsx';
import { ActionRefused } from './agent-stream.ts';
import type { HeldContact } from './desktop-model.ts';
import { shortcutText } from './shortcuts.ts';

/** Alt+H puts the conversation on hold, or takes it off hold. */
export const HOLD_KEY = 'KeyH';

/** A refusal the desktop says in its own words rather than the server's. */
export class HoldRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HoldRefused';
  }
}

/**
 * The server's 409 (not connected, already held, not held) in French or English; other
 * failures (lost connection, a call's media refusing the resume) go on as they are.
 */
export function holdFailure(t: Translate, resuming: boolean, error: unknown): unknown {
  if (error instanceof ActionRefused && error.status === 409)
    return new HoldRefused(t(resuming ? 'agent.resume.refused' : 'agent.hold.refused'));
  return error;
}

/** "On hold", with how long when the hold's start is known. */
export function HoldState(props: { contact: HeldContact; nowMs: number }): ReactNode {
  const { t, format } = useI18n();
  const { contact } = props;
  if (contact.held !== true) return null;
  return (
    <p className="hold-state" role="status">
      {contact.heldSinceMs === undefined
        ? t('agent.hold.state')
        : t('agent.hold.since', {
            duration: format.duration(Math.max(0, props.nowMs - contact.heldSinceMs)),
          })}
    </p>
  );
}

export function HoldButton(props: {
  held: boolean;
  busy: boolean;
  onHold: () => void;
  onResume: () => void;
}): ReactNode {
  const { t } = useI18n();
  const key = shortcutText(HOLD_KEY);
  return (
    <button
      type="button"
      className="hold"
      disabled={props.busy}
      onClick={props.held ? props.onResume : props.onHold}
      aria-keyshortcuts={key}
    >
      {props.held ? t('agent.resume') : t('agent.hold')} <kbd>{key}</kbd>
    </button>
  );
}
