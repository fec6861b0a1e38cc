// The app: the language, the session, and the home page of the signed-in role.
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiClient } from '../api/api-client.ts';
import { Redirect, Route, Switch } from 'wouter';
import type { SocketFactory } from '../agent/agent-stream.ts';
import { I18nProvider, useI18n } from '../i18n/i18n.tsx';
import { initialLocale, rememberLocale, type Locale } from '../i18n/locale-choice.ts';
import { DemoBar } from '../demo/demo-bar.tsx';
import { LoginPage } from '../login/login-page.tsx';
import { Header } from './header.tsx';
import { homePath, pageAt, pagesFor } from './pages.tsx';
import { resumeSession, saveLocale, signIn, signOut, type Session } from './session.ts';

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
      // Kept with the user on the server too, for their next sign-in on any browser; a failure
      // leaves this browser's choice, which is all the person sees.
      if (username !== undefined) saveLocale(api, next).catch(() => undefined);
    },
    [api, username],
  );

  const enter = useCallback((session: Session) => {
    // The user's own choice, from the server, wins over what this browser remembers.
    const chosen = session.locale ?? initialLocale(session.username);
    if (session.locale !== undefined) rememberLocale(session.locale, session.username);
    setLocaleState(chosen);
    setPhase({ kind: 'signedIn', session });
    // A reload or a shared link keeps its page when the role may open it; otherwise home.
    if (pageAt(session.role, window.location.pathname) === undefined)
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
            extra={
              phase.session.demo === true ? (
                <DemoBar api={api} role={phase.session.role} />
              ) : undefined
            }
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
  const context = { api: props.api, session: props.session, socketFactory: props.socketFactory };
  return (
    <Switch>
      {pagesFor(props.session.role).map((page) => (
        <Route key={page.path} path={page.path} nest>
          {page.render(context)}
        </Route>
      ))}
      <Route>
        <Redirect to={homePath(props.session.role)} replace />
      </Route>
    </Switch>
  );
}
