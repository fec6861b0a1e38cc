// The app's language: a context holding the locale, the message lookup and the formatters.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { formatters, type Formatters } from './format.ts';
import type { Locale } from './locale-choice.ts';
import { en, type MessageKey, type Messages } from './messages-en.ts';
import { fr } from './messages-fr.ts';

const CATALOGUES: Record<Locale, Messages> = { fr, en };

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export interface I18n {
  locale: Locale;
  t: Translate;
  format: Formatters;
  setLocale: (locale: Locale) => void;
}

/** Looks a message up and fills its {placeholders}. */
export function translator(locale: Locale): Translate {
  const messages = CATALOGUES[locale];
  return (key, values) =>
    (messages[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) =>
      values !== undefined && name in values ? String(values[name]) : whole,
    );
}

const I18nContext = createContext<I18n | undefined>(undefined);

export function I18nProvider(props: {
  locale: Locale;
  onLocale: (locale: Locale) => void;
  children: ReactNode;
}): ReactNode {
  const { locale, onLocale } = props;
  const value = useMemo<I18n>(() => {
    const t = translator(locale);
    return { locale, t, format: formatters(locale, t('value.none')), setLocale: onLocale };
  }, [locale, onLocale]);
  return <I18nContext value={value}>{props.children}</I18nContext>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (i18n === undefined) throw new Error('useI18n outside <I18nProvider>');
  return i18n;
}

/**
 * Its children show times in a site's time zone (an IANA name), not the browser's: an agent in
 * Casablanca working on a browser set to Paris still reads Casablanca times. Undefined: unchanged.
 */
export function InTimeZone(props: { zone: string | undefined; children: ReactNode }): ReactNode {
  const outer = useI18n();
  const { zone } = props;
  const value = useMemo<I18n>(
    () =>
      zone === undefined
        ? outer
        : { ...outer, format: formatters(outer.locale, outer.t('value.none'), zone) },
    [outer, zone],
  );
  return <I18nContext value={value}>{props.children}</I18nContext>;
}
