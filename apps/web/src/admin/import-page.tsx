// CSV import: pick a kind and a file, see how many rows it holds, upload it. The server checks
// every row and writes all of them or none; rejected rows come back in a table (line, id, field,
// message) and the page says plainly that nothing was imported.
import {
  IMPORT_COLUMNS,
  IMPORT_KINDS,
  IMPORT_MAX_BYTES,
  ImportOutcome,
  ImportRejection,
  type ImportKind,
} from '@relais/protocol';
import { useState, type ReactNode } from 'react';
import { useLocation } from 'wouter';
import { ApiFailure, type ApiClient } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages-en.ts';
import { DataTable } from './data-table.tsx';

const TITLES: Record<ImportKind, MessageKey> = {
  sites: 'admin.section.sites',
  skills: 'admin.section.skills',
  clients: 'admin.section.clients',
  'pause-codes': 'admin.section.pauseCodes',
  dispositions: 'admin.section.dispositions',
  queues: 'admin.section.queues',
  agents: 'admin.section.agents',
};

/** Rows after the header line, quoted line breaks and blank lines not counted. */
export function countCsvRows(text: string): number {
  let records = 0;
  let quoted = false;
  let filled = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    if (!quoted && (char === '\n' || char === '\r')) {
      if (filled) records++;
      filled = false;
    } else if (char.trim() !== '') filled = true;
  }
  if (filled) records++;
  return Math.max(0, records - 1);
}

type Outcome =
  | { kind: 'done'; result: ImportOutcome }
  | { kind: 'rejected'; rejection: ImportRejection; message: string }
  | { kind: 'failed'; message: string };

export function ImportPage(props: { api: ApiClient; kind?: string }): ReactNode {
  const { t, format } = useI18n();
  const [, navigate] = useLocation();
  const kind: ImportKind = IMPORT_KINDS.includes(props.kind as ImportKind)
    ? (props.kind as ImportKind)
    : 'agents';
  const [file, setFile] = useState<{ name: string; text: string; size: number }>();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();

  const upload = async (): Promise<void> => {
    if (file === undefined) return;
    setBusy(true);
    setOutcome(undefined);
    try {
      const result = await props.api.upload(
        `/api/v1/imports/${kind}`,
        'text/csv',
        file.text,
        ImportOutcome,
      );
      setOutcome({ kind: 'done', result });
    } catch (error) {
      const rejection =
        error instanceof ApiFailure && error.status === 422
          ? ImportRejection.safeParse(error.details)
          : undefined;
      if (rejection?.success === true)
        setOutcome({
          kind: 'rejected',
          rejection: rejection.data,
          message: (error as ApiFailure).message,
        });
      else
        setOutcome({
          kind: 'failed',
          message: error instanceof Error ? error.message : String(error),
        });
    } finally {
      setBusy(false);
    }
  };

  const tooLarge = file !== undefined && file.size > IMPORT_MAX_BYTES;
  return (
    <section aria-labelledby="admin-section-title">
      <h2 id="admin-section-title">{t('admin.import.title')}</h2>
      <p className="muted">{t('admin.import.intro')}</p>
      <form
        className="admin-form card"
        onSubmit={(event) => {
          event.preventDefault();
          void upload();
        }}
      >
        <div className="admin-field">
          <label htmlFor="import-kind">{t('admin.import.kind')}</label>
          <select
            id="import-kind"
            value={kind}
            onChange={(event) => {
              setOutcome(undefined);
              navigate(`/import/${event.target.value}`);
            }}
          >
            {IMPORT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(TITLES[k])}
              </option>
            ))}
          </select>
          <span className="admin-hint" id="import-columns">
            {t('admin.import.columns', { columns: IMPORT_COLUMNS[kind].join(', ') })}
          </span>
        </div>
        <div className="admin-field">
          <label htmlFor="import-file">{t('admin.import.file')}</label>
          <input
            id="import-file"
            type="file"
            accept=".csv,text/csv"
            aria-describedby="import-columns import-preview"
            onChange={(event) => {
              const chosen = event.target.files?.[0];
              setOutcome(undefined);
              if (chosen === undefined) {
                setFile(undefined);
                return;
              }
              void chosen
                .text()
                .then((text) => setFile({ name: chosen.name, text, size: chosen.size }));
            }}
          />
          <span id="import-preview" className="admin-hint" aria-live="polite">
            {file === undefined
              ? t('admin.import.noFile')
              : tooLarge
                ? t('admin.import.tooLarge', {
                    name: file.name,
                    max: format.integer(IMPORT_MAX_BYTES / 1024 / 1024),
                  })
                : t('admin.import.preview', {
                    name: file.name,
                    rows: format.integer(countCsvRows(file.text)),
                    what: t(TITLES[kind]),
                  })}
          </span>
        </div>
        <p className="admin-warning">{t('admin.import.allOrNothing')}</p>
        <div className="admin-form-actions">
          <button
            type="submit"
            className="primary"
            disabled={file === undefined || busy || tooLarge}
          >
            {busy ? t('admin.import.busy') : t('admin.import.submit')}
          </button>
        </div>
      </form>
      {outcome?.kind === 'done' && (
        <p role="status" className="admin-notice">
          {t('admin.import.done', {
            imported: format.integer(outcome.result.imported),
            created: format.integer(outcome.result.created),
            replaced: format.integer(outcome.result.replaced),
            what: t(TITLES[outcome.result.kind]),
          })}
        </p>
      )}
      {outcome?.kind === 'failed' && (
        <p role="alert" className="error">
          {t('admin.import.failed', { message: outcome.message })}
        </p>
      )}
      {outcome?.kind === 'rejected' && (
        <div className="admin-rejected">
          <p role="alert" className="error">
            {t('admin.import.rejected', {
              rejected: format.integer(new Set(outcome.rejection.rejected.map((r) => r.line)).size),
              rows: format.integer(outcome.rejection.rows),
            })}
          </p>
          <DataTable
            caption={t('admin.import.rejectedCaption')}
            rows={outcome.rejection.rejected}
            rowKey={(row) => `${row.line}:${row.field}:${row.message}`}
            columns={[
              {
                key: 'line',
                label: t('admin.import.line'),
                numeric: true,
                value: (row) => row.line,
              },
              { key: 'id', label: t('admin.f.id'), value: (row) => row.id },
              { key: 'field', label: t('admin.import.field'), value: (row) => row.field },
              { key: 'message', label: t('admin.import.message'), value: (row) => row.message },
            ]}
          />
        </div>
      )}
    </section>
  );
}
