// The app's pages: where each one lives, who may open it and what draws it. The header's
// navigation, the router and each role's home page all read this one list, so a new page is one
// entry here. A page owns the paths under its own (a drill-down like /wallboard/site/casa is the
// wallboard's); wouter's nesting hands it paths relative to its base.
import type { Role } from '@relais/protocol';
import { lazy, Suspense, type ReactNode } from 'react';
import type { ApiClient } from '../api/api-client.ts';
import { AgentDesktop } from '../agent/agent-desktop.tsx';
import type { SocketFactory } from '../agent/agent-stream.ts';
import type { MessageKey } from '../i18n/messages-en.ts';
import { QueuesPage } from '../queues/queues-page.tsx';
import { WallboardPage } from '../wallboard/wallboard-page.tsx';
import { NoAgent } from './no-agent.tsx';
import type { Session } from './session.ts';

export interface PageContext {
  api: ApiClient;
  session: Session;
  socketFactory: SocketFactory | undefined;
}

export interface PageSpec {
  /** The page's base path; the paths below it are the page's own. */
  path: string;
  /** Its name in the navigation. */
  nav: MessageKey;
  /** Who may open it, in the order of preference: a role's home is its first page listed. */
  roles: readonly Role[];
  render: (context: PageContext) => ReactNode;
}

const staff = ['supervisor', 'planner', 'admin'] as const;

// Loaded when first opened, so that an agent's desktop or a wallboard never downloads them
// (the charts' library with them).
const AdminPage = lazy(() =>
  import('../admin/admin-page.tsx').then((module) => ({ default: module.AdminPage })),
);
const PlanningPage = lazy(() =>
  import('../planning/planning-page.tsx').then((module) => ({ default: module.PlanningPage })),
);
const ReportsPage = lazy(() =>
  import('../reports/reports-page.tsx').then((module) => ({ default: module.ReportsPage })),
);
const CampaignsPage = lazy(() =>
  import('../campaigns/campaigns-page.tsx').then((module) => ({ default: module.CampaignsPage })),
);
const ClientPortal = lazy(() =>
  import('../client/client-portal.tsx').then((module) => ({ default: module.ClientPortal })),
);

/** A page loaded on first use; the header stays while it comes. */
function Later(props: { children: ReactNode }): ReactNode {
  return <Suspense fallback={null}>{props.children}</Suspense>;
}

export const PAGES: readonly PageSpec[] = [
  {
    // A client viewer's home: their client's queues and reports, read-only.
    path: '/client',
    nav: 'nav.client',
    roles: ['clientViewer'],
    render: ({ api }) => (
      <Later>
        <ClientPortal api={api} />
      </Later>
    ),
  },
  {
    path: '/agent',
    nav: 'nav.agent',
    roles: ['agent'],
    render: ({ api, session, socketFactory }) =>
      session.agentId === undefined ? (
        <NoAgent />
      ) : (
        <AgentDesktop
          api={api}
          agentId={session.agentId}
          telephony={session.telephony === true}
          {...(socketFactory === undefined ? {} : { socketFactory })}
        />
      ),
  },
  {
    path: '/admin',
    nav: 'nav.admin',
    roles: ['admin'],
    render: ({ api }) => (
      <Later>
        <AdminPage api={api} />
      </Later>
    ),
  },
  {
    path: '/planning',
    nav: 'nav.planning',
    roles: ['planner', 'admin'],
    render: ({ api, session }) => (
      <Later>
        <PlanningPage api={api} role={session.role} />
      </Later>
    ),
  },
  {
    path: '/wallboard',
    nav: 'wallboard.nav',
    roles: ['supervisor', 'admin', 'planner'],
    render: ({ api, session, socketFactory }) =>
      session.role === 'agent' || session.role === 'clientViewer' ? (
        <NoAgent />
      ) : (
        <WallboardPage
          api={api}
          role={session.role}
          {...(socketFactory === undefined ? {} : { socketFactory })}
        />
      ),
  },
  {
    path: '/queues',
    nav: 'nav.queues',
    // Client viewers have theirs in the client portal.
    roles: [...staff],
    render: ({ api, session }) =>
      session.role === 'agent' ? <NoAgent /> : <QueuesPage api={api} role={session.role} />,
  },
  {
    path: '/reports',
    nav: 'nav.reports',
    roles: [...staff, 'clientViewer'],
    render: ({ api, session }) => (
      <Later>
        <ReportsPage api={api} role={session.role} />
      </Later>
    ),
  },
  {
    // Outbound campaigns: managed by administrators and supervisors; a client viewer reads its
    // own client's campaigns and their figures.
    path: '/campaigns',
    nav: 'nav.campaigns',
    roles: ['supervisor', 'admin', 'clientViewer'],
    render: ({ api, session }) => (
      <Later>
        <CampaignsPage api={api} role={session.role} />
      </Later>
    ),
  },
];

/** The pages a role may open, in navigation order. */
export function pagesFor(role: Role): PageSpec[] {
  return PAGES.filter((page) => page.roles.includes(role));
}

/** Where a role lands after signing in. */
export function homePath(role: Role): string {
  return pagesFor(role)[0]?.path ?? '/';
}

/** The page a path belongs to, if the role may open it. */
export function pageAt(role: Role, pathname: string): PageSpec | undefined {
  return pagesFor(role).find(
    (page) => pathname === page.path || pathname.startsWith(`${page.path}/`),
  );
}
