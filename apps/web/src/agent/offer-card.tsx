import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { useNow } from '../ui/use-now.ts';
import type { Disposition } from '@relais/protocol';
import { ContactDetails } from './contact-details.tsx';
import { CustomerHistory } from './customer-history.tsx';
import type { HeldContact } from './desktop-model.ts';
import { CampaignSide, showsCampaign } from './outbound/campaign-side.tsx';
import { LeadAttempts } from './outbound/lead-record.tsx';
import type { OutboundDesk } from './outbound/use-outbound-context.ts';
import { shortcutText } from './shortcuts.ts';
import type { ContextRead } from './use-contact-context.ts';

/**
 * A ringing offer: who, from where, their previous contacts, how long is left, accept or reject.
 * A campaign's contact shows the campaign and the lead instead; in preview, accepting is the call.
 */
export function OfferCard(props: {
  contact: HeldContact;
  context: ContextRead | undefined;
  dispositions: readonly Disposition[];
  serverOffsetMs: number;
  busy: boolean;
  outbound?: OutboundDesk;
  onAccept: () => void;
  onReject: () => void;
}): ReactNode {
  const { t } = useI18n();
  const { contact } = props;
  const now = useNow(true) + props.serverOffsetMs;
  const leftMs =
    contact.offerExpiresAtMs === undefined ? undefined : contact.offerExpiresAtMs - now;
  const seconds = leftMs === undefined ? undefined : Math.max(0, Math.ceil(leftMs / 1000));
  const desk = showsCampaign(props.outbound) ? props.outbound : undefined;
  const context = desk?.read?.context;
  const preview = isPreview(contact, desk);
  const campaign = context?.campaignName ?? contact.attributes?.campaignId ?? '';
  return (
    <section className="card offer" aria-labelledby="offer-title">
      <h2 id="offer-title">
        {desk === undefined
          ? t('agent.offer.title')
          : t(preview ? 'outbound.offer.previewTitle' : 'outbound.offer.title')}
      </h2>
      {/* Announced once per offer: the countdown below changes every second and is not. */}
      <p className="visually-hidden" role="alert">
        {desk === undefined
          ? t('agent.offer.announce', { queue: contact.queueId })
          : t(preview ? 'outbound.offer.announcePreview' : 'outbound.offer.announce', { campaign })}
      </p>
      {seconds === undefined ? null : (
        <p className="countdown" aria-hidden={seconds > 0 ? 'true' : undefined}>
          {seconds > 0 ? t('agent.offer.countdown', { seconds }) : t('agent.offer.expired')}
        </p>
      )}
      {desk === undefined ? (
        <>
          <ContactDetails contact={contact} />
          <CustomerHistory read={props.context} dispositions={props.dispositions} />
        </>
      ) : (
        <>
          <CampaignSide desk={desk} withScript={false} serverOffsetMs={props.serverOffsetMs} />
          {context === undefined ? null : <LeadAttempts context={context} />}
          {preview ? <p className="muted">{t('outbound.skipHint')}</p> : null}
        </>
      )}
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={props.busy}
          onClick={props.onAccept}
          aria-keyshortcuts={shortcutText('KeyA')}
        >
          {preview ? t('outbound.call') : t('agent.accept')} <kbd>{shortcutText('KeyA')}</kbd>
        </button>
        <button
          type="button"
          disabled={props.busy}
          onClick={props.onReject}
          aria-keyshortcuts={shortcutText('KeyR')}
        >
          {preview ? t('outbound.skip') : t('agent.reject')} <kbd>{shortcutText('KeyR')}</kbd>
        </button>
      </div>
    </section>
  );
}

/** A preview offer (or an agent-owned callback): the agent sees the lead, then accepting dials. */
export function isPreview(contact: HeldContact, desk: OutboundDesk | undefined): boolean {
  if (!showsCampaign(desk)) return false;
  return contact.attributes?.preview === 'true' || desk.read?.context?.preview === true;
}
