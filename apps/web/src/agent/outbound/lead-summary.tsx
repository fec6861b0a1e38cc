import type { OutboundContext } from '@relais/protocol';
import type { ReactNode } from 'react';
import { INTL_LOCALE } from '../../i18n/format.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import type { Locale } from '../../i18n/locale-choice.ts';
import { useNow } from '../../ui/use-now.ts';
import { isTimeZone } from './zone-time.ts';

/** The lead's first and last names, as the list gave them; empty when it gave none. */
export const leadName = (lead: OutboundContext['lead']): string =>
  [lead.firstName, lead.lastName].filter((part) => part !== undefined && part !== '').join(' ');

/** The weekday and time the callee's clocks show (a weekend or 19:55 matters before a call). */
export function calleeClock(atMs: number, zone: string, locale: Locale): string {
  if (!isTimeZone(zone)) return '';
  return new Intl.DateTimeFormat(INTL_LOCALE[locale], {
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: zone,
  }).format(atMs);
}

/** Who the campaign calls: the campaign, the lead's name and number, its local time, attempts. */
export function LeadSummary(props: {
  context: OutboundContext;
  /** The server's clock minus this browser's: the callee's time is the server's now. */
  serverOffsetMs: number;
}): ReactNode {
  const { t, format, locale } = useI18n();
  const now = useNow(true, 15_000) + props.serverOffsetMs;
  const { context } = props;
  const { lead } = context;
  const name = leadName(lead);
  const clock = calleeClock(now, lead.timeZone, locale);
  return (
    <dl className="facts lead-summary">
      <dt>{t('outbound.campaign')}</dt>
      <dd>
        {t('outbound.campaignValue', {
          name: context.campaignName,
          mode: t(`campaigns.mode.${context.mode}`),
        })}
      </dd>
      <dt>{t('campaigns.lead.name')}</dt>
      <dd>{name === '' ? t('value.none') : name}</dd>
      <dt>{t('campaigns.lead.phone')}</dt>
      {/* Text, not a tel: link: a call placed outside the dialer would skip the compliance gate. */}
      <dd>{lead.phoneE164}</dd>
      <dt>{t('outbound.localTime')}</dt>
      <dd>
        {clock === ''
          ? lead.timeZone
          : t('outbound.localTimeValue', { time: clock, zone: lead.timeZone })}
      </dd>
      <dt>{t('outbound.attempts')}</dt>
      <dd>{format.integer(lead.attempts)}</dd>
      <dt>{t('outbound.callerId')}</dt>
      <dd>{context.callerId}</dd>
    </dl>
  );
}
