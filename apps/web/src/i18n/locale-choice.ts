// Which language a person reads the app in. Kept with the user on the server (the app applies it
// after sign-in on any browser, see app.tsx), and in this browser's localStorage per user and as
// the last choice for the sign-in page. Default: the browser's first French or English language,
// else French.
export const LOCALES = ['fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const LAST_KEY = 'relais.locale';
const userKey = (username: string): string => `relais.locale.${username}`;

export const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && (LOCALES as readonly string[]).includes(value);

function read(key: string): Locale | undefined {
  try {
    const value = globalThis.localStorage?.getItem(key);
    return isLocale(value) ? value : undefined;
  } catch {
    return undefined; // storage disabled: the choice lasts until the page closes
  }
}

export function browserLocale(languages: readonly string[]): Locale {
  for (const language of languages) {
    const base = language.slice(0, 2).toLowerCase();
    if (isLocale(base)) return base;
  }
  return 'fr';
}

/** The locale to start with: the user's, else the last one chosen here, else the browser's. */
export function initialLocale(username?: string): Locale {
  return (
    (username === undefined ? undefined : read(userKey(username))) ??
    read(LAST_KEY) ??
    browserLocale(globalThis.navigator?.languages ?? [])
  );
}

export function rememberLocale(locale: Locale, username?: string): void {
  try {
    globalThis.localStorage?.setItem(LAST_KEY, locale);
    if (username !== undefined) globalThis.localStorage?.setItem(userKey(username), locale);
  } catch {
    // storage disabled: nothing to remember with
  }
}
