// The queue table: live figures from the feed (waiting, longest wait, agents, estimated wait,
// service level now) beside today's (service level against target, ASA, abandonment).
import type { RealtimeQueue, WallboardQueue } from '@relais/protocol';
import { memo, useMemo, type ReactNode } from 'react';
import { ROW_PX, WALL_ROW_PX, useWindowedRows } from './windowed-rows.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { abandonLevel, longestWait, serviceLevelLevel, waitLevel } from './wallboard-model.ts';
import { Flagged, useWallboard } from './wallboard-parts.tsx';

/** Longer lists than this scroll in their own box, drawing only the rows in view. */
const WINDOW_FROM = 40;

export function QueueTable(props: { filter?: (queue: WallboardQueue) => boolean }): ReactNode {
  const { t, format } = useI18n();
  const { queues, todayAtMs, today, nowMs, base, wall } = useWallboard();
  const { filter } = props;
  const list = useMemo(
    () =>
      [...queues.values()]
        .filter((q) => filter === undefined || filter(q))
        .sort((a, b) => a.id.localeCompare(b.id)),
    [queues, filter],
  );
  // A long list scrolls in its own box and draws only the rows in view.
  const windowed = list.length > WINDOW_FROM;
  const rowPx = wall ? WALL_ROW_PX : ROW_PX;
  const { first, last, measure, onScroll } = useWindowedRows(list.length, rowPx);
  const [from, to] = windowed ? [first, last] : [0, list.length];
  if (list.length === 0) return <p>{t('wallboard.queues.none')}</p>;
  return (
    <div
      className={windowed ? 'wb-grid-scroll wb-queue-scroll' : 'table-wrap'}
      {...(windowed ? { ref: measure, onScroll, tabIndex: 0 } : {})}
    >
      <table className={windowed ? 'wb-table wb-grid wb-queues' : 'wb-table wb-queues'}>
        <caption>
          {t('wallboard.queues.caption')}
          {todayAtMs === undefined ? null : (
            <span className="muted wb-note">
              {' '}
              {t('wallboard.queues.todayAt', { time: format.time(todayAtMs) })}
            </span>
          )}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('wallboard.col.queue')}</th>
            <th scope="col">{t('wallboard.col.client')}</th>
            <th scope="col">{t('wallboard.col.waiting')}</th>
            <th scope="col">{t('wallboard.col.longest')}</th>
            <th scope="col">{t('wallboard.col.agents')}</th>
            <th scope="col">{t('wallboard.col.slNow')}</th>
            <th scope="col">{t('wallboard.col.slToday')}</th>
            <th scope="col">{t('wallboard.col.asa')}</th>
            <th scope="col">{t('wallboard.col.abandon')}</th>
            <th scope="col">{t('wallboard.col.ewt')}</th>
          </tr>
        </thead>
        <tbody>
          {from > 0 ? (
            <tr aria-hidden="true" className="wb-spacer" style={{ height: from * rowPx }} />
          ) : null}
          {list.slice(from, to).map((queue) => (
            <QueueRow
              key={queue.id}
              base={base}
              queue={queue}
              today={today.get(queue.id)}
              // Only a queue where someone waits changes with the clock.
              nowMs={queue.waiting > 0 ? nowMs : 0}
            />
          ))}
          {to < list.length ? (
            <tr
              aria-hidden="true"
              className="wb-spacer"
              style={{ height: (list.length - to) * rowPx }}
            />
          ) : null}
        </tbody>
      </table>
    </div>
  );
}

/** One queue's row; drawn again only when its figures, today's or (while some wait) the clock move. */
const QueueRow = memo(function QueueRow(props: {
  base: string;
  queue: WallboardQueue;
  today: RealtimeQueue['today'] | undefined;
  nowMs: number;
}): ReactNode {
  const { format } = useI18n();
  const q = props.queue;
  const day = props.today;
  const wait = longestWait(q, props.nowMs);
  return (
    <tr>
      <th scope="row">
        <a href={`${props.base}/queue/${encodeURIComponent(q.id)}`} data-nav="">
          {q.id}
        </a>
      </th>
      <td>{q.clientId}</td>
      <td>{format.integer(q.waiting)}</td>
      <td>
        <Flagged level={waitLevel(wait, q.thresholdSeconds)}>
          {q.waiting === 0 ? format.percent(null) : format.duration(wait)}
        </Flagged>
      </td>
      <td>
        {format.integer(q.availableAgents)} / {format.integer(q.eligibleAgents)}
      </td>
      <td>
        <Flagged level={serviceLevelLevel(q.serviceLevel, q.target)}>
          {format.percent(q.serviceLevel)}
        </Flagged>
      </td>
      <td>
        <Flagged level={serviceLevelLevel(day?.serviceLevel, q.target)}>
          {format.percent(day?.serviceLevel)}
        </Flagged>{' '}
        <span className="muted">/ {format.percent(q.target)}</span>
      </td>
      <td>{format.seconds(day?.asaSeconds == null ? null : day.asaSeconds * 1000)}</td>
      <td>
        <Flagged level={abandonLevel(day?.abandonRate)}>
          {format.percent(day?.abandonRate)}
          {day === undefined ? null : ` (${format.integer(day.abandoned)})`}
        </Flagged>
      </td>
      <td>{format.seconds(q.estimatedWaitMs)}</td>
    </tr>
  );
});
