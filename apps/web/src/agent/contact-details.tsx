import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages-en.ts';
import type { HeldContact } from './desktop-model.ts';

/** The contact's queue, channel and the data its caller's system sent (customer context). */
export function ContactDetails(props: { contact: HeldContact }): ReactNode {
  const { t } = useI18n();
  const { contact } = props;
  const attributes = Object.entries(contact.attributes ?? {});
  const channelKey = `channel.${contact.channel}` as MessageKey;
  return (
    <>
      <dl className="facts">
        <dt>{t('agent.contact.queue')}</dt>
        <dd>{contact.queueId}</dd>
        <dt>{t('agent.contact.channel')}</dt>
        <dd>{t(channelKey)}</dd>
        <dt>{t('agent.contact.id')}</dt>
        <dd>
          <code>{contact.contactId}</code>
        </dd>
      </dl>
      <h3>{t('agent.contact.attributes')}</h3>
      {attributes.length === 0 ? (
        <p className="muted">{t('agent.contact.noAttributes')}</p>
      ) : (
        <dl className="facts attributes">
          {attributes.map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </>
  );
}
