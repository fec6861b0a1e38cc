import type { Disposition } from '@relais/protocol';
import { useId, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

/** Chooses and saves the contact's disposition; shows the one the server has. */
export function DispositionPicker(props: {
  dispositions: readonly Disposition[];
  savedId: string | undefined;
  busy: boolean;
  onSave: (dispositionId: string) => void;
}): ReactNode {
  const { t } = useI18n();
  const id = useId();
  const [chosen, setChosen] = useState(props.savedId ?? '');
  const saved = props.dispositions.find((d) => d.id === props.savedId);
  return (
    <form
      className="disposition"
      onSubmit={(event) => {
        event.preventDefault();
        if (chosen !== '') props.onSave(chosen);
      }}
    >
      <label htmlFor={id}>{t('agent.disposition')}</label>
      <div className="row">
        <select id={id} value={chosen} onChange={(event) => setChosen(event.target.value)}>
          <option value="">{t('agent.disposition.choose')}</option>
          {props.dispositions.map((d) => (
            <option key={d.id} value={d.id}>
              {d.label}
            </option>
          ))}
        </select>
        <button type="submit" disabled={props.busy || chosen === ''}>
          {t('agent.disposition.set')}
        </button>
      </div>
      <p className="saved" role="status">
        {saved === undefined ? '' : t('agent.disposition.saved', { label: saved.label })}
      </p>
    </form>
  );
}
