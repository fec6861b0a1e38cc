import type { ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { useI18n } from '../i18n/i18n.tsx';
import { LanguageSelect } from '../i18n/language-select.tsx';
import { pageAt, pagesFor } from './pages.tsx';
import type { Session } from './session.ts';

export function Header(props: {
  session: Session;
  onSignOut: () => void;
  /** Shown before the user's name: the demo bar, when the server runs the demo. */
  extra?: ReactNode;
}): ReactNode {
  const { t } = useI18n();
  const { session } = props;
  const [location] = useLocation();
  const pages = pagesFor(session.role);
  const current = pageAt(session.role, location);
  return (
    <header className="top">
      <span className="brand">{t('app.name')}</span>
      {pages.length > 1 && (
        <nav aria-label={t('app.mainNav')} className="main-nav">
          {pages.map((page) => (
            <Link
              key={page.path}
              href={page.path}
              aria-current={page === current ? 'page' : undefined}
            >
              {t(page.nav)}
            </Link>
          ))}
        </nav>
      )}
      {props.extra}
      <span className="who">
        {t('app.signedInAs', { user: session.username, role: t(`role.${session.role}`) })}
      </span>
      <LanguageSelect />
      <button type="button" onClick={props.onSignOut}>
        {t('app.signOut')}
      </button>
    </header>
  );
}
