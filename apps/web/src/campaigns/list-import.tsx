// Importing a list of leads: choose a CSV file, its header is read here in the browser and its
// columns mapped to the lead's fields (the obvious names guessed), the first rows previewed; then
// the list's name, origin and legal basis (loi 09-08: where it comes from, why it may be used),
// the upload with its progress, and the server's verdict: imported, merged, rejected, every
// rejected row with its reasons and the CSV of all of them.
import {
  LEGAL_BASES,
  LIST_IMPORT_MAX_BYTES,
  ListImportProgress,
  ListImportQuery,
  ListImportResult,
} from '@relais/protocol';
import type { z } from 'zod';
import type { ImportResult } from './types.ts';
import { useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import { ApiFailure, type ApiClient } from '../api/api-client.ts';
import { FormProblems } from '../admin/entry-form.tsx';
import { checkBody, serverProblems, type FieldErrors } from '../admin/form-model.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { campaignPath } from './campaign-list.tsx';
import { CampaignTabs } from './campaign-tabs.tsx';
import { guessMapping, LEAD_FIELDS, type ColumnMapping } from './column-guess.ts';
import { previewFile, type CsvPreview } from './csv-preview.ts';
import { errorText } from './use-api.ts';

type Stage =
  | { kind: 'editing' }
  | {
      kind: 'uploading';
      sent: number;
      total: number;
      /** The server's own progress, polled while the upload runs. */
      server?: z.infer<typeof ListImportProgress>;
    }
  | { kind: 'done'; result: ImportResult }
  | { kind: 'failed'; message: string };

/** The query's fields shown in the form: a server problem naming one goes under it. */
const QUERY_FIELDS = new Set<string>(['name', 'origin', 'legalBasis', ...LEAD_FIELDS]);

const SEPARATOR_NAMES = { ',': 'comma', ';': 'semicolon', '\t': 'tab' } as const;

/** How often the server's progress of an import is read while it runs. */
export const PROGRESS_POLL_MS = 1000;

/** A list id made here, so that the import's progress can be asked for while it runs. */
function newListId(): string {
  const random =
    typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function'
      ? crypto.randomUUID()
      : `${Date.now().toString(36)}${Math.random().toString(36).slice(2)}`;
  return `list-${random.replace(/-/g, '').slice(0, 12)}`;
}

/** The import's query: the list's description and the mapping, empty fields left out. */
export function importQuery(
  about: { name: string; origin: string; legalBasis: string },
  mapping: ColumnMapping,
  separator: string | undefined,
): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...about, ...mapping }))
    if (typeof value === 'string' && value.trim() !== '') query[key] = value.trim();
  if (separator !== undefined) query.separator = separator;
  return query;
}

export function ListImport(props: { api: ApiClient; campaignId: string }): ReactNode {
  const { t, format, locale } = useI18n();
  const { api, campaignId } = props;
  const [file, setFile] = useState<File>();
  const [preview, setPreview] = useState<CsvPreview>();
  const [mapping, setMapping] = useState<ColumnMapping>({});
  const [about, setAbout] = useState({ name: '', origin: '', legalBasis: '' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [stage, setStage] = useState<Stage>({ kind: 'editing' });

  const choose = (chosen: File | undefined): void => {
    setFile(chosen);
    setPreview(undefined);
    setErrors({});
    setStage({ kind: 'editing' });
    if (chosen === undefined) return;
    setAbout((a) => ({ ...a, name: a.name === '' ? chosen.name.replace(/\.[^.]*$/, '') : a.name }));
    previewFile(chosen)
      .then((found) => {
        setPreview(found);
        setMapping(guessMapping(found.header));
      })
      .catch((error: unknown) => setStage({ kind: 'failed', message: errorText(error) }));
  };

  const upload = async (): Promise<void> => {
    if (file === undefined || preview === undefined) {
      setErrors({ file: t('campaigns.import.chooseFile') });
      return;
    }
    if (file.size > LIST_IMPORT_MAX_BYTES) {
      setErrors({
        file: t('campaigns.import.tooLarge', {
          max: format.integer(LIST_IMPORT_MAX_BYTES / 2 ** 20),
        }),
      });
      return;
    }
    const query = { ...importQuery(about, mapping, preview.separator), listId: newListId() };
    const problems = checkBody(ListImportQuery, query, locale);
    if (problems.length > 0) {
      setErrors(
        Object.fromEntries(problems.map((p) => [p.path === '(root)' ? '' : p.path, p.message])),
      );
      return;
    }
    setErrors({});
    setStage({ kind: 'uploading', sent: 0, total: file.size });
    // The server's side: rows read and checked, then the one transaction. A 404 before it starts
    // (or from a server without the route) only leaves the upload's own bar.
    let polling = true;
    const progressPath = `${campaignPath(campaignId)}/lists/${encodeURIComponent(query.listId)}/progress`;
    const poll = (): void => {
      if (!polling) return;
      api
        .get(progressPath, ListImportProgress)
        .then((server) => {
          if (polling) setStage((s) => (s.kind === 'uploading' ? { ...s, server } : s));
        })
        .catch(() => undefined)
        .finally(() => {
          if (polling) setTimeout(poll, PROGRESS_POLL_MS);
        });
    };
    setTimeout(poll, PROGRESS_POLL_MS);
    try {
      const result = await api.upload(
        `${campaignPath(campaignId)}/lists?${new URLSearchParams(query).toString()}`,
        'text/csv',
        file,
        ListImportResult,
        {
          onProgress: (sent, total) =>
            setStage((s) => ({
              ...(s.kind === 'uploading' ? s : {}),
              kind: 'uploading',
              sent,
              total,
            })),
        },
      );
      setStage({ kind: 'done', result });
    } catch (error) {
      if (error instanceof ApiFailure && error.status >= 400 && error.status < 500) {
        const found = serverProblems('query', error);
        const placed: FieldErrors = {};
        for (const problem of found) {
          const key = QUERY_FIELDS.has(problem.path) ? problem.path : '';
          const words =
            key === '' && problem.path !== '(root)'
              ? `${problem.path}: ${problem.message}`
              : problem.message;
          placed[key] = placed[key] === undefined ? words : `${placed[key]} · ${words}`;
        }
        setErrors(placed);
        setStage({ kind: 'editing' });
      } else setStage({ kind: 'failed', message: errorText(error) });
    } finally {
      polling = false;
    }
  };

  const fieldError = (key: string): ReactNode =>
    errors[key] === undefined ? null : (
      <span id={`import-${key}-error`} className="admin-field-error">
        {errors[key]}
      </span>
    );
  const invalid = (key: string) =>
    errors[key] === undefined
      ? {}
      : ({ 'aria-invalid': true, 'aria-describedby': `import-${key}-error` } as const);
  const columns = preview?.header ?? [];
  const busy = stage.kind === 'uploading';

  return (
    <section aria-labelledby="list-import-title">
      <CampaignTabs campaignId={campaignId} manage />
      <h2 id="list-import-title">{t('campaigns.import.title')}</h2>
      <p className="muted">{t('campaigns.import.intro')}</p>
      <form
        className="admin-form card"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void upload();
        }}
      >
        <FormProblems errors={errors} />
        <div className="admin-field">
          <label htmlFor="import-file">{t('campaigns.import.file')}</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,text/csv,text/plain"
            {...invalid('file')}
            onChange={(event) => choose(event.target.files?.[0])}
          />
          {file !== undefined && preview !== undefined && (
            <span className="admin-hint" aria-live="polite">
              {t('campaigns.import.read', {
                name: file.name,
                size: format.integer(Math.ceil(file.size / 1024)),
                columns: format.integer(columns.length),
                separator: t(`campaigns.import.separator.${SEPARATOR_NAMES[preview.separator]}`),
              })}
            </span>
          )}
          {fieldError('file')}
        </div>

        {preview !== undefined && (
          <>
            <fieldset className="campaign-form-section">
              <legend>{t('campaigns.import.mapping')}</legend>
              <p className="admin-hint">{t('campaigns.import.mappingIntro')}</p>
              <div className="campaign-mapping">
                {LEAD_FIELDS.map((field) => (
                  <div key={field} className="admin-field">
                    <label htmlFor={`import-${field}`}>
                      {t(`campaigns.leadField.${field}`)}
                      {field === 'phone' && <span aria-hidden="true"> *</span>}
                    </label>
                    <select
                      id={`import-${field}`}
                      value={mapping[field] ?? ''}
                      {...invalid(field)}
                      onChange={(event) => {
                        const next = { ...mapping };
                        if (event.target.value === '') delete next[field];
                        else next[field] = event.target.value;
                        setMapping(next);
                      }}
                    >
                      <option value="">{t('campaigns.import.noColumn')}</option>
                      {columns.map((column) => (
                        <option key={column} value={column}>
                          {column}
                        </option>
                      ))}
                    </select>
                    {fieldError(field)}
                  </div>
                ))}
              </div>
              <p className="admin-hint">{t('campaigns.import.otherColumns')}</p>
            </fieldset>
            <PreviewTable preview={preview} mapping={mapping} />
          </>
        )}

        <fieldset className="campaign-form-section">
          <legend>{t('campaigns.import.about')}</legend>
          <div className="admin-field">
            <label htmlFor="import-name">
              {t('campaigns.import.name')}
              <span aria-hidden="true"> *</span>
            </label>
            <input
              id="import-name"
              value={about.name}
              {...invalid('name')}
              onChange={(event) => setAbout({ ...about, name: event.target.value })}
            />
            {fieldError('name')}
          </div>
          <div className="admin-field">
            <label htmlFor="import-origin">
              {t('campaigns.import.origin')}
              <span aria-hidden="true"> *</span>
            </label>
            <input
              id="import-origin"
              value={about.origin}
              {...invalid('origin')}
              onChange={(event) => setAbout({ ...about, origin: event.target.value })}
            />
            <span className="admin-hint">{t('campaigns.import.originHint')}</span>
            {fieldError('origin')}
          </div>
          <div className="admin-field">
            <label htmlFor="import-legalBasis">
              {t('campaigns.import.legalBasis')}
              <span aria-hidden="true"> *</span>
            </label>
            <select
              id="import-legalBasis"
              value={about.legalBasis}
              {...invalid('legalBasis')}
              onChange={(event) => setAbout({ ...about, legalBasis: event.target.value })}
            >
              <option value="">{t('admin.form.none')}</option>
              {LEGAL_BASES.map((basis) => (
                <option key={basis} value={basis}>
                  {t(`campaigns.legalBasis.${basis}`)}
                </option>
              ))}
            </select>
            {fieldError('legalBasis')}
          </div>
        </fieldset>
        <p className="admin-warning">{t('campaigns.import.allOrNothing')}</p>
        <div className="admin-form-actions">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('campaigns.import.uploading') : t('campaigns.import.upload')}
          </button>
        </div>
        {stage.kind === 'uploading' && (
          <div className="campaign-progress">
            <label htmlFor="import-progress">{t('campaigns.import.progress')}</label>
            <progress id="import-progress" max={Math.max(stage.total, 1)} value={stage.sent} />
            <span aria-live="polite">
              {stage.sent >= stage.total
                ? t('campaigns.import.serverWorking')
                : t('campaigns.import.sent', {
                    percent: format.percent(stage.total === 0 ? 1 : stage.sent / stage.total),
                  })}
            </span>
            {stage.server !== undefined && (
              <span className="muted">
                {t(`campaigns.import.server.${stage.server.phase}`, {
                  rows: format.integer(stage.server.rowsDone),
                })}
              </span>
            )}
          </div>
        )}
      </form>
      {stage.kind === 'failed' && (
        <p role="alert" className="error">
          {t('campaigns.import.failed', { message: stage.message })}
        </p>
      )}
      {stage.kind === 'done' && <ImportResultView result={stage.result} campaignId={campaignId} />}
    </section>
  );
}

/** The first rows as the server will read them, each mapped column named by its field. */
function PreviewTable(props: { preview: CsvPreview; mapping: ColumnMapping }): ReactNode {
  const { t } = useI18n();
  const { header, rows } = props.preview;
  const fieldOf = new Map(Object.entries(props.mapping).map(([field, column]) => [column, field]));
  return (
    <div className="table-scroll">
      <table className="campaigns-table campaign-preview">
        <caption>{t('campaigns.import.preview', { rows: rows.length })}</caption>
        <thead>
          <tr>
            {header.map((column, i) => {
              const field = fieldOf.get(column);
              return (
                <th key={`${column}-${i}`} scope="col">
                  {column}
                  <br />
                  <span className="muted">
                    {field === undefined
                      ? t('campaigns.import.attribute')
                      : `→ ${t(`campaigns.leadField.${field as (typeof LEAD_FIELDS)[number]}`)}`}
                  </span>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r}>
              {header.map((column, i) => (
                <td key={`${column}-${i}`}>{row[i] ?? ''}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ImportResultView(props: { result: ImportResult; campaignId: string }): ReactNode {
  const { t, format } = useI18n();
  const { result } = props;
  return (
    <section aria-labelledby="import-result-title" className="card campaign-import-result">
      <h3 id="import-result-title">{t('campaigns.result.title')}</h3>
      <p role="status">
        {t('campaigns.result.summary', {
          rows: format.integer(result.rows),
          imported: format.integer(result.imported),
          merged: format.integer(result.merged),
          rejected: format.integer(result.rejected),
        })}
      </p>
      {result.rejected > 0 && (
        <>
          <div className="table-scroll">
            <table className="campaigns-table">
              <caption>
                {t('campaigns.result.rejectedCaption', {
                  shown: format.integer(result.rejectedRows.length),
                  total: format.integer(result.rejected),
                })}
              </caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t('campaigns.result.line')}
                  </th>
                  <th scope="col">{t('campaigns.result.field')}</th>
                  <th scope="col">{t('campaigns.result.code')}</th>
                  <th scope="col">{t('campaigns.result.message')}</th>
                </tr>
              </thead>
              <tbody>
                {result.rejectedRows.flatMap((row) =>
                  row.errors.map((error, i) => (
                    <tr key={`${row.line}-${i}`}>
                      <td className="num">{row.line}</td>
                      <td>{error.field}</td>
                      <td>
                        <code>{error.code}</code>
                      </td>
                      <td>{error.message}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </div>
          {result.rejectedCsvUrl !== undefined && (
            <p>
              <a href={result.rejectedCsvUrl} download>
                {t('campaigns.result.rejectedCsv')}
              </a>
            </p>
          )}
        </>
      )}
      <p>
        <Link href={`/${encodeURIComponent(props.campaignId)}`}>
          {t('campaigns.result.toCampaign')}
        </Link>
      </p>
    </section>
  );
}
