// Labelled form controls of the planning page, with their error next to them.
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages-en.ts';
import type { FieldError, FieldErrors } from './planning-form.ts';

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

/** The staffing model's settings both the forecast and the calculator take. */
export interface StaffingValues {
  model: string;
  serviceLevelTarget: string;
  thresholdSeconds: string;
  patienceSeconds: string;
  shrinkage: string;
}

/**
 * Erlang C or A, the service-level target and threshold, the patience (Erlang A only) and the
 * shrinkage: the same fields, validated alike, on every planning form.
 */
export function StaffingFields(props: {
  idPrefix: string;
  values: StaffingValues;
  errors: FieldErrors;
  set: (field: keyof StaffingValues) => (value: string) => void;
}): ReactNode {
  const { t } = useI18n();
  const { idPrefix, values, errors, set } = props;
  return (
    <>
      <SelectField
        id={`${idPrefix}-model`}
        label="planning.field.model"
        value={values.model}
        onChange={set('model')}
        options={[
          { value: 'erlang-c', label: t('planning.model.erlang-c') },
          { value: 'erlang-a', label: t('planning.model.erlang-a') },
        ]}
        error={errors.model}
      />
      <TextField
        id={`${idPrefix}-sl`}
        label="planning.field.serviceLevelTarget"
        value={values.serviceLevelTarget}
        onChange={set('serviceLevelTarget')}
        error={errors.serviceLevelTarget}
        inputMode="decimal"
      />
      <TextField
        id={`${idPrefix}-threshold`}
        label="planning.field.thresholdSeconds"
        value={values.thresholdSeconds}
        onChange={set('thresholdSeconds')}
        error={errors.thresholdSeconds}
        inputMode="decimal"
      />
      {values.model === 'erlang-a' ? (
        <TextField
          id={`${idPrefix}-patience`}
          label="planning.field.patienceSeconds"
          value={values.patienceSeconds}
          onChange={set('patienceSeconds')}
          error={errors.patienceSeconds}
          inputMode="decimal"
        />
      ) : null}
      <TextField
        id={`${idPrefix}-shrinkage`}
        label="planning.field.shrinkage"
        value={values.shrinkage}
        onChange={set('shrinkage')}
        error={errors.shrinkage}
        inputMode="decimal"
      />
    </>
  );
}
