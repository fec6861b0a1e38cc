// The agent desktop: state, the offer, the conversation and its wrap-up, working against the
// server through the stream socket (actions and events) and the REST API (initial reads).
import { useId, useState, type ReactNode } from 'react';
import type { AgentActionBodies, AgentActionName, OutboundDispositionBody } from '@relais/protocol';
import { ApiFailure, type ApiClient } from '../api/api-client.ts';
import { codeOutboundCall } from '../api/outbound-desk.ts';
import { InTimeZone, useI18n, type Translate } from '../i18n/i18n.tsx';
import { ActionLost, ActionRefused, type SocketFactory } from './agent-stream.ts';
import { ContactCard } from './contact-card.tsx';
import { focusedContact } from './desktop-model.ts';
import { HOLD_KEY, HoldRefused, holdFailure } from './hold-control.tsx';
import { OfferCard, isPreview } from './offer-card.tsx';
import { codingEndsWrapUp } from './outbound/campaign-side.tsx';
import { submitCodingForm } from './outbound/outbound-coding.tsx';
import { useOutboundContext } from './outbound/use-outbound-context.ts';
import { shortcutText, useShortcuts, type Shortcut } from './shortcuts.ts';
import type { SipAgentFactory } from './softphone/desk-phone.ts';
import { DeskPhonePanel } from './softphone/desk-phone-panel.tsx';
import { useDeskPhone } from './softphone/use-desk-phone.ts';
import { StateSwitch, presenceOf, type Presence } from './state-switch.tsx';
import { TodayStats } from './today-stats.tsx';
import { useAgentDesktop } from './use-agent-desktop.ts';
import { useContactContext } from './use-contact-context.ts';
import './agent.css';

function problemText(t: Translate, error: unknown): string {
  if (error instanceof HoldRefused) return error.message;
  if (error instanceof ActionLost) return t('agent.actionLost');
  if (error instanceof ActionRefused || error instanceof ApiFailure)
    return t('agent.actionFailed', { message: error.message });
  return t('agent.actionFailed', { message: String(error) });
}

export function AgentDesktop(props: {
  api: ApiClient;
  agentId: string;
  socketFactory?: SocketFactory;
  /** The server takes SIP calls (the session says so): the desktop shows its phone. */
  telephony?: boolean;
  /** The softphone's SIP user agent (JsSIP by default; tests pass a fake). */
  sipAgentFactory?: SipAgentFactory;
}): ReactNode {
  const { t } = useI18n();
  const desktop = useAgentDesktop(props.api, props.agentId, props.socketFactory);
  const deskPhone = useDeskPhone(props.api, props.agentId, {
    enabled: props.telephony === true,
    ...(props.sipAgentFactory === undefined ? {} : { makeAgent: props.sipAgentFactory }),
  });
  const { model } = desktop;
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  // The pause that Alt+P starts: the last one chosen, else the first code.
  const [lastPause, setLastPause] = useState<string>();

  /** Runs the steps in turn; resolves true when all were done, false after saying why not. */
  const attempt = (steps: (() => Promise<void>)[]): Promise<boolean> => {
    setBusy(true);
    setProblem(undefined);
    const all = steps.reduce((chain, step) => chain.then(step), Promise.resolve());
    return all
      .then(() => true)
      .catch((error: unknown) => {
        setProblem(problemText(t, error));
        return false;
      })
      .finally(() => setBusy(false));
  };
  const run = (steps: (() => Promise<void>)[]): void => void attempt(steps);
  const act =
    <A extends AgentActionName>(action: A, body: AgentActionBodies[A]) =>
    (): Promise<void> =>
      desktop.act(action, body);
  /**
   * Accepting an offer on the desktop answers the phone ringing for it (SPD4): accepted first,
   * so that the phone's answer finds the contact connected and is not a second accept.
   */
  const accept = (contactId: string): void =>
    run([
      act('accept', { contactId }),
      () => {
        if (deskPhone.state.kind === 'on') deskPhone.state.softphone.answer();
        return Promise.resolve();
      },
    ]);

  /** Holds or resumes the conversation; the server's 409 is said in the desktop's words. */
  const holdOrResume = (contactId: string, resuming: boolean): void =>
    run([
      () =>
        desktop.act(resuming ? 'resume' : 'hold', { contactId }).catch((error: unknown) => {
          throw holdFailure(t, resuming, error);
        }),
    ]);

  const choose = (presence: Presence): void => {
    if (model === undefined) return;
    const loggedOut = model.state === 'loggedOut';
    if (presence === 'loggedOut') return run([act('logout', {})]);
    // Logging in makes the agent available; a pause chosen while logged out follows it.
    const login = loggedOut ? [act('login', {})] : [];
    if (presence === 'available') {
      return run(loggedOut ? login : [act('state', { state: 'available' })]);
    }
    const reason = presence.slice('pause:'.length);
    setLastPause(reason);
    run([...login, act('state', { state: 'paused', reason })]);
  };

  const contact = model === undefined ? undefined : focusedContact(model);
  const context = useContactContext(props.api, contact);
  const outbound = useOutboundContext(props.api, contact);
  const codingFormId = useId();
  const preview = contact !== undefined && isPreview(contact, outbound);
  // Today's figures are read again when a contact leaves the desktop.
  const [handled, setHandled] = useState(0);
  /** The agent's site's time zone (from its day figures): the desktop's times are in it. */
  const [zone, setZone] = useState<string>();
  const held = model?.contacts.length ?? 0;
  const [lastHeld, setLastHeld] = useState(held);
  if (held !== lastHeld) {
    setLastHeld(held);
    if (held < lastHeld) setHandled(handled + 1);
  }
  const togglePause = (): void => {
    if (model === undefined) return;
    const presence = presenceOf(model);
    if (presence.startsWith('pause:')) return choose('available');
    const reason = lastPause ?? desktop.pauseCodes[0]?.id;
    if (reason !== undefined) choose(`pause:${reason}`);
  };
  const id = (phase: 'offered' | 'connected' | 'wrapUp'): string | undefined =>
    contact?.phase === phase ? contact.contactId : undefined;
  const offered = id('offered');
  const connected = id('connected');
  const wrapping = id('wrapUp');
  const onHold = connected !== undefined && contact?.held === true;
  // Alt+W on an uncoded campaign call submits its coding.
  const codesOnEnd = codingEndsWrapUp(outbound, wrapping !== undefined);
  const shortcuts: Shortcut[] = [
    {
      code: 'KeyA',
      label: preview ? 'outbound.shortcut.call' : 'agent.shortcut.accept',
      enabled: offered !== undefined && !busy,
      run: () => offered && accept(offered),
    },
    {
      code: 'KeyR',
      label: preview ? 'outbound.shortcut.skip' : 'agent.shortcut.reject',
      enabled: offered !== undefined && !busy,
      run: () => offered && run([act('reject', { contactId: offered })]),
    },
    {
      code: 'KeyP',
      label: 'agent.shortcut.pause',
      enabled: model !== undefined && !busy,
      run: togglePause,
    },
    {
      code: HOLD_KEY,
      label: onHold ? 'agent.shortcut.resume' : 'agent.shortcut.hold',
      enabled: connected !== undefined && !busy,
      run: () => connected && holdOrResume(connected, onHold),
    },
    {
      code: 'KeyE',
      label: 'agent.shortcut.complete',
      enabled: connected !== undefined && !busy,
      run: () => connected && run([act('complete', { contactId: connected })]),
    },
    {
      code: 'KeyW',
      label: codesOnEnd ? 'outbound.shortcut.codeAndEnd' : 'agent.shortcut.endWrapUp',
      enabled: wrapping !== undefined && !busy,
      run: () => {
        if (codesOnEnd) submitCodingForm(codingFormId);
        else if (wrapping !== undefined) run([act('end-wrap-up', { contactId: wrapping })]);
      },
    },
  ];
  useShortcuts(shortcuts);

  if (desktop.loadError !== undefined) {
    return (
      <main className="page">
        <h1>{t('agent.title')}</h1>
        <p className="error" role="alert">
          {problemText(t, desktop.loadError)}
        </p>
      </main>
    );
  }
  if (model === undefined) {
    return (
      <main className="page" aria-busy="true">
        <h1>{t('agent.title')}</h1>
        <p>{t('app.loading')}</p>
      </main>
    );
  }

  return (
    <main className="page desktop">
      <div className="page-title">
        <h1>
          {t('agent.title')} <span className="muted">{model.agentId}</span>
        </h1>
        <p className={`connection connection-${desktop.stream}`} role="status">
          {t(`agent.connection.${desktop.stream}`)}
        </p>
      </div>
      <InTimeZone zone={zone}>
        <div className="desktop-grid">
          <div className="side">
            <StateSwitch
              model={model}
              pauseCodes={desktop.pauseCodes}
              serverOffsetMs={desktop.serverOffsetMs}
              busy={busy}
              onChoose={choose}
            />
            <DeskPhonePanel phone={deskPhone.phone} state={deskPhone.state} />
            <TodayStats
              api={props.api}
              agentId={props.agentId}
              refresh={handled}
              onZone={setZone}
            />
            <section className="card shortcuts" aria-labelledby="shortcuts-title">
              <h2 id="shortcuts-title">{t('agent.shortcuts')}</h2>
              <dl>
                {shortcuts.map((s) => (
                  <div key={s.code}>
                    <dt>
                      <kbd>{shortcutText(s.code)}</kbd>
                    </dt>
                    <dd>{t(s.label)}</dd>
                  </div>
                ))}
              </dl>
            </section>
          </div>
          <div className="main">
            {problem === undefined ? null : (
              <p className="error" role="alert">
                {problem}
              </p>
            )}
            {contact === undefined ? (
              <section className="card idle">
                <p>
                  {model.state === 'paused'
                    ? t('agent.pausedNote')
                    : model.state === 'loggedOut'
                      ? t('agent.loggedOutNote')
                      : t('agent.waiting')}
                </p>
              </section>
            ) : contact.phase === 'offered' ? (
              <OfferCard
                key={contact.contactId}
                contact={contact}
                context={context}
                dispositions={desktop.dispositions}
                serverOffsetMs={desktop.serverOffsetMs}
                busy={busy}
                outbound={outbound}
                onAccept={() => accept(contact.contactId)}
                onReject={() => run([act('reject', { contactId: contact.contactId })])}
              />
            ) : (
              <ContactCard
                key={contact.contactId}
                api={props.api}
                contact={contact}
                context={context}
                dispositions={desktop.dispositions}
                serverOffsetMs={desktop.serverOffsetMs}
                busy={busy}
                onComplete={() => run([act('complete', { contactId: contact.contactId })])}
                onEndWrapUp={() => run([act('end-wrap-up', { contactId: contact.contactId })])}
                onHold={() => holdOrResume(contact.contactId, false)}
                onResume={() => holdOrResume(contact.contactId, true)}
                onDisposition={(dispositionId) =>
                  run([act('disposition', { contactId: contact.contactId, dispositionId })])
                }
                onTransfer={(to) =>
                  run([
                    act(
                      'transfer',
                      'queueId' in to
                        ? { contactId: contact.contactId, queueId: to.queueId }
                        : { contactId: contact.contactId, agentId: to.agentId },
                    ),
                  ])
                }
                onSchedule={(callback) =>
                  attempt([act('callback', { contactId: contact.contactId, ...callback })])
                }
                outbound={outbound}
                codingFormId={codingFormId}
                onCode={(body: OutboundDispositionBody) =>
                  codeOutboundCall(props.api, contact.contactId, body).then(outbound.replace)
                }
              />
            )}
          </div>
        </div>
      </InTimeZone>
    </main>
  );
}
