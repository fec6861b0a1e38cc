// One queue: its figures, the contacts waiting in it (read again whenever the feed says the
// queue changed), each with "why is it waiting?" and a move to another queue; and the agents
// who can serve it.
import { QueueContacts, WaitExplanationView } from '@relais/protocol';
import { useEffect, useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import { z } from 'zod';
import { ApiFailure } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { AgentGrid } from './agent-grid.tsx';
import { QueueTable } from './queue-table.tsx';
import { useWallboard, useZoneTime } from './wallboard-parts.tsx';

const Anything = z.unknown();

export function QueueView(props: { queueId: string }): ReactNode {
  const { t, format } = useI18n();
  const { api, queues, nowMs, wall, canAct } = useWallboard();
  const queue = queues.get(props.queueId);
  const [contacts, setContacts] = useState<QueueContacts>();
  const [failure, setFailure] = useState<string>();
  const [reload, setReload] = useState(0);
  const [notice, setNotice] = useState<string>();

  // The row object changes whenever the feed sends this queue: read its contacts again then.
  useEffect(() => {
    if (queue === undefined) return;
    let stopped = false;
    api
      .get(`/api/v1/queues/${encodeURIComponent(queue.id)}/contacts`, QueueContacts)
      .then((answer) => {
        if (!stopped) {
          setContacts(answer);
          setFailure(undefined);
        }
      })
      .catch((error: unknown) => {
        if (!stopped) setFailure(error instanceof Error ? error.message : String(error));
      });
    return () => {
      stopped = true;
    };
  }, [api, queue, reload]);

  if (queue === undefined) return <p>{t('wallboard.unknown')}</p>;
  const filter = (q: { id: string }): boolean => q.id === queue.id;
  return (
    <>
      <QueueTable filter={filter} />
      <section aria-labelledby="wb-waiting-title">
        <h2 id="wb-waiting-title">{t('wallboard.queueView.contacts')}</h2>
        {failure === undefined ? null : (
          <p className="error" role="alert">
            {t('error.generic', { message: failure })}
          </p>
        )}
        {notice === undefined ? null : <p role="status">{notice}</p>}
        {contacts === undefined ? (
          <p aria-busy="true">{t('app.loading')}</p>
        ) : contacts.contacts.length === 0 ? (
          <p>{t('wallboard.queueView.noContacts')}</p>
        ) : (
          <div className="table-wrap">
            <table className="wb-table">
              <caption className="visually-hidden">{t('wallboard.queueView.contacts')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('wallboard.col.position')}</th>
                  <th scope="col">{t('wallboard.col.contact')}</th>
                  <th scope="col">{t('wallboard.col.waited')}</th>
                  <th scope="col">{t('wallboard.col.priority')}</th>
                  <th scope="col">{t('wallboard.col.channel')}</th>
                  {wall || !canAct ? null : <th scope="col">{t('wallboard.col.actions')}</th>}
                </tr>
              </thead>
              <tbody>
                {contacts.contacts.map((c) => (
                  <tr key={c.id}>
                    <td>{format.integer(c.position)}</td>
                    <th scope="row">
                      <Link href={`/contact/${encodeURIComponent(c.id)}`}>{c.id}</Link>
                    </th>
                    <td>{format.duration(nowMs - c.waitingSinceMs)}</td>
                    <td>{format.integer(c.priority)}</td>
                    <td>{c.channel}</td>
                    {wall || !canAct ? null : (
                      <td>
                        <RaisePriority
                          contactId={c.id}
                          onRaised={(priority) => {
                            setNotice(t('wallboard.contact.raised', { contact: c.id, priority }));
                            setReload((n) => n + 1);
                          }}
                        />{' '}
                        <MoveContact
                          contactId={c.id}
                          fromQueueId={queue.id}
                          onMoved={(to) => {
                            setNotice(t('wallboard.contact.moved', { contact: c.id, queue: to }));
                            setReload((n) => n + 1);
                          }}
                        />
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <AgentGrid queueId={queue.id} />
    </>
  );
}

/** How much one press raises a contact's priority. */
export const RAISE_BY = 10;

/** Raises a waiting contact's priority, after confirmation; the server's refusal is shown. */
function RaisePriority(props: {
  contactId: string;
  onRaised: (priority: number) => void;
}): ReactNode {
  const { t } = useI18n();
  const { api } = useWallboard();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();
  const raise = (): void => {
    if (
      !window.confirm(
        t('wallboard.contact.confirmRaise', { contact: props.contactId, by: RAISE_BY }),
      )
    )
      return;
    setBusy(true);
    setFailure(undefined);
    api
      .send(
        'POST',
        `/api/v1/contacts/${encodeURIComponent(props.contactId)}/raise-priority`,
        { by: RAISE_BY },
        Raised,
      )
      .then((answer) => {
        const event = answer.events.find((e) => e.type === 'contactPriorityRaised');
        props.onRaised(typeof event?.priority === 'number' ? event.priority : RAISE_BY);
      })
      .catch((error: unknown) =>
        setFailure(
          t('wallboard.failed', {
            message: error instanceof ApiFailure ? error.message : String(error),
          }),
        ),
      )
      .finally(() => setBusy(false));
  };
  return (
    <>
      <button type="button" disabled={busy} onClick={raise}>
        {t('wallboard.contact.raise')}
      </button>
      {failure === undefined ? null : (
        <span role="alert" className="error">
          {' '}
          {failure}
        </span>
      )}
    </>
  );
}

const Raised = z.object({
  events: z.array(z.looseObject({ type: z.string(), priority: z.number().optional() })),
});

/** Moves a waiting contact to another queue, after confirmation. */
export function MoveContact(props: {
  contactId: string;
  fromQueueId: string;
  onMoved?: (queueId: string) => void;
}): ReactNode {
  const { t } = useI18n();
  const { api, queues } = useWallboard();
  const [target, setTarget] = useState('');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  const others = [...queues.keys()].filter((id) => id !== props.fromQueueId).sort();
  const move = (): void => {
    if (target === '') return;
    if (
      !window.confirm(
        t('wallboard.contact.confirmMove', { contact: props.contactId, queue: target }),
      )
    )
      return;
    setBusy(true);
    setMessage(undefined);
    api
      .send(
        'POST',
        `/api/v1/contacts/${encodeURIComponent(props.contactId)}/transfer`,
        { queueId: target },
        Anything,
      )
      .then(() => {
        setMessage({ ok: true, text: t('wallboard.done') });
        props.onMoved?.(target);
      })
      .catch((error: unknown) =>
        setMessage({
          ok: false,
          text: t('wallboard.failed', {
            message: error instanceof ApiFailure ? error.message : String(error),
          }),
        }),
      )
      .finally(() => setBusy(false));
  };
  return (
    <span className="wb-move">
      <label>
        <span className="visually-hidden">
          {t('wallboard.contact.moveTo', { contact: props.contactId })}
        </span>
        <select value={target} onChange={(e) => setTarget(e.target.value)}>
          <option value="">{t('wallboard.contact.move')}</option>
          {others.map((id) => (
            <option key={id} value={id}>
              {id}
            </option>
          ))}
        </select>
      </label>{' '}
      <button type="button" disabled={busy || target === ''} onClick={move}>
        {t('wallboard.contact.moveButton')}
      </button>
      {message === undefined ? null : (
        <span role={message.ok ? 'status' : 'alert'} className={message.ok ? '' : 'error'}>
          {' '}
          {message.text}
        </span>
      )}
    </span>
  );
}

/** "Why is it waiting?" for one contact, read again when its queue changes. */
export function ContactView(props: {
  contactId: string;
  /** Told the contact's queue once known. */
  onQueue?: (queueId: string) => void;
}): ReactNode {
  const { t, format } = useI18n();
  const { api, queues, sites, wall, canAct } = useWallboard();
  const zoneTime = useZoneTime();
  const [why, setWhy] = useState<WaitExplanationView>();
  const [failure, setFailure] = useState<string>();
  const queue = why === undefined ? undefined : queues.get(why.queueId);
  const { onQueue } = props;
  useEffect(() => {
    if (why !== undefined) onQueue?.(why.queueId);
  }, [why, onQueue]);

  useEffect(() => {
    let stopped = false;
    api
      .get(
        `/api/v1/contacts/${encodeURIComponent(props.contactId)}/why-waiting`,
        WaitExplanationView,
      )
      .then((answer) => {
        if (!stopped) {
          setWhy(answer);
          setFailure(undefined);
        }
      })
      .catch((error: unknown) => {
        if (!stopped) setFailure(error instanceof Error ? error.message : String(error));
      });
    return () => {
      stopped = true;
    };
    // Read again whenever the feed changes the contact's queue.
  }, [api, props.contactId, queue]);

  const zone = queue?.homeSiteId === undefined ? undefined : sites.get(queue.homeSiteId)?.timeZone;
  return (
    <section aria-labelledby="wb-why-title" className="card wb-why">
      <h2 id="wb-why-title">{t('wallboard.why.title', { contact: props.contactId })}</h2>
      {failure === undefined ? null : (
        <p className="error" role="alert">
          {t('error.generic', { message: failure })}
        </p>
      )}
      {why === undefined ? (
        failure === undefined ? (
          <p aria-busy="true">{t('app.loading')}</p>
        ) : null
      ) : (
        <>
          <p className="wb-why-reason">{t(`wallboard.why.reason.${why.reason}`)}</p>
          <dl className="facts">
            <div>
              <dt>{t('wallboard.col.queue')}</dt>
              <dd>
                <Link href={`/queue/${encodeURIComponent(why.queueId)}`}>{why.queueId}</Link>
              </dd>
            </div>
            <div>
              <dt>{t('wallboard.why.waited')}</dt>
              <dd>{format.duration(why.waitedMs)}</dd>
            </div>
            <div>
              <dt>{t('wallboard.why.step')}</dt>
              <dd>
                {format.integer(why.step)}
                {why.nextStep === undefined
                  ? null
                  : ` · ${t('wallboard.why.nextStep', {
                      step: format.integer(why.nextStep.step),
                      time:
                        zone === undefined
                          ? format.time(why.nextStep.atMs)
                          : `${zoneTime(why.nextStep.atMs, zone)} (${zone})`,
                    })}`}
              </dd>
            </div>
            <div>
              <dt>{t('wallboard.why.agents')}</dt>
              <dd>
                {t('wallboard.why.eligible', {
                  loggedIn: format.integer(why.eligible.loggedIn),
                  free: format.integer(why.eligible.free),
                })}
              </dd>
            </div>
          </dl>
          <p className="muted">{t('wallboard.why.server', { message: why.message })}</p>
          {wall || !canAct || why.reason === 'not-waiting' ? null : (
            <MoveContact contactId={why.contactId} fromQueueId={why.queueId} />
          )}
        </>
      )}
    </section>
  );
}
