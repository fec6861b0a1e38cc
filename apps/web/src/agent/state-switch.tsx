import type { PauseCode } from '@relais/protocol';
import { useId, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { useNow } from '../ui/use-now.ts';
import type { DesktopModel } from './desktop-model.ts';

/** What the agent chose: logged out, available, or a coded pause ("pause:<code>"). */
export type Presence = 'loggedOut' | 'available' | `pause:${string}`;

/** The presence the model shows; ringing, talking and wrap-up are the available agent at work. */
export function presenceOf(model: DesktopModel): Presence {
  if (model.pendingPause !== undefined) return `pause:${model.pendingPause}`;
  if (model.state === 'paused') return `pause:${model.pauseReason ?? ''}`;
  return model.state === 'loggedOut' ? 'loggedOut' : 'available';
}

export function StateSwitch(props: {
  model: DesktopModel;
  pauseCodes: readonly PauseCode[];
  serverOffsetMs: number;
  busy: boolean;
  onChoose: (presence: Presence) => void;
}): ReactNode {
  const { t, format } = useI18n();
  const id = useId();
  const { model } = props;
  const presence = presenceOf(model);
  const now = useNow(model.stateSinceMs !== undefined, 1000) + props.serverOffsetMs;
  const known = props.pauseCodes.some((code) => presence === `pause:${code.id}`);
  const pendingLabel =
    props.pauseCodes.find((code) => code.id === model.pendingPause)?.label ?? model.pendingPause;
  return (
    <section className="card state">
      <label htmlFor={id}>{t('agent.state')}</label>
      <select
        id={id}
        value={presence}
        disabled={props.busy}
        aria-keyshortcuts="Alt+P"
        onChange={(event) => props.onChoose(event.target.value as Presence)}
      >
        <option value="available">{t('agent.state.available')}</option>
        {props.pauseCodes.map((code) => (
          <option key={code.id} value={`pause:${code.id}`}>
            {t('agent.pauseOption', { label: code.label })}
          </option>
        ))}
        {presence.startsWith('pause:') && !known ? (
          <option value={presence}>
            {t('agent.pauseOption', { label: presence.slice('pause:'.length) })}
          </option>
        ) : null}
        <option value="loggedOut">{t('agent.state.loggedOut')}</option>
      </select>
      <p className={`state-badge state-${model.state}`} role="status">
        {t(`agent.state.${model.state}`)}
        {model.stateSinceMs === undefined
          ? null
          : ` · ${t('agent.since', { duration: format.duration(now - model.stateSinceMs) })}`}
      </p>
      {model.pendingPause === undefined ? null : (
        <p className="muted">{t('agent.pendingPause', { label: pendingLabel ?? '' })}</p>
      )}
    </section>
  );
}
