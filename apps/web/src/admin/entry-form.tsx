// The fields of an administration form, drawn from their description: each one labelled, with
// its hint and, when there is one, the problem found with it (by the schema or by the server)
// right below it and tied to it with aria-describedby.
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages-en.ts';
import type { FieldErrors, FieldSpec, FormValues } from './form-model.ts';

const domId = (path: string): string => `field-${path.replace(/[^A-Za-z0-9]/g, '-')}`;

export function FormFields(props: {
  fields: readonly FieldSpec[];
  values: FormValues;
  errors: FieldErrors;
  onChange: (values: FormValues) => void;
  /** Ids offered for reference fields, by the path of the list they come from. */
  choices?: Record<string, readonly string[]>;
  /** Editing an existing entry: its id is fixed. */
  editing?: boolean;
  prefix?: string;
}): ReactNode {
  const { t } = useI18n();
  const { values, errors, onChange } = props;
  const prefix = props.prefix ?? '';
  const set = (key: string, value: string | boolean): void => onChange({ ...values, [key]: value });

  return props.fields.map((field) => {
    const key = `${prefix}${field.path}`;
    const id = domId(key);
    const error = errors[key];
    const hint = field.hint === undefined ? undefined : t(field.hint);
    const described =
      [hint === undefined ? '' : `${id}-hint`, error === undefined ? '' : `${id}-error`]
        .filter((part) => part !== '')
        .join(' ') || undefined;
    const { kind } = field;
    const notes = (
      <>
        {hint === undefined ? null : (
          <span id={`${id}-hint`} className="admin-hint">
            {hint}
          </span>
        )}
        {error === undefined ? null : (
          <span id={`${id}-error`} className="admin-field-error">
            {error}
          </span>
        )}
      </>
    );

    if (kind.type === 'repeat') {
      const count = Number(values[`${key}.#`] ?? 0);
      const words = kind.words ?? {
        item: 'admin.form.item',
        add: 'admin.form.addItem',
        remove: 'admin.form.removeItem',
      };
      return (
        <fieldset key={key} className="admin-repeat" aria-describedby={described}>
          <legend>{t(field.label)}</legend>
          {notes}
          {Array.from({ length: count }, (_, i) => (
            <fieldset key={i} className="admin-repeat-item">
              <legend>{t(words.item, { n: i + 1 })}</legend>
              <FormFields
                fields={kind.fields}
                values={values}
                errors={errors}
                onChange={onChange}
                {...(props.choices === undefined ? {} : { choices: props.choices })}
                prefix={`${key}.${i}.`}
              />
              {i === count - 1 && (
                <button
                  type="button"
                  onClick={() => {
                    const next = { ...values, [`${key}.#`]: String(count - 1) };
                    for (const name of Object.keys(next))
                      if (name.startsWith(`${key}.${i}.`)) delete next[name];
                    onChange(next);
                  }}
                >
                  {t(words.remove, { n: i + 1 })}
                </button>
              )}
            </fieldset>
          ))}
          {count < kind.max && (
            <button type="button" onClick={() => set(`${key}.#`, String(count + 1))}>
              {t(words.add)}
            </button>
          )}
        </fieldset>
      );
    }

    const label = (
      <>
        {t(field.label)}
        {field.required === true && <span aria-hidden="true"> *</span>}
      </>
    );
    const common = {
      id,
      'aria-invalid': error === undefined ? undefined : true,
      'aria-describedby': described,
    } as const;

    if (kind.type === 'boolean') {
      return (
        <div key={key} className="admin-field admin-check">
          <input
            {...common}
            type="checkbox"
            checked={values[key] === true}
            onChange={(event) => set(key, event.target.checked)}
          />
          <label htmlFor={id}>{label}</label>
          {notes}
        </div>
      );
    }
    const text = typeof values[key] === 'string' ? values[key] : '';
    let control: ReactNode;
    if (kind.type === 'select') {
      control = (
        <select {...common} value={text} onChange={(event) => set(key, event.target.value)}>
          <option value="">{t('admin.form.none')}</option>
          {kind.options.map((option) => (
            <option key={option} value={option}>
              {kind.labels === undefined ? option : t(`${kind.labels}.${option}` as MessageKey)}
            </option>
          ))}
        </select>
      );
    } else if (kind.type === 'longText') {
      control = (
        <textarea
          {...common}
          rows={6}
          value={text}
          onChange={(event) => set(key, event.target.value)}
        />
      );
    } else {
      const list = kind.type === 'ref' ? props.choices?.[kind.path] : undefined;
      control = (
        <>
          <input
            {...common}
            type={kind.type === 'password' ? 'password' : 'text'}
            inputMode={kind.type === 'number' ? 'decimal' : undefined}
            autoComplete={kind.type === 'password' ? 'new-password' : 'off'}
            required={field.required}
            readOnly={field.isId === true && props.editing === true}
            list={list === undefined ? undefined : `${id}-choices`}
            value={text}
            onChange={(event) => set(key, event.target.value)}
          />
          {list === undefined ? null : (
            <datalist id={`${id}-choices`}>
              {list.map((choice) => (
                <option key={choice} value={choice} />
              ))}
            </datalist>
          )}
        </>
      );
    }
    return (
      <div key={key} className="admin-field">
        <label htmlFor={id}>{label}</label>
        {control}
        {notes}
      </div>
    );
  });
}

/** Problems no field owns, at the top of the form. */
export function FormProblems(props: { errors: FieldErrors }): ReactNode {
  const { t } = useI18n();
  const count = Object.keys(props.errors).length;
  if (count === 0) return null;
  const general = props.errors[''];
  return (
    <div role="alert" className="admin-form-problems">
      <p>{t('admin.form.problems', { count })}</p>
      {general === undefined ? null : <p>{general}</p>}
    </div>
  );
}
