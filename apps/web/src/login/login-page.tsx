import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { ApiFailure, NETWORK_FAILURE } from '../api/api-client.ts';
import { useI18n, type Translate } from '../i18n/i18n.tsx';
import { LanguageSelect } from '../i18n/language-select.tsx';

function failureText(t: Translate, error: unknown): string {
  if (error instanceof ApiFailure) {
    if (error.status === 401) return t('login.wrong');
    if (error.status === 423) return t('login.locked');
    if (error.status === NETWORK_FAILURE) return t('error.network');
    return t('login.failed', { message: error.message });
  }
  return t('login.failed', { message: String(error) });
}

export function LoginPage(props: {
  onSignIn: (username: string, password: string) => Promise<void>;
}): ReactNode {
  const { t } = useI18n();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const errorId = useId();

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    props.onSignIn(username.trim(), password).catch((failure: unknown) => {
      setError(failureText(t, failure));
      setBusy(false);
    });
  };

  return (
    <main className="login">
      <form className="card login-card" onSubmit={submit} aria-describedby={error && errorId}>
        <h1>{t('login.title')}</h1>
        <label>
          {t('login.username')}
          <input
            name="username"
            autoComplete="username"
            required
            autoFocus
            value={username}
            onChange={(event) => setUsername(event.target.value)}
          />
        </label>
        <label>
          {t('login.password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </label>
        {error === undefined ? null : (
          <p id={errorId} className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('login.busy') : t('login.submit')}
        </button>
        <LanguageSelect />
      </form>
    </main>
  );
}
