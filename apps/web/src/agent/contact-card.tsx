import type { Disposition, OutboundDispositionBody } from '@relais/protocol';
import type { ReactNode } from 'react';
import type { ApiClient } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useNow } from '../ui/use-now.ts';
import { CallbackForm } from './callback-form.tsx';
import { ContactDetails } from './contact-details.tsx';
import { CustomerHistory, QueueScript } from './customer-history.tsx';
import type { HeldContact } from './desktop-model.ts';
import { DispositionPicker } from './disposition-picker.tsx';
import { HoldButton, HoldState } from './hold-control.tsx';
import { NotesEditor } from './notes-editor.tsx';
import { CampaignSide, codingEndsWrapUp, showsCampaign } from './outbound/campaign-side.tsx';
import { LeadAttempts, LeadFields } from './outbound/lead-record.tsx';
import { OutboundCoding } from './outbound/outbound-coding.tsx';
import type { OutboundDesk } from './outbound/use-outbound-context.ts';
import { shortcutText } from './shortcuts.ts';
import { TransferForm, type TransferTo } from './transfer-form.tsx';
import type { ContextRead } from './use-contact-context.ts';

/**
 * The conversation, then its wrap-up: details, the queue's script, the customer's history, notes,
 * timers, hold and resume, disposition, transfer, a callback, and the button to go on. A campaign's contact shows
 * the call's phase, the lead and the campaign's script, and is coded with the campaign's
 * dispositions (a callback is one of them, so the engine's callback form is not offered).
 */
export function ContactCard(props: {
  api: ApiClient;
  contact: HeldContact;
  context: ContextRead | undefined;
  dispositions: readonly Disposition[];
  serverOffsetMs: number;
  busy: boolean;
  onComplete: () => void;
  onEndWrapUp: () => void;
  onHold: () => void;
  onResume: () => void;
  onDisposition: (dispositionId: string) => void;
  onTransfer: (to: TransferTo) => void;
  onSchedule: (callback: { number: string; at: string; mine: boolean }) => Promise<boolean>;
  outbound?: OutboundDesk;
  /** The id of the coding form, which Alt+W submits in wrap-up. */
  codingFormId?: string;
  /** Codes a campaign's call; rejects with the server's refusal. */
  onCode?: (body: OutboundDispositionBody) => Promise<void>;
}): ReactNode {
  const { t, format } = useI18n();
  const { contact, context } = props;
  const now = useNow(true, 500) + props.serverOffsetMs;
  const inWrapUp = contact.phase === 'wrapUp';
  const wrapLeft =
    contact.wrapUpUntilMs === undefined
      ? undefined
      : Math.max(0, Math.ceil((contact.wrapUpUntilMs - now) / 1000));
  const desk = showsCampaign(props.outbound) ? props.outbound : undefined;
  const outbound = desk?.read?.context;
  const codingEnds = codingEndsWrapUp(desk, inWrapUp);
  const held = !inWrapUp && contact.held === true;
  return (
    <section
      className={held ? 'card contact held' : 'card contact'}
      aria-labelledby="contact-title"
    >
      <h2 id="contact-title">{inWrapUp ? t('agent.wrapUp.title') : t('agent.contact.title')}</h2>
      {inWrapUp ? (
        <p className="countdown timer-wrap-up">
          {wrapLeft !== undefined
            ? t('agent.wrapUp.timed', { seconds: wrapLeft })
            : contact.wrapUpSinceMs !== undefined
              ? t('agent.wrapUp.elapsed', {
                  duration: format.duration(now - contact.wrapUpSinceMs),
                })
              : t('agent.wrapUp.manual')}
        </p>
      ) : contact.connectedAtMs === undefined ? null : (
        <p className="timer">
          {t('agent.contact.talk')} <strong>{format.duration(now - contact.connectedAtMs)}</strong>
        </p>
      )}
      {inWrapUp ? null : <HoldState contact={contact} nowMs={now} />}
      <div className="contact-columns">
        <div>
          {desk === undefined ? (
            <>
              <ContactDetails contact={contact} />
              <QueueScript context={context?.context} />
            </>
          ) : (
            <CampaignSide desk={desk} withScript serverOffsetMs={props.serverOffsetMs} />
          )}
        </div>
        <div>
          {context?.context === undefined ? null : (
            <NotesEditor
              key={`notes:${contact.contactId}`}
              api={props.api}
              contactId={contact.contactId}
              note={context.context.note}
            />
          )}
          {desk === undefined ? (
            <DispositionPicker
              key={`disposition:${contact.contactId}`}
              dispositions={props.dispositions}
              savedId={contact.dispositionId}
              busy={props.busy}
              onSave={props.onDisposition}
            />
          ) : outbound === undefined || props.onCode === undefined ? null : (
            <OutboundCoding
              key={`coding:${contact.contactId}`}
              formId={props.codingFormId}
              context={outbound}
              inWrapUp={inWrapUp}
              busy={props.busy}
              serverOffsetMs={props.serverOffsetMs}
              onCode={props.onCode}
            />
          )}
        </div>
      </div>
      {desk === undefined ? (
        <CustomerHistory read={context} dispositions={props.dispositions} />
      ) : outbound === undefined ? null : (
        <>
          <LeadFields context={outbound} />
          <LeadAttempts context={outbound} />
        </>
      )}
      <div className="contact-tools">
        {inWrapUp ? null : (
          <section aria-labelledby="transfer-title">
            <h3 id="transfer-title">{t('agent.transfer.title')}</h3>
            <TransferForm
              api={props.api}
              contactId={contact.contactId}
              busy={props.busy}
              onTransfer={props.onTransfer}
            />
          </section>
        )}
        {desk !== undefined ? null : (
          <section aria-labelledby="callback-title">
            <h3 id="callback-title">{t('agent.callback.title')}</h3>
            <CallbackForm
              key={contact.contactId}
              attributes={contact.attributes}
              busy={props.busy}
              onSchedule={props.onSchedule}
            />
          </section>
        )}
      </div>
      <div className="actions">
        {inWrapUp ? null : (
          <HoldButton
            held={held}
            busy={props.busy}
            onHold={props.onHold}
            onResume={props.onResume}
          />
        )}
        {codingEnds ? null : inWrapUp ? (
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
