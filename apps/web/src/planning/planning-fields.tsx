// Labelled form controls of the planning page, with their error next to them.
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages-en.ts';
import type { FieldError } from './planning-form.ts';

export function FieldMessage(props: { id: string; error: FieldError | undefined }): ReactNode {
  const { t } = useI18n();
  if (props.error === undefined) return null;
  return (
    <span id={`${props.id}-error`} className="field-error" role="alert">
      {t(props.error.key)}
      {props.error.server === undefined ? null : (
        <>
          {' '}
          <span lang="en">({props.error.server})</span>
        </>
      )}
    </span>
  );
}

export function TextField(props: {
  id: string;
  label: MessageKey;
  value: string;
  onChange: (value: string) => void;
  error: FieldError | undefined;
  type?: 'text' | 'date';
  hint?: MessageKey;
  inputMode?: 'decimal' | 'numeric';
}): ReactNode {
  const { t } = useI18n();
  const described = [
    props.hint === undefined ? undefined : `${props.id}-hint`,
    props.error === undefined ? undefined : `${props.id}-error`,
  ]
    .filter((id) => id !== undefined)
    .join(' ');
  return (
    <div className="field">
      <label htmlFor={props.id}>{t(props.label)}</label>
      <input
        id={props.id}
        type={props.type ?? 'text'}
        {...(props.inputMode === undefined ? {} : { inputMode: props.inputMode })}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        aria-invalid={props.error === undefined ? undefined : true}
        {...(described === '' ? {} : { 'aria-describedby': described })}
      />
      {props.hint === undefined ? null : (
        <span id={`${props.id}-hint`} className="field-hint">
          {t(props.hint)}
        </span>
      )}
      <FieldMessage id={props.id} error={props.error} />
    </div>
  );
}

export function SelectField(props: {
  id: string;
  label: MessageKey;
  value: string;
  onChange: (value: string) => void;
  options: readonly { value: string; label: string }[];
  error: FieldError | undefined;
}): ReactNode {
  const { t } = useI18n();
  return (
    <div className="field">
      <label htmlFor={props.id}>{t(props.label)}</label>
      <select
        id={props.id}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        aria-invalid={props.error === undefined ? undefined : true}
        {...(props.error === undefined ? {} : { 'aria-describedby': `${props.id}-error` })}
      >
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldMessage id={props.id} error={props.error} />
    </div>
  );
}
