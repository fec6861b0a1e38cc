import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { LanguageSelect } from '../i18n/language-select.tsx';
import type { Session } from './session.ts';

export function Header(props: { session: Session; onSignOut: () => void }): ReactNode {
  const { t } = useI18n();
  const { session } = props;
  return (
    <header className="top">
      <span className="brand">{t('app.name')}</span>
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
