// A configuration kind's list (every entry, paged through the API) and its create/edit form.
// The form checks its body with the API's schema before sending, then shows the server's own
// verdict the same way: each problem below the field it names, the user's input kept.
import { useEffect, useState, type ReactNode } from 'react';
import { Link, useLocation } from 'wouter';
import { z } from 'zod';
import { ApiFailure, type ApiClient } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages-en.ts';
import { DataTable, type TableColumn } from './data-table.tsx';
import { FormFields, FormProblems } from './entry-form.tsx';
import {
  checkBody,
  placeErrors,
  serverProblems,
  toBody,
  toValues,
  type FieldErrors,
  type FormValues,
} from './form-model.ts';
import type { KindSection } from './sections.ts';

export const Entry = z.looseObject({ id: z.string(), version: z.number() });
export type Entry = z.infer<typeof Entry>;
const EntryList = z.object({ items: z.array(Entry), next: z.string().optional() });
export const Done = z.looseObject({ ok: z.literal(true) });

/** Every entry of a kind, a thousand per request. */
export async function loadAll(api: ApiClient, path: string): Promise<Entry[]> {
  const all: Entry[] = [];
  for (let after: string | undefined; ;) {
    const query = after === undefined ? '' : `&after=${encodeURIComponent(after)}`;
    const page = await api.get(`/api/v1/${path}?limit=1000${query}`, EntryList);
    all.push(...page.items);
    if (page.next === undefined) return all;
    after = page.next;
  }
}

const message = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

function getAt(entry: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (node, part) =>
        typeof node === 'object' && node !== null
          ? (node as Record<string, unknown>)[part]
          : undefined,
      entry,
    );
}

export function KindList(props: { api: ApiClient; section: KindSection }): ReactNode {
  const { t } = useI18n();
  const { api, section } = props;
  const [rows, setRows] = useState<Entry[]>();
  const [failure, setFailure] = useState<string>();
  const [confirming, setConfirming] = useState<string>();
  const [notice, setNotice] = useState<string>();

  useEffect(() => {
    let stopped = false;
    loadAll(api, section.path)
      .then((items) => !stopped && setRows(items))
      .catch((error: unknown) => !stopped && setFailure(message(error)));
    return () => {
      stopped = true;
    };
  }, [api, section.path]);

  const remove = async (id: string): Promise<void> => {
    setConfirming(undefined);
    try {
      await api.send(
        'DELETE',
        `/api/v1/${section.path}/${encodeURIComponent(id)}`,
        undefined,
        Done,
      );
      setRows((current) => current?.filter((row) => row.id !== id));
      setNotice(t('admin.deleted', { id }));
      setFailure(undefined);
    } catch (error) {
      setFailure(t('admin.deleteFailed', { id, message: message(error) }));
    }
  };

  const yes = t('admin.yes');
  const no = t('admin.no');
  const columns: TableColumn<Entry>[] = section.columns.map((column) => ({
    key: column.path,
    label: t(column.label),
    ...(column.numeric === true ? { numeric: true } : {}),
    value: (row) => {
      const value = getAt(row, column.path);
      if (column.numeric === true)
        return Array.isArray(value) ? value.length : typeof value === 'number' ? value : 0;
      if (typeof value === 'boolean') return value ? yes : no;
      if (Array.isArray(value)) return value.join(' ');
      if (typeof value === 'object' && value !== null)
        return Object.entries(value)
          .map(([k, v]) => `${k}:${String(v)}`)
          .join(' ');
      if (typeof value === 'string' && column.labels !== undefined)
        return t(`${column.labels}.${value}` as MessageKey);
      return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
    },
    ...(column.path === 'id'
      ? {
          render: (row: Entry) => (
            <Link href={`/${section.path}/${encodeURIComponent(row.id)}`}>{row.id}</Link>
          ),
        }
      : {}),
  }));

  return (
    <section aria-labelledby="admin-section-title">
      <div className="admin-section-head">
        <h2 id="admin-section-title">{t(section.title)}</h2>
        <Link href={`/${section.path}/new`} className="button primary">
          {t('admin.new')}
        </Link>
        {section.importable && (
          <Link href={`/import/${section.path}`} className="button">
            {t('admin.importCsv')}
          </Link>
        )}
      </div>
      {notice === undefined ? null : (
        <p role="status" className="admin-notice">
          {notice}
        </p>
      )}
      {failure === undefined ? null : (
        <p role="alert" className="error">
          {failure}
        </p>
      )}
      {rows === undefined ? (
        failure === undefined && <p aria-busy="true">{t('app.loading')}</p>
      ) : (
        <DataTable
          caption={t('admin.listCaption', { what: t(section.title) })}
          columns={columns}
          rows={rows}
          rowKey={(row) => row.id}
          actions={(row) =>
            confirming === row.id ? (
              <span className="admin-confirm">
                {t('admin.confirmDelete', { id: row.id })}{' '}
                <button type="button" className="danger" onClick={() => void remove(row.id)}>
                  {t('admin.confirmYes')}
                </button>{' '}
                <button type="button" onClick={() => setConfirming(undefined)}>
                  {t('admin.cancel')}
                </button>
              </span>
            ) : (
              <>
                <Link href={`/${section.path}/${encodeURIComponent(row.id)}`}>
                  {t('admin.edit')}
                  <span className="visually-hidden"> {row.id}</span>
                </Link>
                {section.path === 'webhooks' && (
                  <Link href={`/webhooks/${encodeURIComponent(row.id)}/deliveries`}>
                    {t('admin.deliveries')}
                    <span className="visually-hidden"> {row.id}</span>
                  </Link>
                )}
                <button type="button" onClick={() => setConfirming(row.id)}>
                  {t('admin.delete')}
                  <span className="visually-hidden"> {row.id}</span>
                </button>
              </>
            )
          }
        />
      )}
    </section>
  );
}

/** The entry's schema fields that no form field owns (a queue's weight, say), kept on edit. */
export function untouched(section: KindSection, entry: Entry): Record<string, unknown> {
  const owned = new Set(section.fields.map((field) => field.path.split('.')[0]));
  return Object.fromEntries(
    Object.entries(entry).filter(([key]) => key in section.schema.shape && !owned.has(key)),
  );
}

/** The ids other forms refer to (sites, clients, queues), for the reference fields' choices. */
function useChoices(api: ApiClient, section: KindSection): Record<string, readonly string[]> {
  const [choices, setChoices] = useState<Record<string, readonly string[]>>({});
  useEffect(() => {
    let stopped = false;
    const wanted = new Set<string>();
    const walk = (fields: KindSection['fields']): void => {
      for (const field of fields) {
        if (field.kind.type === 'ref') wanted.add(field.kind.path);
        if (field.kind.type === 'repeat') walk(field.kind.fields);
      }
    };
    walk(section.fields);
    for (const path of wanted) {
      loadAll(api, path)
        .then((items) => {
          if (!stopped) setChoices((current) => ({ ...current, [path]: items.map((i) => i.id) }));
        })
        .catch(() => undefined); // choices are a help; the field still takes any id
    }
    return () => {
      stopped = true;
    };
  }, [api, section]);
  return choices;
}

export function KindForm(props: {
  api: ApiClient;
  section: KindSection;
  /** The entry to edit; none for a new one. */
  id?: string;
}): ReactNode {
  const { t, locale } = useI18n();
  const { api, section, id } = props;
  const [, navigate] = useLocation();
  // Keyed by entry (admin-page.tsx): a new one starts from the defaults, an existing one loads.
  const [values, setValues] = useState<FormValues | undefined>(() =>
    id === undefined ? { ...section.defaults } : undefined,
  );
  const [version, setVersion] = useState<number>();
  /** The fields of the entry this form does not show, sent back as they were (PUT replaces). */
  const [kept, setKept] = useState<Record<string, unknown>>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const choices = useChoices(api, section);

  useEffect(() => {
    let stopped = false;
    if (id === undefined) return;
    api
      .get(`/api/v1/${section.path}/${encodeURIComponent(id)}`, Entry)
      .then((entry) => {
        if (stopped) return;
        setValues(toValues(section.fields, entry));
        setKept(untouched(section, entry));
        setVersion(entry.version);
      })
      .catch((error: unknown) => !stopped && setFailure(message(error)));
    return () => {
      stopped = true;
    };
  }, [api, section, id]);

  const submit = async (): Promise<void> => {
    if (values === undefined) return;
    const body = { ...kept, ...toBody(section.fields, values) };
    const problems = checkBody(section.schema, body, locale);
    if (problems.length > 0) {
      setErrors(placeErrors(section.fields, values, problems));
      return;
    }
    setBusy(true);
    try {
      if (id === undefined) await api.send('POST', `/api/v1/${section.path}`, body, Entry);
      else
        await api.send(
          'PUT',
          `/api/v1/${section.path}/${encodeURIComponent(id)}`,
          body,
          Entry,
          version === undefined ? {} : { 'if-match': String(version) },
        );
      navigate(`/${section.path}`);
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error;
      const found =
        error.code === 'AlreadyExists'
          ? [{ path: 'id', message: error.message }]
          : serverProblems(section.noun, error);
      setErrors(placeErrors(section.fields, values, found));
    } finally {
      setBusy(false);
    }
  };

  const title =
    id === undefined
      ? t('admin.form.newTitle', { what: t(section.title) })
      : t('admin.form.editTitle', { what: t(section.title), id });
  return (
    <section aria-labelledby="admin-form-title">
      <h2 id="admin-form-title">{title}</h2>
      <p>
        <Link href={`/${section.path}`}>{t('admin.backToList', { what: t(section.title) })}</Link>
      </p>
      {failure === undefined ? null : (
        <p role="alert" className="error">
          {failure}
        </p>
      )}
      {values === undefined ? (
        failure === undefined && <p aria-busy="true">{t('app.loading')}</p>
      ) : (
        <form
          className="admin-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <FormProblems errors={errors} />
          <FormFields
            fields={section.fields}
            values={values}
            errors={errors}
            onChange={setValues}
            choices={choices}
            editing={id !== undefined}
          />
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
