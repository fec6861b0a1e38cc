// The demo bar, in the header when the server runs the demo (`relais serve --demo`): the
// simulated time of day and the speed; admins and supervisors change the speed or pause it.
// It reads GET /api/v1/demo and shows nothing when that answers anything but the demo.
import { DEMO_SPEEDS, DemoStatus, type DemoUpdate, type Role } from '@relais/protocol';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { ApiFailure, type ApiClient } from '../api/api-client.ts';
import { INTL_LOCALE } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useNow } from '../ui/use-now.ts';
import './demo.css';

/** How often the bar re-reads the demo (the time shown moves on in between). */
export const DEMO_REFRESH_MS = 5000;

const CONTROLLERS: readonly Role[] = ['admin', 'supervisor'];

interface Seen {
  status: DemoStatus;
  /** When it was read, by this browser's clock. */
  atMs: number;
}

/** The simulated time now, moved on from the last reading at its speed (never past the day's end). */
export function simulatedClock(seen: Seen, nowMs: number): string {
  const { status } = seen;
  const minutes = (text: string): number => {
    const [h, m] = text.split(':').map(Number);
    return (h ?? 0) * 60 + (m ?? 0);
  };
  const elapsed = status.paused ? 0 : ((nowMs - seen.atMs) / 60_000) * status.speed;
  const at = Math.min(minutes(status.simulatedTime) + Math.max(0, elapsed), minutes(status.dayEnd));
  const whole = Math.floor(at);
  return `${String(Math.floor(whole / 60)).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')}`;
}

export function DemoBar(props: { api: ApiClient; role: Role }): ReactNode {
  const { t, format, locale } = useI18n();
  const { api } = props;
  const [seen, setSeen] = useState<Seen>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const now = useNow(seen !== undefined && !seen.status.paused, 1000);

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const read = (): void => {
      api
        .get('/api/v1/demo', DemoStatus)
        .then((status) => {
          if (stopped) return;
          setSeen({ status, atMs: Date.now() });
          timer = setTimeout(read, DEMO_REFRESH_MS);
        })
        .catch((error: unknown) => {
          if (stopped) return;
          // No demo on this server (404), or not allowed: no bar, and no more asking.
          if (error instanceof ApiFailure && error.status >= 400 && error.status < 500) {
            setSeen(undefined);
            return;
          }
          timer = setTimeout(read, DEMO_REFRESH_MS);
        });
    };
    read();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [api]);

  const change = useCallback(
    (update: DemoUpdate) => {
      setBusy(true);
      api
        .send('PUT', '/api/v1/demo', update, DemoStatus)
        .then((status) => {
          setSeen({ status, atMs: Date.now() });
          setFailure(undefined);
        })
        .catch((error: unknown) =>
          setFailure(error instanceof Error ? error.message : String(error)),
        )
        .finally(() => setBusy(false));
    },
    [api],
  );

  if (seen === undefined) return null;
  const { status } = seen;
  const speeds: number[] = DEMO_SPEEDS.includes(status.speed as (typeof DEMO_SPEEDS)[number])
    ? [...DEMO_SPEEDS]
    : [...DEMO_SPEEDS, status.speed].sort((a, b) => a - b);
  const speedFormat = new Intl.NumberFormat(INTL_LOCALE[locale], { maximumFractionDigits: 1 });
  return (
    <div className="demo-bar" role="group" aria-label={t('demo.label')}>
      <span className="demo-status">
        {t('demo.status', {
          time: simulatedClock(seen, now),
          speed: speedFormat.format(status.speed),
        })}
        <span className="demo-detail">
          {' · '}
          {t('demo.day', { day: status.day })}
          {status.paused ? ` · ${t('demo.paused')}` : ''}
        </span>
      </span>
      <span className="demo-detail">
        {'· '}
        {t('demo.onShift', { count: format.integer(status.agentsOnShift) })}
      </span>
      {CONTROLLERS.includes(props.role) && (
        <>
          <label className="demo-speed">
            {t('demo.speed')}
            <select
              value={String(status.speed)}
              disabled={busy}
              onChange={(event) => change({ speed: Number(event.target.value) })}
            >
              {speeds.map((speed) => (
                <option key={speed} value={String(speed)}>
                  {t('demo.speedOption', { speed: speedFormat.format(speed) })}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            disabled={busy}
            aria-pressed={status.paused}
            onClick={() => change({ paused: !status.paused })}
          >
            {status.paused ? t('demo.resume') : t('demo.pause')}
          </button>
        </>
      )}
      {failure === undefined ? null : (
        <span className="error" role="alert">
          {t('demo.failed', { message: failure })}
        </span>
      )}
    </div>
  );
}
