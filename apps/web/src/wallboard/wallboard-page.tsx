// The supervisor wallboard: the network, the queues and the agents, live from the stream's
// wallboard feed (a snapshot, then changes at most once a second), with drill-down by address
// (/wallboard/site/:id, /wallboard/queue/:id, /wallboard/contact/:id) and a wall mode for TV
// screens (?wall=1: full screen, large type, no controls).
import {
  Queue,
  RealtimeQueues,
  Skill,
  PauseCodeList,
  type RealtimeQueue,
  type Role,
} from '@relais/protocol';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
  type ReactNode,
} from 'react';
import { Link, Route, Switch, useLocation, useParams, useRouter, useSearch } from 'wouter';
import { z } from 'zod';
import type { ApiClient } from '../api/api-client.ts';
import { streamUrl, type SocketFactory, type StreamStatus } from '../agent/agent-stream.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useNow } from '../ui/use-now.ts';
import { AgentGrid } from './agent-grid.tsx';
import { NetworkView } from './network-view.tsx';
import { ContactView, QueueView } from './queue-view.tsx';
import { QueueTable } from './queue-table.tsx';
import { WallboardData, queueOfSite } from './wallboard-model.ts';
import {
  WallboardContext,
  useWallboard,
  useZoneTime,
  type WallboardView,
} from './wallboard-parts.tsx';
import { FIRST_RENDER_MARK, WallboardStream } from './wallboard-stream.ts';
import './wallboard.css';

/** Today's figures are read again this often (the live ones come from the feed). */
export const TODAY_REFRESH_MS = 60_000;

const SkillList = z.object({ items: z.array(z.looseObject({ id: Skill.shape.id })) });
const QueueList = z.object({
  items: z.array(z.looseObject({ id: Queue.shape.id, skills: Queue.shape.skills })),
});

export function WallboardPage(props: {
  api: ApiClient;
  role: Exclude<Role, 'agent'>;
  socketFactory?: SocketFactory;
}): ReactNode {
  const { api, socketFactory } = props;
  const { t } = useI18n();
  const data = useMemo(() => new WallboardData(), []);
  const [status, setStatus] = useState<StreamStatus>('connecting');
  const [problem, setProblem] = useState<string>();
  const stream = useRef<WallboardStream | undefined>(undefined);
  useSyncExternalStore(data.subscribe, data.getVersion);

  useEffect(() => {
    const next = new WallboardStream({
      url: streamUrl(window.location),
      data,
      onStatus: setStatus,
      onProblem: setProblem,
      ...(socketFactory === undefined ? {} : { socketFactory }),
    });
    stream.current = next;
    next.start();
    return () => next.stop();
  }, [data, socketFactory]);

  // Once what the data holds is on screen, the update is measured (User Timing), and the first
  // full picture is marked.
  const firstShown = useRef(false);
  useLayoutEffect(() => {
    stream.current?.committed();
    if (data.loaded && !firstShown.current) {
      firstShown.current = true;
      performance.mark(FIRST_RENDER_MARK);
    }
  });

  const [today, setToday] = useState<{ at: number; map: Map<string, RealtimeQueue['today']> }>();
  useEffect(() => {
    let stopped = false;
    const read = (): void => {
      api
        .get('/api/v1/realtime/queues', RealtimeQueues)
        .then((answer) => {
          if (!stopped)
            setToday({
              at: Date.parse(answer.at),
              map: new Map(answer.queues.map((q) => [q.queueId, q.today])),
            });
        })
        .catch(() => undefined); // the live figures still come; today's wait for the next read
    };
    read();
    const timer = setInterval(read, TODAY_REFRESH_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [api]);

  const canAct = props.role === 'supervisor' || props.role === 'admin';
  const [reference, setReference] = useState<{
    pauseCodes: { id: string; label: string }[];
    skillIds: string[];
    queueSkills: Map<string, Record<string, number>>;
  }>({ pauseCodes: [], skillIds: [], queueSkills: new Map() });
  useEffect(() => {
    let stopped = false;
    void Promise.all([
      api.get('/api/v1/pause-codes?limit=1000', PauseCodeList).catch(() => ({ items: [] })),
      api.get('/api/v1/skills?limit=1000', SkillList).catch(() => ({ items: [] })),
      api.get('/api/v1/queues?limit=1000', QueueList).catch(() => ({ items: [] })),
    ]).then(([codes, skills, queues]) => {
      if (stopped) return;
      setReference({
        pauseCodes: codes.items.map((c) => ({ id: c.id, label: c.label })),
        skillIds: skills.items.map((s) => s.id),
        queueSkills: new Map(queues.items.map((q) => [q.id, q.skills])),
      });
    });
    return () => {
      stopped = true;
    };
  }, [api]);

  const search = useSearch();
  const [location, navigate] = useLocation();
  const { base } = useRouter();
  const wall = new URLSearchParams(search).get('wall') === '1';
  const setWall = useCallback(
    (on: boolean) => {
      // The whole path ("~"): inside the page's nest, "/" + "?wall=1" would add a slash.
      const here = `${base}${location === '/' ? '' : location}` || '/';
      navigate(on ? `~${here}?wall=1` : `~${here}`);
      if (on) void document.documentElement.requestFullscreen?.().catch(() => undefined);
      else if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    },
    [base, location, navigate],
  );
  useEffect(() => {
    document.body.classList.toggle('wallboard-wall', wall);
    if (!wall) return;
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') setWall(false);
    };
    // In full screen the browser takes Escape for itself: leaving full screen leaves wall mode.
    const onFullscreen = (): void => {
      if (document.fullscreenElement === null) setWall(false);
    };
    window.addEventListener('keydown', onKey);
    document.addEventListener('fullscreenchange', onFullscreen);
    return () => {
      window.removeEventListener('keydown', onKey);
      document.removeEventListener('fullscreenchange', onFullscreen);
      document.body.classList.remove('wallboard-wall');
    };
  }, [wall, setWall]);

  const localNow = useNow(true, 1000);
  const view: WallboardView = {
    api,
    agents: data.agents,
    nameRanks: data.nameRanks(),
    queues: data.queues,
    sites: data.sites,
    today: today?.map ?? new Map(),
    todayAtMs: today?.at,
    nowMs: localNow + data.offsetMs,
    wall,
    canAct,
    base,
    ...reference,
  };
  const followLink = (event: React.MouseEvent): void => {
    const link = (event.target as Element).closest('a[data-nav]');
    if (link === null || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
      return;
    event.preventDefault();
    navigate(`~${link.getAttribute('href') ?? '/'}`);
  };

  return (
    <WallboardContext value={view}>
      {/* Clicks on the rows' plain links (data-nav) are routed here, in the page. */}
      <main className={wall ? 'page wallboard wall' : 'page wallboard'} onClick={followLink}>
        <div className="wb-top">
          <h1>{t('wallboard.title')}</h1>
          <p className={`connection connection-${status}`} role="status">
            {t(`wallboard.status.${status}`)}
          </p>
          {wall ? (
            <button
              key="exit-wall"
              type="button"
              className="wb-exit-wall"
              onClick={() => setWall(false)}
            >
              {t('wallboard.exitWall')}
            </button>
          ) : (
            <button key="wall" type="button" onClick={() => setWall(true)}>
              {t('wallboard.wallMode')}
            </button>
          )}
        </div>
        {problem === undefined ? null : (
          <p className="error" role="alert">
            {t('error.generic', { message: problem })}
          </p>
        )}
        {!data.loaded ? (
          <p aria-busy="true">{t('app.loading')}</p>
        ) : (
          <Switch>
            <Route path="/site/:id">
              <SiteRoute />
            </Route>
            <Route path="/queue/:id">
              <QueueRoute />
            </Route>
            <Route path="/contact/:id">
              <ContactRoute />
            </Route>
            <Route>
              <Crumbs />
              <NetworkView />
              <QueueTable />
              <AgentGrid />
            </Route>
          </Switch>
        )}
      </main>
    </WallboardContext>
  );
}

function Crumbs(props: { trail?: { href?: string; label: string }[] }): ReactNode {
  const { t } = useI18n();
  const trail = [{ href: '/', label: t('wallboard.network') }, ...(props.trail ?? [])];
  return (
    <nav aria-label={t('wallboard.crumbs')} className="wb-crumbs">
      <ol>
        {trail.map((step, i) => (
          <li key={i}>
            {i === trail.length - 1 ? (
              <span aria-current="page">{step.label}</span>
            ) : (
              <Link href={step.href ?? '/'}>{step.label}</Link>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

function SiteRoute(): ReactNode {
  const { t } = useI18n();
  const { id = '' } = useParams<{ id: string }>();
  const { sites, nowMs } = useWallboard();
  const zoneTime = useZoneTime();
  const site = sites.get(id);
  const filter = useCallback((q: Parameters<typeof queueOfSite>[0]) => queueOfSite(q, id), [id]);
  return (
    <>
      <Crumbs trail={[{ label: t('wallboard.site', { site: id }) }]} />
      {site === undefined ? (
        <p>{t('wallboard.unknown')}</p>
      ) : (
        <>
          <p className="wb-site-head">
            {site.city} · {zoneTime(nowMs, site.timeZone)} ({site.timeZone})
          </p>
          <NetworkView only={id} />
          <QueueTable filter={filter} />
          <AgentGrid siteId={id} />
        </>
      )}
    </>
  );
}

function QueueRoute(): ReactNode {
  const { t } = useI18n();
  const { id = '' } = useParams<{ id: string }>();
  return (
    <>
      <Crumbs trail={[{ label: t('wallboard.queue', { queue: id }) }]} />
      <QueueView queueId={id} />
    </>
  );
}

function ContactRoute(): ReactNode {
  const { t } = useI18n();
  const { id = '' } = useParams<{ id: string }>();
  // The contact's queue, once "why is it waiting?" has named it, joins the breadcrumb.
  const [queueId, setQueueId] = useState<string>();
  const trail = [
    ...(queueId === undefined
      ? []
      : [
          {
            href: `/queue/${encodeURIComponent(queueId)}`,
            label: t('wallboard.queue', { queue: queueId }),
          },
        ]),
    { label: t('wallboard.contact', { contact: id }) },
  ];
  return (
    <>
      <Crumbs trail={trail} />
      <ContactView contactId={id} onQueue={setQueueId} />
    </>
  );
}
