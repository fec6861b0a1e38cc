// The desktop's keyboard shortcuts: Alt + a letter, matched on the physical key (event.code) so
// that they work whatever the keyboard layout types (AZERTY included) and on macOS, where Alt
// changes the character.
import { useEffect, useRef } from 'react';
import type { MessageKey } from '../i18n/messages-en.ts';

export interface Shortcut {
  /** KeyboardEvent.code, e.g. 'KeyA'. */
  code: string;
  /** What it does, for the legend. */
  label: MessageKey;
  enabled: boolean;
  run(): void;
}

/** "Alt+A", as aria-keyshortcuts and the legend write it. */
export const shortcutText = (code: string): string => `Alt+${code.replace(/^Key/, '')}`;

export function useShortcuts(shortcuts: readonly Shortcut[]): void {
  const latest = useRef(shortcuts);
  useEffect(() => {
    latest.current = shortcuts;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.repeat) return;
      const shortcut = latest.current.find((s) => s.code === event.code && s.enabled);
      if (shortcut === undefined) return;
      event.preventDefault();
      shortcut.run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
