// The agent grid: state, time in state, current contact, pause code; filtered by site, queue,
// state and name, sorted by a column. Thousands of agents stay fast: only the rows in view are
// drawn (fixed row height, spacer rows above and below), the rest is scrolled past.
import type { AgentState, WallboardAgent } from '@relais/protocol';
import { useMemo, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { AgentPanel } from './agent-panel.tsx';
import { SHOWN_STATES, selectAgents, type AgentFilter, type AgentSort } from './wallboard-model.ts';
import { StateBadge, useWallboard } from './wallboard-parts.tsx';
import { ROW_PX, WALL_ROW_PX, useWindowedRows } from './windowed-rows.ts';

const STATES: readonly AgentState[] = [...SHOWN_STATES, 'loggedOut'];

export function AgentGrid(props: { siteId?: string; queueId?: string }): ReactNode {
  const { t, format } = useI18n();
  const { agents, nameRanks, queues, sites, nowMs, wall, queueSkills, canAct, pauseCodes, base } =
    useWallboard();
  const pauseLabels = useMemo(
    () => new Map(pauseCodes.map((code) => [code.id, code.label])),
    [pauseCodes],
  );
  const [filter, setFilter] = useState<AgentFilter>({
    siteId: '',
    state: '',
    queueId: '',
    text: '',
  });
  const [sort, setSort] = useState<AgentSort>('state');
  const [descending, setDescending] = useState(false);
  const [selected, setSelected] = useState<string>();
  const effective: AgentFilter = {
    ...filter,
    ...(props.siteId === undefined ? {} : { siteId: props.siteId }),
    ...(props.queueId === undefined ? {} : { queueId: props.queueId }),
  };
  const rows = useMemo(
    () =>
      selectAgents(agents.values(), queues, effective, sort, descending, queueSkills, nameRanks),
    // The effective filter is rebuilt each render; its fields are what matter.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [
      agents,
      nameRanks,
      queues,
      queueSkills,
      sort,
      descending,
      effective.siteId,
      effective.state,
      effective.queueId,
      effective.text,
    ],
  );
  const rowPx = wall ? WALL_ROW_PX : ROW_PX;
  const { first, last, measure, onScroll } = useWindowedRows(rows.length, rowPx);
  const sortBy = (column: AgentSort): void => {
    if (sort === column) setDescending(!descending);
    else {
      setSort(column);
      setDescending(false);
    }
  };
  const header = (column: AgentSort, label: string): ReactNode => (
    <th
      scope="col"
      aria-sort={sort === column ? (descending ? 'descending' : 'ascending') : 'none'}
    >
      {wall ? (
        label
      ) : (
        <button
          type="button"
          className="wb-sort"
          onClick={() => sortBy(column)}
          aria-label={t('wallboard.sortBy', { column: label })}
        >
          {label}
          <span aria-hidden="true">{sort === column ? (descending ? ' ▼' : ' ▲') : ''}</span>
        </button>
      )}
    </th>
  );
  const chosen = selected === undefined ? undefined : agents.get(selected);

  return (
    <section className="wb-agents" aria-labelledby="wb-agents-title" data-agents={agents.size}>
      <h2 id="wb-agents-title">
        {t('wallboard.agents.caption', {
          shown: format.integer(rows.length),
          total: format.integer(agents.size),
        })}
      </h2>
      {wall ? null : (
        <fieldset className="wb-filters">
          <legend className="visually-hidden">{t('wallboard.agents.filters')}</legend>
          {props.siteId === undefined ? (
            <label>
              {t('wallboard.filter.site')}
              <select
                value={filter.siteId}
                onChange={(e) => setFilter({ ...filter, siteId: e.target.value })}
              >
                <option value="">{t('wallboard.filter.all')}</option>
                {[...sites.keys()].sort().map((id) => (
                  <option key={id} value={id}>
                    {id}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {props.queueId === undefined ? (
            <label>
              {t('wallboard.filter.queue')}
              <select
                value={filter.queueId}
                onChange={(e) => setFilter({ ...filter, queueId: e.target.value })}
              >
                <option value="">{t('wallboard.filter.all')}</option>
                {[...queues.keys()].sort().map((id) => (
                  <option key={id} value={id}>
                    {id}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <label>
            {t('wallboard.filter.state')}
            <select
              value={filter.state}
              onChange={(e) => setFilter({ ...filter, state: e.target.value as AgentState | '' })}
            >
              <option value="">{t('wallboard.filter.all')}</option>
              {STATES.map((state) => (
                <option key={state} value={state}>
                  {t(`wallboard.state.${state}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('wallboard.filter.text')}
            <input
              type="search"
              value={filter.text}
              onChange={(e) => setFilter({ ...filter, text: e.target.value })}
            />
          </label>
        </fieldset>
      )}
      {chosen === undefined || wall || !canAct ? null : (
        <AgentPanel agent={chosen} onClose={() => setSelected(undefined)} />
      )}
      <div
        className="wb-grid-scroll"
        ref={measure}
        onScroll={onScroll}
        tabIndex={0}
        aria-label={t('wallboard.agents.caption', {
          shown: format.integer(rows.length),
          total: format.integer(agents.size),
        })}
      >
        <table className="wb-table wb-grid" aria-rowcount={rows.length + 1}>
          <thead>
            <tr aria-rowindex={1}>
              {header('name', t('wallboard.col.agent'))}
              {header('site', t('wallboard.col.site'))}
              {header('state', t('wallboard.col.state'))}
              {header('since', t('wallboard.col.since'))}
              <th scope="col">{t('wallboard.col.contact')}</th>
              <th scope="col">{t('wallboard.col.pause')}</th>
            </tr>
          </thead>
          <tbody>
            {first > 0 ? (
              <tr aria-hidden="true" className="wb-spacer" style={{ height: first * rowPx }} />
            ) : null}
            {rows.slice(first, last).map((agent, i) => (
              <AgentRow
                key={agent.id}
                agent={agent}
                index={first + i + 2}
                nowMs={nowMs}
                base={base}
                pauseLabel={
                  agent.pauseCode === undefined
                    ? ''
                    : (pauseLabels.get(agent.pauseCode) ?? agent.pauseCode)
                }
                onOpen={wall || !canAct ? undefined : () => setSelected(agent.id)}
                selected={agent.id === selected}
              />
            ))}
            {last < rows.length ? (
              <tr
                aria-hidden="true"
                className="wb-spacer"
                style={{ height: (rows.length - last) * rowPx }}
              />
            ) : null}
          </tbody>
        </table>
        {rows.length === 0 ? <p>{t('wallboard.agents.none')}</p> : null}
      </div>
    </section>
  );
}

function AgentRow(props: {
  agent: WallboardAgent;
  index: number;
  nowMs: number;
  base: string;
  pauseLabel: string;
  onOpen: (() => void) | undefined;
  selected: boolean;
}): ReactNode {
  const { t, format } = useI18n();
  const a = props.agent;
  return (
    <tr aria-rowindex={props.index} className={props.selected ? 'wb-selected' : undefined}>
      <th scope="row">
        {props.onOpen === undefined ? (
          a.name
        ) : (
          <button
            type="button"
            className="wb-link"
            onClick={props.onOpen}
            aria-label={t('wallboard.agent.open', { agent: a.name })}
          >
            {a.name}
          </button>
        )}
      </th>
      <td>{a.siteId}</td>
      <td data-state={a.state}>
        <StateBadge state={a.state} />
      </td>
      <td>
        {a.sinceMs === null ? format.percent(null) : format.duration(props.nowMs - a.sinceMs)}
      </td>
      <td>
        {a.contactId === undefined ? (
          ''
        ) : a.contactQueueId === undefined ? (
          a.contactId
        ) : (
          <a href={`${props.base}/queue/${encodeURIComponent(a.contactQueueId)}`} data-nav="">
            {a.contactId} · {a.contactQueueId}
          </a>
        )}
      </td>
      <td>{props.pauseLabel}</td>
    </tr>
  );
}
