// The queue table: live figures from the feed (waiting, longest wait, agents, estimated wait,
// service level now) beside today's (service level against target, ASA, abandonment).
import type { RealtimeQueue, WallboardQueue } from '@relais/protocol';
import { memo, useMemo, type ReactNode } from 'react';
import { Link } from 'wouter';
import { useI18n } from '../i18n/i18n.tsx';
import { abandonLevel, longestWait, serviceLevelLevel, waitLevel } from './wallboard-model.ts';
import { Flagged, useWallboard } from './wallboard-parts.tsx';

export function QueueTable(props: { filter?: (queue: WallboardQueue) => boolean }): ReactNode {
  const { t, format } = useI18n();
  const { queues, todayAtMs, today, nowMs } = useWallboard();
  const { filter } = props;
  const list = useMemo(
    () =>
      [...queues.values()]
        .filter((q) => filter === undefined || filter(q))
        .sort((a, b) => a.id.localeCompare(b.id)),
    [queues, filter],
  );
  if (list.length === 0) return <p>{t('wallboard.queues.none')}</p>;
  return (
    <div className="table-wrap">
      <table className="wb-table wb-queues">
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
          {list.map((queue) => (
            <QueueRow
              key={queue.id}
              queue={queue}
              today={today.get(queue.id)}
              // Only a queue where someone waits changes with the clock.
              nowMs={queue.waiting > 0 ? nowMs : 0}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One queue's row; drawn again only when its figures, today's or (while some wait) the clock move. */
const QueueRow = memo(function QueueRow(props: {
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
        <Link href={`/queue/${encodeURIComponent(q.id)}`}>{q.id}</Link>
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
