import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { useNow } from '../ui/use-now.ts';
import type { Disposition } from '@relais/protocol';
import { ContactDetails } from './contact-details.tsx';
import { CustomerHistory } from './customer-history.tsx';
import type { HeldContact } from './desktop-model.ts';
import { shortcutText } from './shortcuts.ts';
import type { ContextRead } from './use-contact-context.ts';

/** A ringing offer: who, from where, their previous contacts, how long is left, accept or reject. */
export function OfferCard(props: {
  contact: HeldContact;
  context: ContextRead | undefined;
  dispositions: readonly Disposition[];
  serverOffsetMs: number;
  busy: boolean;
  onAccept: () => void;
  onReject: () => void;
}): ReactNode {
  const { t } = useI18n();
  const { contact } = props;
  const now = useNow(true) + props.serverOffsetMs;
  const leftMs =
    contact.offerExpiresAtMs === undefined ? undefined : contact.offerExpiresAtMs - now;
  const seconds = leftMs === undefined ? undefined : Math.max(0, Math.ceil(leftMs / 1000));
  return (
    <section className="card offer" aria-labelledby="offer-title">
      <h2 id="offer-title">{t('agent.offer.title')}</h2>
      {/* Announced once per offer: the countdown below changes every second and is not. */}
      <p className="visually-hidden" role="alert">
        {t('agent.offer.announce', { queue: contact.queueId })}
      </p>
      {seconds === undefined ? null : (
        <p className="countdown" aria-hidden={seconds > 0 ? 'true' : undefined}>
          {seconds > 0 ? t('agent.offer.countdown', { seconds }) : t('agent.offer.expired')}
        </p>
      )}
      <ContactDetails contact={contact} />
      <CustomerHistory read={props.context} dispositions={props.dispositions} />
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={props.busy}
          onClick={props.onAccept}
          aria-keyshortcuts={shortcutText('KeyA')}
        >
          {t('agent.accept')} <kbd>{shortcutText('KeyA')}</kbd>
        </button>
        <button
          type="button"
          disabled={props.busy}
          onClick={props.onReject}
          aria-keyshortcuts={shortcutText('KeyR')}
        >
          {t('agent.reject')} <kbd>{shortcutText('KeyR')}</kbd>
        </button>
      </div>
    </section>
  );
}
