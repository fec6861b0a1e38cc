// The Erlang calculator: contacts and handling time of one interval, a service-level target →
// the agents and positions needed (or the measures of the agents given), as the server's
// POST /api/v1/planning/erlang computes them with @relais/wfm.
import { ErlangRequest, ErlangResult } from '@relais/protocol';
import { useState, type FormEvent, type ReactNode } from 'react';
import type { ApiClient } from '../api/api-client.ts';
import { INTL_LOCALE } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { SelectField, TextField, StaffingFields } from './planning-fields.tsx';
import {
  check,
  fractionOf,
  numberOf,
  serverErrors,
  withoutEmpty,
  type FieldErrors,
} from './planning-form.ts';

interface Values {
  callsPerInterval: string;
  ahtSeconds: string;
  intervalMinutes: string;
  model: string;
  serviceLevelTarget: string;
  thresholdSeconds: string;
  patienceSeconds: string;
  shrinkage: string;
  agents: string;
}

const INITIAL: Values = {
  callsPerInterval: '100',
  ahtSeconds: '180',
  intervalMinutes: '30',
  model: 'erlang-c',
  serviceLevelTarget: '80',
  thresholdSeconds: '20',
  patienceSeconds: '',
  shrinkage: '30',
  agents: '',
};

export function ErlangCalculator(props: { api: ApiClient }): ReactNode {
  const { t, format, locale } = useI18n();
  const [values, setValues] = useState<Values>(INITIAL);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [result, setResult] = useState<ErlangResult>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const set =
    (field: keyof Values) =>
    (value: string): void =>
      setValues((old) => ({ ...old, [field]: value }));

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const body = withoutEmpty({
      callsPerInterval: numberOf(values.callsPerInterval),
      ahtSeconds: numberOf(values.ahtSeconds),
      intervalMinutes: Number(values.intervalMinutes),
      model: values.model,
      serviceLevelTarget: fractionOf(values.serviceLevelTarget),
      thresholdSeconds: numberOf(values.thresholdSeconds),
      patienceSeconds: values.model === 'erlang-a' ? numberOf(values.patienceSeconds) : undefined,
      shrinkage: fractionOf(values.shrinkage),
      agents: numberOf(values.agents),
    });
    const checked = check(ErlangRequest, body);
    if (!checked.ok) {
      setErrors(checked.errors);
      setResult(undefined);
      return;
    }
    setErrors({});
    setFailure(undefined);
    setBusy(true);
    props.api
      .send('POST', '/api/v1/planning/erlang', body, ErlangResult)
      .then(setResult)
      .catch((error: unknown) => {
        setResult(undefined);
        const fields = serverErrors(error);
        if (fields !== undefined) setErrors(fields);
        else setFailure(error instanceof Error ? error.message : String(error));
      })
      .finally(() => setBusy(false));
  };

  const pct = (n: number): string => format.percent(n);
  return (
    <section className="planning-panel" aria-labelledby="erlang-title">
      <h2 id="erlang-title">{t('planning.erlang.title')}</h2>
      <form className="planning-form" onSubmit={submit} noValidate>
        <TextField
          id="erlang-calls"
          label="planning.field.callsPerInterval"
          value={values.callsPerInterval}
          onChange={set('callsPerInterval')}
          error={errors.callsPerInterval}
          inputMode="decimal"
        />
        <TextField
          id="erlang-aht"
          label="planning.field.ahtSeconds"
          value={values.ahtSeconds}
          onChange={set('ahtSeconds')}
          error={errors.ahtSeconds}
          inputMode="decimal"
        />
        <SelectField
          id="erlang-interval"
          label="planning.field.interval"
          value={values.intervalMinutes}
          onChange={set('intervalMinutes')}
          options={['15', '30', '60'].map((m) => ({
            value: m,
            label: t('planning.field.intervalOption', { minutes: m }),
          }))}
          error={errors.intervalMinutes}
        />
        <StaffingFields idPrefix="erlang" values={values} errors={errors} set={set} />
        <TextField
          id="erlang-agents"
          label="planning.field.agents"
          hint="planning.field.agentsHint"
          value={values.agents}
          onChange={set('agents')}
          error={errors.agents}
          inputMode="numeric"
        />
        <div className="planning-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('planning.erlang.busy') : t('planning.erlang.submit')}
          </button>
        </div>
      </form>
      {failure === undefined ? null : (
        <p className="error" role="alert">
          {t('error.generic', { message: failure })}
        </p>
      )}
      {result === undefined ? null : (
        <div className="erlang-result" aria-live="polite">
          <h3>{t('planning.erlang.result')}</h3>
          <p className={result.meetsTarget ? 'meets' : 'misses'}>
            {result.meetsTarget ? t('planning.erlang.meets') : t('planning.erlang.misses')}
          </p>
          <dl>
            <dt>{t('planning.erlang.agents')}</dt>
            <dd data-testid="erlang-agents">{format.integer(result.agents)}</dd>
            <dt>{t('planning.erlang.positions')}</dt>
            <dd data-testid="erlang-positions">{format.integer(result.positions)}</dd>
            <dt>{t('planning.erlang.serviceLevel')}</dt>
            <dd data-testid="erlang-sl">{pct(result.serviceLevel)}</dd>
            <dt>{t('planning.erlang.asa')}</dt>
            <dd>
              {result.asaSeconds === null
                ? t('planning.erlang.asaUnbounded')
                : format.seconds(result.asaSeconds * 1000)}
            </dd>
            <dt>{t('planning.erlang.occupancy')}</dt>
            <dd>{pct(result.occupancy)}</dd>
            <dt>{t('planning.erlang.pWait')}</dt>
            <dd>{pct(result.pWait)}</dd>
            {result.model === 'erlang-a' ? (
              <>
                <dt>{t('planning.erlang.pAbandon')}</dt>
                <dd>{pct(result.pAbandon)}</dd>
              </>
            ) : null}
            <dt>{t('planning.erlang.traffic')}</dt>
            <dd>
              {t('planning.erlang.trafficValue', {
                value: new Intl.NumberFormat(INTL_LOCALE[locale], {
                  maximumFractionDigits: 2,
                }).format(result.trafficErlangs),
              })}
            </dd>
          </dl>
        </div>
      )}
    </section>
  );
}
