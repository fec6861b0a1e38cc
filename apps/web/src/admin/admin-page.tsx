// The administration pages, the administrators' home: a menu of what they configure, and under
// /admin/<section> its list, /admin/<section>/new and /admin/<section>/<id> its form,
// /admin/import/<kind> the CSV import, /admin/users and /admin/api-keys who may sign in.
import type { ReactNode } from 'react';
import { Link, Route, Switch, useLocation, useParams } from 'wouter';
import type { ApiClient } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages-en.ts';
import { ApiKeysPage, UsersPage } from './access-pages.tsx';
import './admin.css';
import { DeliveriesPage } from './deliveries-page.tsx';
import { ImportPage } from './import-page.tsx';
import { KindForm, KindList } from './kind-pages.tsx';
import { KIND_SECTIONS, sectionAt } from './sections.ts';

const MENU: readonly { path: string; label: MessageKey }[] = [
  ...KIND_SECTIONS.filter((s) => s.path !== 'webhooks').map((s) => ({
    path: s.path,
    label: s.title,
  })),
  { path: 'import', label: 'admin.section.import' },
  { path: 'users', label: 'admin.section.users' },
  { path: 'api-keys', label: 'admin.section.apiKeys' },
  { path: 'webhooks', label: 'admin.section.webhooks' },
];

export function AdminPage(props: { api: ApiClient }): ReactNode {
  const { t } = useI18n();
  const { api } = props;
  const [location] = useLocation();
  const current = location.split('/')[1] ?? '';
  return (
    <main className="page admin">
      <h1>{t('admin.title')}</h1>
      <div className="admin-layout">
        <nav aria-label={t('admin.menu')} className="admin-menu">
          <ul>
            {MENU.map((item) => (
              <li key={item.path}>
                <Link
                  href={`/${item.path}`}
                  aria-current={current === item.path ? 'page' : undefined}
                >
                  {t(item.label)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="admin-content">
          <Switch>
            <Route path="/">
              <AdminHome />
            </Route>
            <Route path="/users">
              <UsersPage api={api} />
            </Route>
            <Route path="/api-keys">
              <ApiKeysPage api={api} />
            </Route>
            <Route path="/import/:kind?">
              {(params: { kind?: string }) => (
                <ImportPage
                  api={api}
                  {...(params.kind === undefined ? {} : { kind: params.kind })}
                />
              )}
            </Route>
            <Route path="/webhooks/:id/deliveries">
              {(params: { id: string }) => (
                <DeliveriesPage api={api} id={decodeURIComponent(params.id)} />
              )}
            </Route>
            <Route path="/:section/new">
              <KindRoute api={api} creating />
            </Route>
            <Route path="/:section/:id">
              <KindRoute api={api} />
            </Route>
            <Route path="/:section">
              <KindRoute api={api} />
            </Route>
          </Switch>
        </div>
      </div>
    </main>
  );
}

function KindRoute(props: { api: ApiClient; creating?: boolean }): ReactNode {
  const { t } = useI18n();
  const params = useParams<{ section: string; id?: string }>();
  const section = sectionAt(params.section);
  if (section === undefined) return <p role="alert">{t('admin.unknownSection')}</p>;
  if (props.creating === true) return <KindForm key="new" api={props.api} section={section} />;
  if (params.id !== undefined) {
    const id = decodeURIComponent(params.id);
    return <KindForm key={id} api={props.api} section={section} id={id} />;
  }
  return <KindList key={section.path} api={props.api} section={section} />;
}

function AdminHome(): ReactNode {
  const { t } = useI18n();
  return (
    <section aria-labelledby="admin-section-title">
      <h2 id="admin-section-title">{t('admin.home.title')}</h2>
      <p>{t('admin.home.intro')}</p>
      <ul className="admin-home">
        {MENU.map((item) => (
          <li key={item.path}>
            <Link href={`/${item.path}`}>{t(item.label)}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
