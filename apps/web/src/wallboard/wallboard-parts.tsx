// Small pieces the wallboard's views share: the context they read, threshold flags (icon and
// word, not colour alone), state badges, times in a site's zone.
import type {
  AgentState,
  RealtimeQueue,
  WallboardAgent,
  WallboardQueue,
  WallboardSite,
} from '@relais/protocol';
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { ApiClient } from '../api/api-client.ts';
import { INTL_LOCALE } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { Level } from './wallboard-model.ts';

export interface WallboardView {
  api: ApiClient;
  agents: ReadonlyMap<string, WallboardAgent>;
  /** Each agent's place in name order. */
  nameRanks: ReadonlyMap<string, number>;
  queues: ReadonlyMap<string, WallboardQueue>;
  sites: ReadonlyMap<string, WallboardSite>;
  /** Today's figures per queue (GET /api/v1/realtime/queues), read every minute. */
  today: ReadonlyMap<string, RealtimeQueue['today']>;
  todayAtMs: number | undefined;
  /** Server time now (this browser's clock corrected by the feed's offset), ticking each second. */
  nowMs: number;
  /** The page's base path (/wallboard): rows link with plain anchors (data-nav), which the
   * page's one click handler routes, cheaper than a router link per row. */
  base: string;
  /** Wall mode: no controls. */
  wall: boolean;
  pauseCodes: readonly { id: string; label: string }[];
  skillIds: readonly string[];
  queueSkills: ReadonlyMap<string, Record<string, number>>;
  /** Agents may be acted on (supervisors and administrators). */
  canAct: boolean;
}

export const WallboardContext = createContext<WallboardView | undefined>(undefined);

export function useWallboard(): WallboardView {
  const view = useContext(WallboardContext);
  if (view === undefined) throw new Error('useWallboard outside the wallboard');
  return view;
}

const ICON: Record<Level, string> = { ok: '', warn: '▲', alarm: '■' };

/** A value with its threshold level: a class for the colour, an icon and a word for the rest. */
export function Flagged(props: { level: Level; children: ReactNode }): ReactNode {
  const { t } = useI18n();
  if (props.level === 'ok') return <>{props.children}</>;
  return (
    <span className={`flag flag-${props.level}`}>
      <span aria-hidden="true" className="flag-icon">
        {ICON[props.level]}
      </span>{' '}
      {props.children}
      <span className="visually-hidden"> ({t(`wallboard.level.${props.level}`)})</span>
    </span>
  );
}

export function StateBadge(props: { state: AgentState }): ReactNode {
  const { t } = useI18n();
  return (
    <span className={`wb-state wb-state-${props.state}`}>
      {t(`wallboard.state.${props.state}`)}
    </span>
  );
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** hh:mm in a time zone, in the reader's language; the zone's name is given beside it. */
export function useZoneTime(): (atMs: number, zone: string) => string {
  const { locale } = useI18n();
  return useMemo(
    () => (atMs: number, zone: string) => {
      const key = `${locale}|${zone}`;
      let format = zoneFormats.get(key);
      if (format === undefined) {
        try {
          format = new Intl.DateTimeFormat(INTL_LOCALE[locale], {
            timeStyle: 'short',
            timeZone: zone,
          });
        } catch {
          // An unknown zone: the reader's own clock rather than nothing.
          format = new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeStyle: 'short' });
        }
        zoneFormats.set(key, format);
      }
      return format.format(atMs);
    },
    [locale],
  );
}
