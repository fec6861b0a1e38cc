// Opposition / suppression lists: upload one (a CSV of numbers and the date it was scrubbed), and
// every list with its age. A list scrubbed more than 30 days ago is flagged: the French pack
// refuses to dial against it (COMPLIANCE.md), so the campaigns using it stop.
import {
  LIST_IMPORT_MAX_BYTES,
  SuppressionListQuery,
  SuppressionListResult,
  SuppressionListView,
} from '@relais/protocol';
import { useState, type ReactNode } from 'react';
import { z } from 'zod';
import { ApiFailure, type ApiClient } from '../api/api-client.ts';
import { FormProblems } from '../admin/entry-form.tsx';
import { checkBody, serverProblems, type FieldErrors } from '../admin/form-model.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useNow } from '../ui/use-now.ts';
import { listAge, STALE_AFTER_DAYS } from './stats-model.ts';
import { errorText, useApi } from './use-api.ts';

const Lists = z.array(SuppressionListView);
const ID = /^[A-Za-z0-9._-]{1,200}$/;

export function SuppressionPage(props: { api: ApiClient }): ReactNode {
  const { t, format, locale } = useI18n();
  const { api } = props;
  const lists = useApi(api, '/api/v1/suppression-lists', Lists);
  const nowMs = useNow(true, 60_000);
  const [form, setForm] = useState({ id: '', name: '', scrubbedOn: '', phone: 'phone' });
  const [file, setFile] = useState<File>();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [progress, setProgress] = useState<{ sent: number; total: number }>();
  const [notice, setNotice] = useState<{ ok: boolean; text: string }>();

  const upload = async (): Promise<void> => {
    setNotice(undefined);
    const found: FieldErrors = {};
    if (!ID.test(form.id)) found.id = t('campaigns.invalid.id');
    if (file === undefined) found.file = t('campaigns.import.chooseFile');
    else if (file.size > LIST_IMPORT_MAX_BYTES)
      found.file = t('campaigns.import.tooLarge', {
        max: format.integer(LIST_IMPORT_MAX_BYTES / 2 ** 20),
      });
    const scrubbedAt = /^\d{4}-\d{2}-\d{2}$/.test(form.scrubbedOn)
      ? new Date(`${form.scrubbedOn}T00:00:00`).toISOString()
      : '';
    const query = { name: form.name.trim(), scrubbedAt, phone: form.phone.trim() };
    for (const problem of checkBody(SuppressionListQuery, query, locale))
      found[problem.path === 'scrubbedAt' ? 'scrubbedOn' : problem.path] = problem.message;
    if (Object.keys(found).length > 0 || file === undefined) {
      setErrors(found);
      return;
    }
    setErrors({});
    setProgress({ sent: 0, total: file.size });
    try {
      const saved = await api.upload(
        `/api/v1/suppression-lists/${encodeURIComponent(form.id)}?${new URLSearchParams(query).toString()}`,
        'text/csv',
        file,
        SuppressionListResult,
        { method: 'PUT', onProgress: (sent, total) => setProgress({ sent, total }) },
      );
      const saidSaved = t('campaigns.suppression.saved', {
        name: saved.name,
        numbers: format.integer(saved.numbers),
      });
      const skipped =
        saved.unreadable === 0
          ? ''
          : ` ${t('campaigns.suppression.unreadable', {
              count: format.integer(saved.unreadable),
              lines: saved.unreadableLines.join(', '),
            })}`;
      setNotice({ ok: true, text: `${saidSaved}${skipped}` });
      lists.reload();
    } catch (error) {
      if (error instanceof ApiFailure && error.status >= 400 && error.status < 500) {
        const placed: FieldErrors = {};
        for (const problem of serverProblems('query', error)) {
          const key =
            problem.path === 'scrubbedAt'
              ? 'scrubbedOn'
              : ['id', 'name', 'phone'].includes(problem.path)
                ? problem.path
                : '';
          placed[key] = problem.message;
        }
        setErrors(placed);
      } else setNotice({ ok: false, text: errorText(error) });
    } finally {
      setProgress(undefined);
    }
  };

  const field = (
    key: 'id' | 'name' | 'scrubbedOn' | 'phone',
    label: Parameters<typeof t>[0],
    type = 'text',
    hint?: Parameters<typeof t>[0],
  ): ReactNode => (
    <div className="admin-field">
      <label htmlFor={`suppression-${key}`}>{t(label)}</label>
      <input
        id={`suppression-${key}`}
        type={type}
        value={form[key]}
        aria-invalid={errors[key] === undefined ? undefined : true}
        aria-describedby={
          [
            hint === undefined ? '' : `suppression-${key}-hint`,
            errors[key] === undefined ? '' : `suppression-${key}-error`,
          ]
            .filter((id) => id !== '')
            .join(' ') || undefined
        }
        onChange={(event) => setForm({ ...form, [key]: event.target.value })}
      />
      {hint !== undefined && (
        <span id={`suppression-${key}-hint`} className="admin-hint">
          {t(hint)}
        </span>
      )}
      {errors[key] !== undefined && (
        <span id={`suppression-${key}-error`} className="admin-field-error">
          {errors[key]}
        </span>
      )}
    </div>
  );

  return (
    <section aria-labelledby="suppression-title">
      <h2 id="suppression-title">{t('campaigns.suppression.title')}</h2>
      <p className="muted">{t('campaigns.suppression.intro', { days: STALE_AFTER_DAYS })}</p>
      {lists.failure !== undefined && (
        <p role="alert" className="error">
          {t('campaigns.loadFailed', { message: lists.failure })}
        </p>
      )}
      {lists.data !== undefined &&
        (lists.data.length === 0 ? (
          <p>{t('campaigns.suppression.none')}</p>
        ) : (
          <div className="table-scroll">
            <table className="campaigns-table">
              <caption className="visually-hidden">{t('campaigns.suppression.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('campaigns.suppression.name')}</th>
                  <th scope="col" className="num">
                    {t('campaigns.suppression.numbers')}
                  </th>
                  <th scope="col">{t('campaigns.suppression.scrubbedAt')}</th>
                  <th scope="col">{t('campaigns.suppression.age')}</th>
                </tr>
              </thead>
              <tbody>
                {lists.data.map((list) => {
                  const age = listAge(list.scrubbedAt, nowMs);
                  return (
                    <tr key={list.id}>
                      <th scope="row">
                        {list.name} <span className="muted">({list.id})</span>
                      </th>
                      <td className="num">{format.integer(list.numbers)}</td>
                      <td>{format.dateTime(Date.parse(list.scrubbedAt))}</td>
                      <td>
                        {age.stale ? (
                          <span className="campaign-flag campaign-flag-alarm">
                            <span aria-hidden="true">■</span>{' '}
                            {t('campaigns.suppression.stale', { days: format.integer(age.days) })}
                          </span>
                        ) : (
                          t('campaigns.suppression.fresh', { days: format.integer(age.days) })
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ))}
      <form
        className="admin-form card"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void upload();
        }}
      >
        <h3>{t('campaigns.suppression.upload')}</h3>
        <FormProblems errors={errors} />
        {field('id', 'campaigns.suppression.id', 'text', 'campaigns.suppression.idHint')}
        {field('name', 'campaigns.suppression.name')}
        {field(
          'scrubbedOn',
          'campaigns.suppression.scrubbedOn',
          'date',
          'campaigns.suppression.scrubbedHint',
        )}
        {field('phone', 'campaigns.suppression.phoneColumn')}
        <div className="admin-field">
          <label htmlFor="suppression-file">{t('campaigns.import.file')}</label>
          <input
            id="suppression-file"
            type="file"
            accept=".csv,text/csv,text/plain"
            aria-invalid={errors.file === undefined ? undefined : true}
            aria-describedby={errors.file === undefined ? undefined : 'suppression-file-error'}
            onChange={(event) => setFile(event.target.files?.[0])}
          />
          {errors.file !== undefined && (
            <span id="suppression-file-error" className="admin-field-error">
              {errors.file}
            </span>
          )}
        </div>
        <div className="admin-form-actions">
          <button type="submit" className="primary" disabled={progress !== undefined}>
            {progress === undefined
              ? t('campaigns.suppression.send')
              : t('campaigns.import.uploading')}
          </button>
          {progress !== undefined && (
            <progress
              aria-label={t('campaigns.import.progress')}
              max={Math.max(progress.total, 1)}
              value={progress.sent}
            />
          )}
        </div>
        {notice !== undefined && (
          <p role={notice.ok ? 'status' : 'alert'} className={notice.ok ? 'admin-notice' : 'error'}>
            {notice.text}
          </p>
        )}
      </form>
    </section>
  );
}
