// Who may use Relais: users (a role and a scope: the agent they act as, the sites they
// supervise, the client they may see) and API keys, whose secret is shown once, at creation.
import {
  ApiKeyView,
  NewApiKey,
  NewApiKeyAnswer,
  NewPassword,
  NewUser,
  UserAccess,
  ROLES,
  UserView,
  type Scope,
} from '@relais/protocol';
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { z } from 'zod';
import { ApiFailure, type ApiClient } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { DataTable } from './data-table.tsx';
import { FormFields, FormProblems } from './entry-form.tsx';
import {
  checkBody,
  placeErrors,
  serverProblems,
  toBody,
  toValues,
  type FieldErrors,
  type FieldSpec,
  type FormValues,
} from './form-model.ts';
import { Done, loadAll } from './kind-pages.tsx';

const SCOPE_FIELDS: readonly FieldSpec[] = [
  {
    path: 'role',
    label: 'admin.f.role',
    kind: { type: 'select', options: ROLES, labels: 'role' },
    required: true,
    hint: 'admin.hint.role',
  },
  {
    path: 'scope.agentId',
    label: 'admin.f.scopeAgent',
    kind: { type: 'ref', path: 'agents' },
  },
  {
    path: 'scope.siteIds',
    label: 'admin.f.scopeSites',
    kind: { type: 'list' },
    hint: 'admin.hint.list',
  },
  {
    path: 'scope.clientId',
    label: 'admin.f.scopeClient',
    kind: { type: 'ref', path: 'clients' },
  },
];

const USER_FIELDS: readonly FieldSpec[] = [
  { path: 'username', label: 'admin.f.username', kind: { type: 'text' }, required: true },
  {
    path: 'password',
    label: 'admin.f.password',
    kind: { type: 'password' },
    required: true,
    hint: 'admin.hint.password',
  },
  ...SCOPE_FIELDS,
];

const KEY_FIELDS: readonly FieldSpec[] = [
  { path: 'name', label: 'admin.f.keyName', kind: { type: 'text' }, required: true },
  ...SCOPE_FIELDS,
];

const message = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

function useScopeChoices(api: ApiClient): Record<string, readonly string[]> {
  const [choices, setChoices] = useState<Record<string, readonly string[]>>({});
  useEffect(() => {
    let stopped = false;
    for (const path of ['agents', 'clients']) {
      loadAll(api, path)
        .then((items) => {
          if (!stopped) setChoices((current) => ({ ...current, [path]: items.map((i) => i.id) }));
        })
        .catch(() => undefined);
    }
    return () => {
      stopped = true;
    };
  }, [api]);
  return choices;
}

function useScopeText(): (scope: Scope) => string {
  const { t } = useI18n();
  return (scope) =>
    [
      scope.agentId === undefined ? '' : t('admin.scope.agent', { id: scope.agentId }),
      scope.siteIds === undefined ? '' : t('admin.scope.sites', { ids: scope.siteIds.join(' ') }),
      scope.clientId === undefined ? '' : t('admin.scope.client', { id: scope.clientId }),
    ]
      .filter((part) => part !== '')
      .join(' · ');
}

/** A form that creates something with the API's schema, showing both its and the server's problems. */
function CreateForm(props: {
  fields: readonly FieldSpec[];
  schema: z.ZodType;
  title: string;
  submitLabel: string;
  choices: Record<string, readonly string[]>;
  create: (body: Record<string, unknown>) => Promise<void>;
  /** The form's text to start from (an edit); empty by default. */
  initial?: FormValues;
  onCancel?: () => void;
}): ReactNode {
  const { t, locale } = useI18n();
  const [values, setValues] = useState<FormValues>(props.initial ?? {});
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const submit = async (): Promise<void> => {
    const body = toBody(props.fields, values);
    const problems = checkBody(props.schema, body, locale);
    if (problems.length > 0) {
      setErrors(placeErrors(props.fields, values, problems));
      return;
    }
    setBusy(true);
    try {
      await props.create(body);
      setValues({});
      setErrors({});
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error;
      setErrors(placeErrors(props.fields, values, serverProblems('', error)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="admin-form card"
      noValidate
      aria-label={props.title}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h3>{props.title}</h3>
      <FormProblems errors={errors} />
      <FormFields
        fields={props.fields}
        values={values}
        errors={errors}
        onChange={setValues}
        choices={props.choices}
      />
      <div className="admin-form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t('admin.saving') : props.submitLabel}
        </button>
        {props.onCancel === undefined ? null : (
          <button type="button" onClick={props.onCancel}>
            {t('admin.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

function useList<T>(load: () => Promise<T[]>): {
  rows: T[] | undefined;
  failure: string | undefined;
  reload: () => void;
} {
  const [rows, setRows] = useState<T[]>();
  const [failure, setFailure] = useState<string>();
  const [turn, setTurn] = useState(0);
  useEffect(() => {
    let stopped = false;
    load()
      .then((items) => !stopped && setRows(items))
      .catch((error: unknown) => !stopped && setFailure(message(error)));
    return () => {
      stopped = true;
    };
  }, [load, turn]);
  return { rows, failure, reload: () => setTurn((n) => n + 1) };
}

export function UsersPage(props: { api: ApiClient }): ReactNode {
  const { t } = useI18n();
  const { api } = props;
  const scopeText = useScopeText();
  const choices = useScopeChoices(api);
  const load = useCallback(
    async () => (await api.get('/api/v1/users', z.object({ items: z.array(UserView) }))).items,
    [api],
  );
  const { rows, failure, reload } = useList(load);
  const [confirming, setConfirming] = useState<string>();
  const [editing, setEditing] = useState<UserView>();
  const [notice, setNotice] = useState<string>();
  const [error, setError] = useState<string>();

  const remove = async (user: UserView): Promise<void> => {
    setConfirming(undefined);
    try {
      await api.send('DELETE', `/api/v1/users/${encodeURIComponent(user.id)}`, undefined, Done);
      setNotice(t('admin.deleted', { id: user.username }));
      setError(undefined);
      reload();
    } catch (failed) {
      setError(t('admin.deleteFailed', { id: user.username, message: message(failed) }));
    }
  };

  return (
    <section aria-labelledby="admin-section-title">
      <h2 id="admin-section-title">{t('admin.section.users')}</h2>
      <p className="muted">{t('admin.users.intro')}</p>
      {notice === undefined ? null : (
        <p role="status" className="admin-notice">
          {notice}
        </p>
      )}
      {(failure ?? error) === undefined ? null : (
        <p role="alert" className="error">
          {failure ?? error}
        </p>
      )}
      {rows === undefined ? (
        failure === undefined && <p aria-busy="true">{t('app.loading')}</p>
      ) : (
        <DataTable
          caption={t('admin.listCaption', { what: t('admin.section.users') })}
          rows={rows}
          rowKey={(row) => row.id}
          columns={[
            { key: 'username', label: t('admin.f.username'), value: (row) => row.username },
            { key: 'role', label: t('admin.f.role'), value: (row) => t(`role.${row.role}`) },
            { key: 'scope', label: t('admin.f.scope'), value: (row) => scopeText(row.scope) },
            { key: 'createdAt', label: t('admin.f.createdAt'), value: (row) => row.createdAt },
          ]}
          actions={(row) =>
            confirming === row.id ? (
              <span className="admin-confirm">
                {t('admin.confirmDelete', { id: row.username })}{' '}
                <button type="button" className="danger" onClick={() => void remove(row)}>
                  {t('admin.confirmYes')}
                </button>{' '}
                <button type="button" onClick={() => setConfirming(undefined)}>
                  {t('admin.cancel')}
                </button>
              </span>
            ) : (
              <>
                <button type="button" onClick={() => setEditing(row)}>
                  {t('admin.users.editAccess')}
                  <span className="visually-hidden"> {row.username}</span>
                </button>
                <PasswordReset api={api} user={row} />
                <button type="button" onClick={() => setConfirming(row.id)}>
                  {t('admin.delete')}
                  <span className="visually-hidden"> {row.username}</span>
                </button>
              </>
            )
          }
        />
      )}
      {editing === undefined ? null : (
        <CreateForm
          key={editing.id}
          fields={SCOPE_FIELDS}
          schema={UserAccess}
          title={t('admin.users.accessOf', { username: editing.username })}
          submitLabel={t('admin.save')}
          choices={choices}
          initial={toValues(SCOPE_FIELDS, { role: editing.role, scope: editing.scope })}
          onCancel={() => setEditing(undefined)}
          create={async (body) => {
            const saved = await api.send(
              'PUT',
              `/api/v1/users/${encodeURIComponent(editing.id)}`,
              body,
              UserView,
            );
            setEditing(undefined);
            setNotice(t('admin.users.accessSaved', { username: saved.username }));
            reload();
          }}
        />
      )}
      <CreateForm
        fields={USER_FIELDS}
        schema={NewUser}
        title={t('admin.users.new')}
        submitLabel={t('admin.users.create')}
        choices={choices}
        create={async (body) => {
          const made = await api.send('POST', '/api/v1/users', body, UserView);
          setNotice(t('admin.users.created', { username: made.username }));
          reload();
        }}
      />
    </section>
  );
}

/** An administrator sets a user's password (the user's sessions end). */
function PasswordReset(props: { api: ApiClient; user: UserView }): ReactNode {
  const { t, locale } = useI18n();
  const { api, user } = props;
  const [open, setOpen] = useState(false);
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string>();
  const [done, setDone] = useState(false);
  const id = `reset-${user.id}`;
  if (!open)
    return (
      <>
        {done && <span role="status">{t('admin.users.passwordSet')} </span>}
        <button type="button" onClick={() => setOpen(true)}>
          {t('admin.users.resetPassword')}
          <span className="visually-hidden"> {user.username}</span>
        </button>
      </>
    );
  const save = async (): Promise<void> => {
    const problems = checkBody(NewPassword, { password }, locale);
    if (problems.length > 0) {
      setProblem(problems.map((p) => p.message).join(' · '));
      return;
    }
    try {
      await api.send(
        'PUT',
        `/api/v1/users/${encodeURIComponent(user.id)}/password`,
        { password },
        Done,
      );
      setOpen(false);
      setPassword('');
      setProblem(undefined);
      setDone(true);
    } catch (error) {
      setProblem(message(error));
    }
  };
  return (
    <span className="admin-confirm">
      <label htmlFor={id}>{t('admin.users.newPassword', { username: user.username })}</label>{' '}
      <input
        id={id}
        type="password"
        autoComplete="new-password"
        value={password}
        aria-invalid={problem === undefined ? undefined : true}
        aria-describedby={problem === undefined ? undefined : `${id}-error`}
        onChange={(event) => setPassword(event.target.value)}
      />{' '}
      <button type="button" className="primary" onClick={() => void save()}>
        {t('admin.save')}
      </button>{' '}
      <button type="button" onClick={() => setOpen(false)}>
        {t('admin.cancel')}
      </button>
      {problem === undefined ? null : (
        <span id={`${id}-error`} className="admin-field-error">
          {' '}
          {problem}
        </span>
      )}
    </span>
  );
}

export function ApiKeysPage(props: { api: ApiClient }): ReactNode {
  const { t } = useI18n();
  const { api } = props;
  const scopeText = useScopeText();
  const choices = useScopeChoices(api);
  const load = useCallback(
    async () => (await api.get('/api/v1/api-keys', z.object({ items: z.array(ApiKeyView) }))).items,
    [api],
  );
  const { rows, failure, reload } = useList(load);
  const [secret, setSecret] = useState<NewApiKeyAnswer>();
  const [confirming, setConfirming] = useState<string>();
  const [error, setError] = useState<string>();

  const revoke = async (key: ApiKeyView): Promise<void> => {
    setConfirming(undefined);
    try {
      await api.send('DELETE', `/api/v1/api-keys/${encodeURIComponent(key.id)}`, undefined, Done);
      setError(undefined);
      reload();
    } catch (failed) {
      setError(t('admin.deleteFailed', { id: key.name, message: message(failed) }));
    }
  };

  return (
    <section aria-labelledby="admin-section-title">
      <h2 id="admin-section-title">{t('admin.section.apiKeys')}</h2>
      <p className="muted">{t('admin.keys.intro')}</p>
      {secret === undefined ? null : (
        <div role="status" className="card admin-secret">
          <p>{t('admin.keys.created', { name: secret.name })}</p>
          <p>
            <label>
              {t('admin.keys.secret')}{' '}
              <input readOnly value={secret.key} size={60} onFocus={(e) => e.target.select()} />
            </label>
          </p>
          <p className="admin-warning">{t('admin.keys.once')}</p>
          <button type="button" onClick={() => setSecret(undefined)}>
            {t('admin.keys.dismiss')}
          </button>
        </div>
      )}
      {(failure ?? error) === undefined ? null : (
        <p role="alert" className="error">
          {failure ?? error}
        </p>
      )}
      {rows === undefined ? (
        failure === undefined && <p aria-busy="true">{t('app.loading')}</p>
      ) : (
        <DataTable
          caption={t('admin.listCaption', { what: t('admin.section.apiKeys') })}
          rows={rows}
          rowKey={(row) => row.id}
          columns={[
            { key: 'name', label: t('admin.f.keyName'), value: (row) => row.name },
            { key: 'id', label: t('admin.f.keyId'), value: (row) => row.id },
            { key: 'role', label: t('admin.f.role'), value: (row) => t(`role.${row.role}`) },
            { key: 'scope', label: t('admin.f.scope'), value: (row) => scopeText(row.scope) },
            {
              key: 'status',
              label: t('admin.f.status'),
              value: (row) =>
                row.revokedAt === undefined
                  ? t('admin.keys.active')
                  : t('admin.keys.revoked', { at: row.revokedAt }),
            },
          ]}
          actions={(row) =>
            row.revokedAt !== undefined ? null : confirming === row.id ? (
              <span className="admin-confirm">
                {t('admin.keys.confirmRevoke', { name: row.name })}{' '}
                <button type="button" className="danger" onClick={() => void revoke(row)}>
                  {t('admin.keys.revoke')}
                </button>{' '}
                <button type="button" onClick={() => setConfirming(undefined)}>
                  {t('admin.cancel')}
                </button>
              </span>
            ) : (
              <button type="button" onClick={() => setConfirming(row.id)}>
                {t('admin.keys.revoke')}
                <span className="visually-hidden"> {row.name}</span>
              </button>
            )
          }
        />
      )}
      <CreateForm
        fields={KEY_FIELDS}
        schema={NewApiKey}
        title={t('admin.keys.new')}
        submitLabel={t('admin.keys.create')}
        choices={choices}
        create={async (body) => {
          setSecret(await api.send('POST', '/api/v1/api-keys', body, NewApiKeyAnswer));
          reload();
        }}
      />
    </section>
  );
}
