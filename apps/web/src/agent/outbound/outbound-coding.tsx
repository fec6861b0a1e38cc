import type { OutboundContext, OutboundDispositionBody } from '@relais/protocol';
import { useId, useState, type ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { shortcutText } from '../shortcuts.ts';
import {
  checkCoding,
  codingProblems,
  groupByFlag,
  type CodingField,
  type CodingForm,
  type CodingProblems,
} from './coding-model.ts';
import { instantOfWallTime, usableZone, wallTimeIn } from './zone-time.ts';

/** Alt+W on an uncoded call in wrap-up: submits the coding form, checks and all, as its button. */
export function submitCodingForm(formId: string): void {
  const form = document.getElementById(formId);
  if (form instanceof HTMLFormElement) form.requestSubmit();
}

/**
 * Codes the call with one of the campaign's dispositions (grouped by meaning). A callback asks
 * when, in the callee's time, and whose it is. The server's refusals show under their field.
 */
export function OutboundCoding(props: {
  formId?: string | undefined;
  context: OutboundContext;
  inWrapUp: boolean;
  busy: boolean;
  /** The server's clock minus this browser's: "in the future" is the server's (it checks). */
  serverOffsetMs: number;
  /** Sends the coding; rejects with the server's refusal. */
  onCode: (body: OutboundDispositionBody) => Promise<void>;
}): ReactNode {
  const { t, format } = useI18n();
  const ids = { disposition: useId(), at: useId(), own: useId(), problem: useId() };
  const { context } = props;
  // A zone this browser does not know cannot read a time: the form falls back to its own, named.
  const zone = usableZone(context.lead.timeZone);
  const [form, setForm] = useState<CodingForm>(() => ({
    dispositionId: context.dispositionId ?? '',
    // An hour from now, on the minute: a usual "call me back later".
    callbackAt: wallTimeIn(
      Math.ceil((Date.now() + props.serverOffsetMs) / 60_000) * 60_000 + 3_600_000,
      zone,
    ),
    ownCallback: false,
  }));
  const [problems, setProblems] = useState<CodingProblems>({});
  const [sending, setSending] = useState(false);
  const chosen = context.dispositions.find((d) => d.id === form.dispositionId);
  const coded = context.dispositions.find((d) => d.id === context.dispositionId);
  const callbackAtMs = instantOfWallTime(form.callbackAt, zone);
  const endsWrapUp = props.inWrapUp && coded === undefined;
  // The dialer codes a call once answered (connected or in wrap-up); before, the server says 409.
  const notYet = ['offered', 'ringing', 'waiting'].includes(context.phase);

  const submit = (): void => {
    if (sending || props.busy || notYet) return;
    const check = checkCoding(form, context.dispositions, zone, Date.now() + props.serverOffsetMs);
    if (!check.ok) return setProblems(check.problems);
    setProblems({});
    setSending(true);
    props
      .onCode(check.body)
      .catch((error: unknown) => setProblems(codingProblems(error)))
      .finally(() => setSending(false));
  };

  const problemText = (field: CodingField | 'form'): string | undefined => {
    const problem = problems[field];
    if (problem === undefined) return undefined;
    return 'key' in problem ? t(problem.key) : problem.text;
  };
  const problemOf = (field: CodingField): { id: string; text: string } | undefined => {
    const text = problemText(field);
    return text === undefined ? undefined : { id: `${ids.problem}-${field}`, text };
  };
  const described = (problem: { id: string } | undefined) =>
    problem === undefined ? {} : { 'aria-invalid': true, 'aria-describedby': problem.id };
  const under = (problem: { id: string; text: string } | undefined): ReactNode =>
    problem === undefined ? null : (
      <p className="error" id={problem.id}>
        {problem.text}
      </p>
    );
  const dispositionProblem = problemOf('dispositionId');
  const atProblem = problemOf('callbackAt');
  const ownProblem = problemOf('ownCallback');
  const formProblem = problemText('form');

  return (
    <form
      id={props.formId}
      className="disposition outbound-coding"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <label htmlFor={ids.disposition}>{t('outbound.coding.disposition')}</label>
      <select
        id={ids.disposition}
        value={form.dispositionId}
        onChange={(event) => setForm({ ...form, dispositionId: event.target.value })}
        {...described(dispositionProblem)}
      >
        <option value="">{t('outbound.coding.choose')}</option>
        {groupByFlag(context.dispositions).map((group) => (
          <optgroup key={group.flag} label={t(`campaigns.flag.${group.flag}`)}>
            {group.dispositions.map((d) => (
              <option key={d.id} value={d.id}>
                {d.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      {under(dispositionProblem)}
      {chosen?.flag !== 'callback' ? null : (
        <div className="callback-fields">
          <label htmlFor={ids.at}>{t('outbound.coding.callbackAt', { zone })}</label>
          <input
            id={ids.at}
            type="datetime-local"
            value={form.callbackAt}
            onChange={(event) => setForm({ ...form, callbackAt: event.target.value })}
            {...described(atProblem)}
          />
          {callbackAtMs === undefined ? null : (
            <p className="muted">
              {t('outbound.coding.callbackYours', { time: format.dateTime(callbackAtMs) })}
            </p>
          )}
          {under(atProblem)}
          <div className="check">
            <input
              id={ids.own}
              type="checkbox"
              checked={form.ownCallback}
              onChange={(event) => setForm({ ...form, ownCallback: event.target.checked })}
              {...described(ownProblem)}
            />
            <label htmlFor={ids.own}>{t('outbound.coding.own')}</label>
          </div>
          <p className="muted">{t('outbound.coding.ownHint')}</p>
          {under(ownProblem)}
        </div>
      )}
      <div className="row">
        <button
          type="submit"
          className={endsWrapUp ? 'primary' : undefined}
          disabled={props.busy || sending || notYet}
          aria-keyshortcuts={endsWrapUp ? shortcutText('KeyW') : undefined}
        >
          {sending
            ? t('outbound.coding.saving')
            : endsWrapUp
              ? t('outbound.coding.saveAndEnd')
              : t('outbound.coding.save')}
          {endsWrapUp ? (
            <>
              {' '}
              <kbd>{shortcutText('KeyW')}</kbd>
            </>
          ) : null}
        </button>
      </div>
      {notYet ? <p className="muted">{t('outbound.coding.notYet')}</p> : null}
      {formProblem === undefined ? null : (
        <p className="error" role="alert">
          {t('outbound.coding.failed', { message: formProblem })}
        </p>
      )}
      <p className="saved" role="status">
        {coded === undefined ? '' : t('outbound.coding.saved', { label: coded.label })}
      </p>
    </form>
  );
}
