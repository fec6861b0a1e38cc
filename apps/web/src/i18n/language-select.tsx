import { useId, type ReactNode } from 'react';
import { useI18n } from './i18n.tsx';
import { isLocale } from './locale-choice.ts';

/** Each language named in itself, so a reader of the other one finds theirs. */
const NAMES = { fr: 'Français', en: 'English' } as const;

export function LanguageSelect(): ReactNode {
  const { locale, setLocale, t } = useI18n();
  const id = useId();
  return (
    <div className="language-select">
      <label htmlFor={id}>{t('app.language')}</label>
      <select
        id={id}
        value={locale}
        onChange={(event) => {
          if (isLocale(event.target.value)) setLocale(event.target.value);
        }}
      >
        {Object.entries(NAMES).map(([code, name]) => (
          <option key={code} value={code} lang={code}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}
