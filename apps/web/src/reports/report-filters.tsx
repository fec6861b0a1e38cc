// The report's settings form: range, interval, what the report is by, which entities, and the
// time zone. Only what the caller's role may ask for is offered; the server checks again.
import { REPORT_INTERVALS, type ReportDimension } from '@relais/protocol';
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { labelsOf, type ReportLists } from './report-lists.ts';
import type { ReportSettings } from './report-query.ts';

export interface ReportFiltersProps {
  initial: ReportSettings;
  dimensions: readonly ReportDimension[];
  lists: ReportLists;
  /** Entities the user may not change (a client portal's queue page). */
  lockedIds?: boolean;
  busy: boolean;
  onSubmit: (settings: ReportSettings) => void;
}

export function ReportFilters(props: ReportFiltersProps): ReactNode {
  const { t } = useI18n();
  const id = useId();
  const { lists, dimensions } = props;
  const [settings, setSettings] = useState<ReportSettings>(props.initial);
  const [narrow, setNarrow] = useState('');
  const set = (change: Partial<ReportSettings>): void => setSettings((s) => ({ ...s, ...change }));

  const labels = labelsOf(lists, settings.dimension);
  const narrowBy =
    settings.dimension === 'queue' && lists.clients.length > 1
      ? 'client'
      : settings.dimension === 'agent' && lists.sites.length > 1
        ? 'site'
        : undefined;
  const options = [...labels]
    .filter(([entity]) => {
      if (narrow === '' || narrowBy === undefined) return true;
      if (narrowBy === 'client')
        return lists.queues.find((q) => q.id === entity)?.clientId === narrow;
      return lists.agents.find((a) => a.id === entity)?.siteId === narrow;
    })
    .sort(([, a], [, b]) => a.localeCompare(b));
  const zones = [...new Map(lists.sites.map((s) => [s.timeZone, s.city])).entries()];

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const ids =
      settings.ids.length > 0 || narrow === '' || narrowBy === undefined
        ? settings.ids
        : options.map(([entity]) => entity);
    props.onSubmit({ ...settings, ids });
  };

  return (
    <form className="report-filters card" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('reports.filters')}</h2>
      <div className="report-filter-grid">
        <div className="field">
          <label htmlFor={`${id}-f1`}>{t('reports.from')}</label>
          <input
            id={`${id}-f1`}
            type="date"
            required
            value={settings.from}
            onChange={(e) => set({ from: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-f2`}>{t('reports.to')}</label>
          <input
            id={`${id}-f2`}
            type="date"
            required
            value={settings.to}
            onChange={(e) => set({ to: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-f3`}>{t('reports.interval')}</label>
          <select
            id={`${id}-f3`}
            value={settings.interval}
            onChange={(e) => set({ interval: e.target.value as ReportSettings['interval'] })}
          >
            {REPORT_INTERVALS.map((size) => (
              <option key={size} value={size}>
                {t(`reports.interval.${size}`)}
              </option>
            ))}
          </select>
        </div>
        {dimensions.length > 1 && !props.lockedIds ? (
          <div className="field">
            <label htmlFor={`${id}-f4`}>{t('reports.dimension')}</label>
            <select
              id={`${id}-f4`}
              value={settings.dimension}
              onChange={(e) => {
                setNarrow('');
                set({ dimension: e.target.value as ReportDimension, ids: [] });
              }}
            >
              {dimensions.map((d) => (
                <option key={d} value={d}>
                  {t(`reports.dimension.${d}`)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {zones.length > 0 ? (
          <div className="field">
            <label htmlFor={`${id}-f5`}>{t('reports.zone')}</label>
            <select
              id={`${id}-f5`}
              value={settings.zone ?? ''}
              onChange={(e) => set({ zone: e.target.value === '' ? undefined : e.target.value })}
            >
              <option value="">{t('reports.zone.default')}</option>
              {zones.map(([zone, city]) => (
                <option key={zone} value={zone}>
                  {t('reports.zone.site', { zone, city })}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {narrowBy !== undefined && !props.lockedIds ? (
          <div className="field">
            <label htmlFor={`${id}-f6`}>
              {t(narrowBy === 'client' ? 'reports.narrow.client' : 'reports.narrow.site')}
            </label>
            <select
              id={`${id}-f6`}
              value={narrow}
              onChange={(e) => {
                setNarrow(e.target.value);
                set({ ids: [] });
              }}
            >
              <option value="">{t('reports.narrow.all')}</option>
              {(narrowBy === 'client'
                ? lists.clients.map((c) => [c.id, c.name] as const)
                : lists.sites.map((s) => [s.id, `${s.id} (${s.city})`] as const)
              ).map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {options.length > 0 && !props.lockedIds ? (
          <div className="report-ids">
            <label htmlFor={`${id}-ids`}>
              {t('reports.ids', { dimension: t(`reports.dimension.${settings.dimension}`) })}
            </label>
            <select
              id={`${id}-ids`}
              multiple
              size={Math.min(6, Math.max(3, options.length))}
              value={[...settings.ids]}
              aria-describedby={`${id}-ids-hint`}
              onChange={(e) =>
                set({ ids: [...e.target.selectedOptions].map((option) => option.value) })
              }
            >
              {options.map(([entity, label]) => (
                <option key={entity} value={entity}>
                  {label}
                </option>
              ))}
            </select>
            <span id={`${id}-ids-hint`} className="muted small">
              {t('reports.ids.hint')}
            </span>
          </div>
        ) : null}
      </div>
      <button type="submit" className="primary" disabled={props.busy}>
        {t('reports.run')}
      </button>
    </form>
  );
}
