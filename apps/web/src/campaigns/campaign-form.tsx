// Creating or editing a campaign: its queue and caller ID, its rule pack and how it tightens it
// (calling windows per weekday, attempts, refusal days, abandon lock…), dispositions and their
// flags, recycling, pacing and suppression lists. Checked with the protocol's Campaign schema
// before sending; the server's refusals (a loosening of the pack, a caller ID outside ARCEP's
// ranges) land under the field they name, the input kept.
import {
  CampaignView,
  SuppressionListView,
  WEEKDAYS,
  type DispositionFlag,
} from '@relais/protocol';
import { useEffect, useState, type ReactNode } from 'react';
import type { SuppressionList } from './types.ts';
import { useLocation } from 'wouter';
import { z } from 'zod';
import { ApiFailure, type ApiClient } from '../api/api-client.ts';
import { FormFields, FormProblems } from '../admin/entry-form.tsx';
import { serverProblems, type FieldErrors, type FormValues } from '../admin/form-model.ts';
import { loadAll } from '../admin/kind-pages.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages-en.ts';
import {
  DAY_FIELDS,
  DISPOSITION_FIELDS,
  GENERAL_FIELDS,
  PACING_FIELDS,
  PACK_FIELDS,
  PACK_WINDOWS,
  RECYCLE_FIELDS,
  REPLACE_WINDOWS,
  TIGHTEN_FIELDS,
  campaignValues,
  checkCampaign,
  dayPath,
  newCampaignValues,
  placeServerProblems,
} from './campaign-form-model.ts';
import { campaignPath } from './campaign-list.tsx';
import { CampaignTabs } from './campaign-tabs.tsx';
import { errorText } from './use-api.ts';

const Anything = z.unknown();
const SuppressionLists = z.array(SuppressionListView);

function useChoices(api: ApiClient): Record<string, readonly string[]> {
  const [choices, setChoices] = useState<Record<string, readonly string[]>>({});
  useEffect(() => {
    let stopped = false;
    for (const path of ['clients', 'queues'])
      loadAll(api, path)
        .then((items) => {
          if (!stopped) setChoices((c) => ({ ...c, [path]: items.map((i) => i.id) }));
        })
        .catch(() => undefined); // a help only: the field takes any id, the server checks it
    return () => {
      stopped = true;
    };
  }, [api]);
  return choices;
}

export function CampaignForm(props: { api: ApiClient; id?: string }): ReactNode {
  const { t, locale } = useI18n();
  const { api, id } = props;
  const [, navigate] = useLocation();
  const [values, setValues] = useState<FormValues | undefined>(() =>
    id === undefined
      ? newCampaignValues((flag: DispositionFlag) => t(`campaigns.flag.${flag}`))
      : undefined,
  );
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const [lists, setLists] = useState<SuppressionList[]>();
  const choices = useChoices(api);

  useEffect(() => {
    let stopped = false;
    api
      .get('/api/v1/suppression-lists', SuppressionLists)
      .then((found) => !stopped && setLists(found))
      .catch(() => !stopped && setLists([]));
    if (id !== undefined)
      api
        .get(campaignPath(id), CampaignView)
        .then((campaign) => !stopped && setValues(campaignValues(campaign)))
        .catch((error: unknown) => !stopped && setFailure(errorText(error)));
    return () => {
      stopped = true;
    };
  }, [api, id]);

  const change = (next: FormValues): void => {
    // Replacing the windows starts from the pack's own, to be narrowed.
    if (next[REPLACE_WINDOWS] === true && values?.[REPLACE_WINDOWS] !== true) {
      const pack =
        PACK_WINDOWS[(next.rulePack as keyof typeof PACK_WINDOWS) || 'FR'] ?? PACK_WINDOWS.FR;
      if (WEEKDAYS.every((day) => (next[dayPath(day)] ?? '') === ''))
        for (const day of WEEKDAYS) next = { ...next, [dayPath(day)]: pack[day] };
    }
    setValues(next);
  };

  const submit = async (): Promise<void> => {
    if (values === undefined) return;
    const checked = checkCampaign(values, locale, t('campaigns.invalid.windows'));
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const path = campaignPath(checked.body.id);
      if (id === undefined) {
        // PUT creates or replaces: a new campaign must not overwrite one with the same id.
        const taken = await api.get(path, Anything).then(
          () => true,
          (error: unknown) => !(error instanceof ApiFailure && error.status === 404),
        );
        if (taken) {
          setErrors({ id: t('campaigns.invalid.idTaken', { id: checked.body.id }) });
          return;
        }
      }
      await api.send('PUT', path, checked.body, Anything);
      navigate(`/${encodeURIComponent(checked.body.id)}`);
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error;
      setErrors(placeServerProblems(values, serverProblems('campaign', error)));
    } finally {
      setBusy(false);
    }
  };

  const title =
    id === undefined ? t('campaigns.form.newTitle') : t('campaigns.form.editTitle', { id });
  const fields = (list: Parameters<typeof FormFields>[0]['fields']): ReactNode =>
    values === undefined ? null : (
      <FormFields
        fields={list}
        values={values}
        errors={errors}
        onChange={change}
        choices={choices}
        editing={id !== undefined}
      />
    );
  const section = (legend: MessageKey, children: ReactNode, intro?: MessageKey): ReactNode => (
    <fieldset className="campaign-form-section">
      <legend>{t(legend)}</legend>
      {intro !== undefined && <p className="admin-hint">{t(intro)}</p>}
      {children}
    </fieldset>
  );

  return (
    <section aria-labelledby="campaign-form-title">
      {id !== undefined && <CampaignTabs campaignId={id} manage />}
      <h2 id="campaign-form-title">{title}</h2>
      {failure !== undefined && (
        <p role="alert" className="error">
          {t('campaigns.loadFailed', { message: failure })}
        </p>
      )}
      {values === undefined ? (
        failure === undefined && <p aria-busy="true">{t('app.loading')}</p>
      ) : (
        <form
          className="admin-form campaign-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <FormProblems errors={errors} />
          {section('campaigns.form.general', fields(GENERAL_FIELDS))}
          {section(
            'campaigns.form.rules',
            <>
              {fields(PACK_FIELDS)}
              {values[REPLACE_WINDOWS] === true && (
                <fieldset className="campaign-windows">
                  <legend>{t('campaigns.form.windows')}</legend>
                  <p className="admin-hint">{t('campaigns.h.windows')}</p>
                  {fields(DAY_FIELDS)}
                </fieldset>
              )}
              {fields(TIGHTEN_FIELDS)}
            </>,
            'campaigns.form.rulesIntro',
          )}
          {section('campaigns.form.dispositions', fields(DISPOSITION_FIELDS))}
          {section('campaigns.form.recycling', fields(RECYCLE_FIELDS))}
          {section('campaigns.form.pacing', fields(PACING_FIELDS))}
          {section(
            'campaigns.form.suppression',
            <SuppressionChoice
              lists={lists}
              chosen={
                typeof values.suppressionListIds === 'string' ? values.suppressionListIds : ''
              }
              error={errors.suppressionListIds}
              onChange={(ids) => change({ ...values, suppressionListIds: ids })}
            />,
          )}
          <div className="admin-form-actions">
            <button type="submit" className="primary" disabled={busy}>
              {busy ? t('admin.saving') : t('admin.save')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** The suppression lists to scrub against, as checkboxes; their ids go in the form's text. */
function SuppressionChoice(props: {
  lists: SuppressionList[] | undefined;
  chosen: string;
  error: string | undefined;
  onChange: (ids: string) => void;
}): ReactNode {
  const { t, format } = useI18n();
  const chosen = new Set(props.chosen.split(/\s+/).filter((id) => id !== ''));
  const known = new Set((props.lists ?? []).map((list) => list.id));
  const toggle = (id: string, on: boolean): void => {
    const next = new Set(chosen);
    if (on) next.add(id);
    else next.delete(id);
    props.onChange([...next].join(' '));
  };
  return (
    <div
      className="admin-field"
      aria-describedby={props.error === undefined ? undefined : 'field-suppressionListIds-error'}
    >
      {props.lists === undefined ? (
        <p aria-busy="true">{t('app.loading')}</p>
      ) : props.lists.length === 0 && chosen.size === 0 ? (
        <p className="admin-hint">{t('campaigns.suppression.noneLoaded')}</p>
      ) : (
        <ul className="campaign-checks">
          {props.lists.map((list) => (
            <li key={list.id}>
              <label>
                <input
                  type="checkbox"
                  checked={chosen.has(list.id)}
                  onChange={(event) => toggle(list.id, event.target.checked)}
                />{' '}
                {t('campaigns.suppression.choice', {
                  name: list.name,
                  numbers: format.integer(list.numbers),
                  scrubbed: format.dateTime(Date.parse(list.scrubbedAt)),
                })}
              </label>
            </li>
          ))}
          {[...chosen]
            .filter((id) => !known.has(id))
            .map((id) => (
              <li key={id}>
                <label>
                  <input type="checkbox" checked onChange={() => toggle(id, false)} />{' '}
                  {t('campaigns.suppression.unknownChoice', { id })}
                </label>
              </li>
            ))}
        </ul>
      )}
      {props.error !== undefined && (
        <span id="field-suppressionListIds-error" className="admin-field-error">
          {props.error}
        </span>
      )}
    </div>
  );
}
