// The app: the language, the session, and the home page of the signed-in role.
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiClient } from '../api/api-client.ts';
import { AgentDesktop } from '../agent/agent-desktop.tsx';
import type { SocketFactory } from '../agent/agent-stream.ts';
import { I18nProvider, useI18n } from '../i18n/i18n.tsx';
import { initialLocale, rememberLocale, type Locale } from '../i18n/locale-choice.ts';
import { LoginPage } from '../login/login-page.tsx';
import { QueuesPage } from '../queues/queues-page.tsx';
import { Header } from './header.tsx';
import { homePath, resumeSession, signIn, signOut, type Session } from './session.ts';

type Phase = { kind: 'starting' } | { kind: 'signedOut' } | { kind: 'signedIn'; session: Session };

export function App(props: { api?: ApiClient; socketFactory?: SocketFactory }): ReactNode {
  const api = useMemo(() => props.api ?? new ApiClient(), [props.api]);
  const [phase, setPhase] = useState<Phase>({ kind: 'starting' });
  const [locale, setLocaleState] = useState<Locale>(() => initialLocale());
  const username = phase.kind === 'signedIn' ? phase.session.username : undefined;

  const setLocale = useCallback(
    (next: Locale) => {
      setLocaleState(next);
      rememberLocale(next, username);
    },
    [username],
  );

  const enter = useCallback((session: Session) => {
    setLocaleState(initialLocale(session.username));
    setPhase({ kind: 'signedIn', session });
    // One address per home page, so a reload comes back to it.
    if (window.location.pathname !== homePath(session.role))
      window.history.replaceState(null, '', homePath(session.role));
  }, []);

  useEffect(() => {
    resumeSession(api)
      .then((session) => (session === undefined ? setPhase({ kind: 'signedOut' }) : enter(session)))
      .catch(() => setPhase({ kind: 'signedOut' }));
  }, [api, enter]);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  return (
    <I18nProvider locale={locale} onLocale={setLocale}>
      {phase.kind === 'starting' ? (
        <Starting />
      ) : phase.kind === 'signedOut' ? (
        <LoginPage onSignIn={async (user, password) => enter(await signIn(api, user, password))} />
      ) : (
        <>
          <Header
            session={phase.session}
            onSignOut={() => {
              void signOut(api)
                .catch(() => undefined) // signed out here either way; the cookie may be gone
                .then(() => {
                  setPhase({ kind: 'signedOut' });
                  window.history.replaceState(null, '', '/');
                });
            }}
          />
          <Home api={api} session={phase.session} socketFactory={props.socketFactory} />
        </>
      )}
    </I18nProvider>
  );
}

function Starting(): ReactNode {
  const { t } = useI18n();
  return (
    <main className="page" aria-busy="true">
      <p>{t('app.loading')}</p>
    </main>
  );
}

function Home(props: {
  api: ApiClient;
  session: Session;
  socketFactory: SocketFactory | undefined;
}): ReactNode {
  const { t } = useI18n();
  const { session } = props;
  if (session.role !== 'agent') return <QueuesPage api={props.api} role={session.role} />;
  if (session.agentId === undefined) {
    return (
      <main className="page">
        <p className="error" role="alert">
          {t('agent.noAgent')}
        </p>
      </main>
    );
  }
  return (
    <AgentDesktop
      api={props.api}
      agentId={session.agentId}
      {...(props.socketFactory === undefined ? {} : { socketFactory: props.socketFactory })}
    />
  );
}
