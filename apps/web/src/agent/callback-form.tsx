import { useId, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

/** `YYYY-MM-DDTHH:mm` in this browser's time zone, as <input type="datetime-local"> takes it. */
export function localInputValue(atMs: number): string {
  const d = new Date(atMs);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** The number a contact's attributes give for the customer, if any. */
export function customerNumber(attributes: Readonly<Record<string, string>> | undefined): string {
  const found = ['callbackNumber', 'phone', 'telephone', 'ani'].find(
    (name) => attributes?.[name] !== undefined,
  );
  return found === undefined ? '' : (attributes?.[found] ?? '');
}

/** A callback to the customer at a chosen time, back to me or to the queue. */
export function CallbackForm(props: {
  attributes: Readonly<Record<string, string>> | undefined;
  busy: boolean;
  /** Resolves true once the server scheduled it. */
  onSchedule: (callback: { number: string; at: string; mine: boolean }) => Promise<boolean>;
}): ReactNode {
  const { t, format } = useI18n();
  const ids = { number: useId(), at: useId(), mine: useId() };
  const [number, setNumber] = useState(() => customerNumber(props.attributes));
  // An hour from now, on the minute: a usual "call me back later".
  const [at, setAt] = useState(() =>
    localInputValue(Math.ceil(Date.now() / 60_000) * 60_000 + 3_600_000),
  );
  const [mine, setMine] = useState(true);
  const [done, setDone] = useState<string>();
  const [problem, setProblem] = useState<string>();
  return (
    <form
      className="callback"
      onSubmit={(event) => {
        event.preventDefault();
        setDone(undefined);
        const atMs = new Date(at).getTime();
        if (!(atMs > Date.now())) {
          setProblem(t('agent.callback.pickTime'));
          return;
        }
        setProblem(undefined);
        void props
          .onSchedule({ number: number.trim(), at: new Date(atMs).toISOString(), mine })
          .then((ok) => ok && setDone(t('agent.callback.done', { time: format.dateTime(atMs) })));
      }}
    >
      <div className="fields">
        <div>
          <label htmlFor={ids.number}>{t('agent.callback.number')}</label>
          <input
            id={ids.number}
            type="tel"
            required
            pattern="\+?[0-9]{3,20}"
            value={number}
            onChange={(event) => setNumber(event.target.value)}
          />
        </div>
        <div>
          <label htmlFor={ids.at}>{t('agent.callback.at')}</label>
          <input
            id={ids.at}
            type="datetime-local"
            required
            value={at}
            onChange={(event) => setAt(event.target.value)}
          />
        </div>
        <div className="check">
          <input
            id={ids.mine}
            type="checkbox"
            checked={mine}
            onChange={(event) => setMine(event.target.checked)}
          />
          <label htmlFor={ids.mine}>{t('agent.callback.mine')}</label>
        </div>
      </div>
      <button type="submit" disabled={props.busy}>
        {t('agent.callback.submit')}
      </button>
      <p className={problem === undefined ? 'saved' : 'error'} role="status">
        {problem ?? done ?? ''}
      </p>
    </form>
  );
}
