import { ContactNoteView } from '@relais/protocol';
import { useId, useState, type ReactNode } from 'react';
import { ApiFailure, type ApiClient } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** The contact's note: written here, saved with the contact on the server. */
export function NotesEditor(props: {
  api: ApiClient;
  contactId: string;
  note: ContactNoteView | undefined;
}): ReactNode {
  const { t, format } = useI18n();
  const id = useId();
  const [text, setText] = useState(props.note?.text ?? '');
  const [saved, setSaved] = useState(props.note);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string>();
  const changed = text !== (saved?.text ?? '');
  return (
    <form
      className="notes"
      onSubmit={(event) => {
        event.preventDefault();
        setSaving(true);
        setProblem(undefined);
        props.api
          .send(
            'PUT',
            `/api/v1/contacts/${encodeURIComponent(props.contactId)}/note`,
            { text },
            ContactNoteView,
          )
          .then(setSaved)
          .catch((error: unknown) =>
            setProblem(
              t('agent.actionFailed', {
                message: error instanceof ApiFailure ? error.message : String(error),
              }),
            ),
          )
          .finally(() => setSaving(false));
      }}
    >
      <label htmlFor={id}>{t('agent.notes.label')}</label>
      <textarea
        id={id}
        rows={4}
        maxLength={10_000}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <div className="row">
        <button type="submit" disabled={saving || !changed}>
          {t('agent.notes.save')}
        </button>
        <p className="note-status" role="status">
          {problem ??
            (changed
              ? t('agent.notes.unsaved')
              : saved === undefined
                ? ''
                : t('agent.notes.saved', {
                    time: format.time(Date.parse(saved.updatedAt)),
                    author: saved.author,
                  }))}
        </p>
      </div>
    </form>
  );
}
