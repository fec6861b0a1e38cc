// The planning page (home of planners): a queue's forecast day with required versus scheduled
// positions, a what-if run of that day on the simulator, and an Erlang calculator. Everything is
// computed by the server (/api/v1/planning); the page validates its forms with the same schemas.
import {
  ForecastQuery,
  ForecastResult,
  PlanningQueueList,
  PlanningSiteList,
  type Role,
} from '@relais/protocol';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { ApiFailure, type ApiClient } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErlangCalculator } from './erlang-calculator.tsx';
import { ForecastView } from './forecast-view.tsx';
import { SelectField, TextField, StaffingFields } from './planning-fields.tsx';
import {
  check,
  fractionOf,
  numberOf,
  serverErrors,
  withoutEmpty,
  type FieldErrors,
} from './planning-form.ts';
import { dateInZone } from './planning-format.ts';
import { WhatIfPanel } from './what-if-panel.tsx';
import './planning.css';

interface Settings {
  queueId: string;
  date: string;
  intervalMinutes: string;
  weeks: string;
  model: string;
  serviceLevelTarget: string;
  thresholdSeconds: string;
  patienceSeconds: string;
  shrinkage: string;
}

export function PlanningPage(props: {
  api: ApiClient;
  role: Role;
  /** The clock, for the default day (tomorrow in the site's zone). */
  now?: () => number;
}): ReactNode {
  const { t } = useI18n();
  const { api } = props;
  const now = props.now ?? Date.now;
  const [queues, setQueues] = useState<PlanningQueueList['items']>();
  const [settings, setSettings] = useState<Settings>({
    queueId: '',
    date: dateInZone(now(), 'UTC', 1),
    intervalMinutes: '30',
    weeks: '8',
    model: 'erlang-c',
    serviceLevelTarget: '80',
    thresholdSeconds: '20',
    patienceSeconds: '',
    shrinkage: '30',
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [forecast, setForecast] = useState<ForecastResult>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [weeks, setWeeks] = useState(8);

  useEffect(() => {
    let stopped = false;
    Promise.all([
      api.get('/api/v1/queues?limit=1000', PlanningQueueList),
      api.get('/api/v1/sites?limit=1', PlanningSiteList),
    ])
      .then(([queueList, sites]) => {
        if (stopped) return;
        setQueues(queueList.items);
        const first = queueList.items[0];
        const zone = sites.items[0]?.timeZone ?? 'UTC';
        setSettings((old) => ({
          ...old,
          queueId: old.queueId === '' ? (first?.id ?? '') : old.queueId,
          date: dateInZone(now(), zone, 1),
          ...(first?.serviceLevel === undefined
            ? {}
            : {
                serviceLevelTarget: String(Math.round(first.serviceLevel.target * 1000) / 10),
                thresholdSeconds: String(first.serviceLevel.thresholdSeconds),
              }),
        }));
      })
      .catch((error: unknown) => {
        if (!stopped) setFailure(error instanceof Error ? error.message : String(error));
      });
    return () => {
      stopped = true;
    };
    // The clock is read once, when the page opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api]);

  const set =
    (field: keyof Settings) =>
    (value: string): void =>
      setSettings((old) => ({ ...old, [field]: value }));

  const load = (): void => {
    const query = withoutEmpty({
      queueId: settings.queueId,
      date: settings.date,
      intervalMinutes: settings.intervalMinutes,
      weeks: settings.weeks.trim(),
      model: settings.model,
      serviceLevelTarget: fractionOf(settings.serviceLevelTarget),
      thresholdSeconds: numberOf(settings.thresholdSeconds),
      patienceSeconds:
        settings.model === 'erlang-a' ? numberOf(settings.patienceSeconds) : undefined,
      shrinkage: fractionOf(settings.shrinkage),
    });
    const checked = check(ForecastQuery, query);
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setFailure(undefined);
    setBusy(true);
    const search = new URLSearchParams(
      Object.entries(checked.value)
        .filter(([, value]) => value !== undefined)
        .map(([key, value]) => [key, String(value)]),
    );
    api
      .get(`/api/v1/planning/forecast?${search.toString()}`, ForecastResult)
      .then((answer) => {
        setForecast(answer);
        setWeeks(checked.value.weeks);
      })
      .catch((error: unknown) => {
        setForecast(undefined);
        const fields = serverErrors(error);
        if (fields !== undefined) setErrors(fields);
        else if (error instanceof ApiFailure && error.code === 'NoHistory')
          setFailure(t('planning.forecast.noHistory'));
        else setFailure(error instanceof Error ? error.message : String(error));
      })
      .finally(() => setBusy(false));
  };
  const submit = (event: FormEvent): void => {
    event.preventDefault();
    load();
  };

  const canPlan = props.role === 'planner' || props.role === 'admin';
  return (
    <main className="page planning">
      <h1>{t('planning.title')}</h1>
      <p className="muted">{t('planning.intro')}</p>
      <section className="planning-panel" aria-labelledby="forecast-title">
        <h2 id="forecast-title">{t('planning.forecast.title')}</h2>
        {queues !== undefined && queues.length === 0 ? (
          <p>{t('planning.noQueues')}</p>
        ) : (
          <form
            className="planning-form"
            onSubmit={submit}
            noValidate
            aria-label={t('planning.settings')}
          >
            <SelectField
              id="planning-queue"
              label="planning.field.queue"
              value={settings.queueId}
              onChange={set('queueId')}
              options={(queues ?? []).map((q) => ({ value: q.id, label: q.id }))}
              error={errors.queueId}
            />
            <TextField
              id="planning-date"
              type="date"
              label="planning.field.date"
              value={settings.date}
              onChange={set('date')}
              error={errors.date}
            />
            <SelectField
              id="planning-interval"
              label="planning.field.interval"
              value={settings.intervalMinutes}
              onChange={set('intervalMinutes')}
              options={['15', '30', '60'].map((m) => ({
                value: m,
                label: t('planning.field.intervalOption', { minutes: m }),
              }))}
              error={errors.intervalMinutes}
            />
            <TextField
              id="planning-weeks"
              label="planning.field.weeks"
              value={settings.weeks}
              onChange={set('weeks')}
              error={errors.weeks}
              inputMode="numeric"
            />
            <StaffingFields idPrefix="planning" values={settings} errors={errors} set={set} />
            <div className="planning-actions">
              <button type="submit" className="primary" disabled={busy || queues === undefined}>
                {busy ? t('planning.forecast.busy') : t('planning.forecast.submit')}
              </button>
            </div>
          </form>
        )}
        {failure === undefined ? null : (
          <p className="error" role="alert">
            {t('error.generic', { message: failure })}
          </p>
        )}
        {forecast === undefined ? null : (
          <ForecastView api={api} forecast={forecast} canEdit={canPlan} onScheduleSaved={load} />
        )}
      </section>
      {canPlan ? <WhatIfPanel api={api} forecast={forecast} weeks={weeks} /> : null}
      <ErlangCalculator api={api} />
    </main>
  );
}
