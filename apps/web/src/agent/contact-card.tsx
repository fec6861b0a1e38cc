import type { Disposition } from '@relais/protocol';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { useNow } from '../ui/use-now.ts';
import { ContactDetails } from './contact-details.tsx';
import type { HeldContact } from './desktop-model.ts';
import { DispositionPicker } from './disposition-picker.tsx';
import { shortcutText } from './shortcuts.ts';

/** The conversation, then its wrap-up: details, timers, disposition and the button to go on. */
export function ContactCard(props: {
  contact: HeldContact;
  dispositions: readonly Disposition[];
  serverOffsetMs: number;
  busy: boolean;
  onComplete: () => void;
  onEndWrapUp: () => void;
  onDisposition: (dispositionId: string) => void;
}): ReactNode {
  const { t, format } = useI18n();
  const { contact } = props;
  const now = useNow(true, 500) + props.serverOffsetMs;
  const inWrapUp = contact.phase === 'wrapUp';
  const wrapLeft =
    contact.wrapUpUntilMs === undefined
      ? undefined
      : Math.max(0, Math.ceil((contact.wrapUpUntilMs - now) / 1000));
  return (
    <section className="card contact" aria-labelledby="contact-title">
      <h2 id="contact-title">{inWrapUp ? t('agent.wrapUp.title') : t('agent.contact.title')}</h2>
      {inWrapUp ? (
        <p className="countdown">
          {wrapLeft === undefined
            ? t('agent.wrapUp.manual')
            : t('agent.wrapUp.timed', { seconds: wrapLeft })}
        </p>
      ) : contact.connectedAtMs === undefined ? null : (
        <p className="timer">
          {t('agent.contact.talk')} <strong>{format.duration(now - contact.connectedAtMs)}</strong>
        </p>
      )}
      <ContactDetails contact={contact} />
      <DispositionPicker
        key={contact.contactId}
        dispositions={props.dispositions}
        savedId={contact.dispositionId}
        busy={props.busy}
        onSave={props.onDisposition}
      />
      <div className="actions">
        {inWrapUp ? (
          <button
            type="button"
            className="primary"
            disabled={props.busy}
            onClick={props.onEndWrapUp}
            aria-keyshortcuts={shortcutText('KeyW')}
          >
            {t('agent.endWrapUp')} <kbd>{shortcutText('KeyW')}</kbd>
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            disabled={props.busy}
            onClick={props.onComplete}
            aria-keyshortcuts={shortcutText('KeyE')}
          >
            {t('agent.complete')} <kbd>{shortcutText('KeyE')}</kbd>
          </button>
        )}
      </div>
    </section>
  );
}
