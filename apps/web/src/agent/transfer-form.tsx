import { TransferTargets } from '@relais/protocol';
import { useEffect, useId, useState, type ReactNode } from 'react';
import type { ApiClient } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** Where the conversation goes. */
export type TransferTo = { queueId: string } | { agentId: string };

/** The conversation to another queue of its client, or to a logged-in agent of the site. */
export function TransferForm(props: {
  api: ApiClient;
  contactId: string;
  busy: boolean;
  onTransfer: (to: TransferTo) => void;
}): ReactNode {
  const { t } = useI18n();
  const id = useId();
  const [targets, setTargets] = useState<TransferTargets>();
  const [chosen, setChosen] = useState('');
  const { api, contactId } = props;
  useEffect(() => {
    let cancelled = false;
    api
      .get(`/api/v1/contacts/${encodeURIComponent(contactId)}/transfer-targets`, TransferTargets)
      .then((found) => !cancelled && setTargets(found))
      .catch(() => !cancelled && setTargets({ queues: [], agents: [] }));
    return () => {
      cancelled = true;
    };
  }, [api, contactId]);
  return (
    <form
      className="transfer"
      onSubmit={(event) => {
        event.preventDefault();
        const [kind, target] = [
          chosen.slice(0, chosen.indexOf(':')),
          chosen.slice(chosen.indexOf(':') + 1),
        ];
        if (kind === 'queue') props.onTransfer({ queueId: target });
        else if (kind === 'agent') props.onTransfer({ agentId: target });
      }}
    >
      <label htmlFor={id}>{t('agent.transfer.target')}</label>
      <div className="row">
        <select
          id={id}
          value={chosen}
          aria-busy={targets === undefined ? 'true' : undefined}
          onChange={(event) => setChosen(event.target.value)}
        >
          <option value="">{t('agent.transfer.choose')}</option>
          {targets === undefined || targets.queues.length === 0 ? null : (
            <optgroup label={t('agent.transfer.queues')}>
              {targets.queues.map((q) => (
                <option key={q.id} value={`queue:${q.id}`}>
                  {q.id}
                </option>
              ))}
            </optgroup>
          )}
          {targets === undefined || targets.agents.length === 0 ? null : (
            <optgroup label={t('agent.transfer.agents')}>
              {targets.agents.map((a) => (
                <option key={a.id} value={`agent:${a.id}`}>
                  {t('agent.transfer.agentOption', {
                    name: a.name ?? a.id,
                    state: t(`agent.state.${a.state}` as 'agent.state.available'),
                  })}
                </option>
              ))}
            </optgroup>
          )}
        </select>
        <button type="submit" disabled={props.busy || chosen === ''}>
          {t('agent.transfer.submit')}
        </button>
      </div>
    </form>
  );
}
