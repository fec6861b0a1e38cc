// Acting on one agent from the grid: change its state (available, a coded pause, log out) or its
// skills. Logging out and changing skills ask for confirmation; the server's refusal is shown.
import type { WallboardAgent } from '@relais/protocol';
import { useState, type ReactNode } from 'react';
import { z } from 'zod';
import { ApiFailure } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { StateBadge, useWallboard } from './wallboard-parts.tsx';

const Anything = z.unknown();

type Outcome = { ok: true } | { ok: false; message: string } | undefined;

export function AgentPanel(props: { agent: WallboardAgent; onClose: () => void }): ReactNode {
  const { t } = useI18n();
  const { api, pauseCodes, skillIds } = useWallboard();
  const a = props.agent;
  const [next, setNext] = useState('available');
  const [skills, setSkills] = useState<Record<string, string>>(() =>
    Object.fromEntries(Object.entries(a.skills).map(([k, v]) => [k, String(v)])),
  );
  const [adding, setAdding] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const path = `/api/v1/agents/${encodeURIComponent(a.id)}`;

  const run = async (work: () => Promise<unknown>): Promise<void> => {
    setBusy(true);
    setOutcome(undefined);
    try {
      await work();
      setOutcome({ ok: true });
    } catch (error) {
      setOutcome({
        ok: false,
        message: error instanceof ApiFailure ? `${error.message}` : String(error),
      });
    } finally {
      setBusy(false);
    }
  };
  const applyState = (): void => {
    if (next === 'logout') {
      if (!window.confirm(t('wallboard.agent.confirmLogout', { agent: a.name }))) return;
      void run(() => api.send('POST', `${path}/logout`, {}, Anything));
      return;
    }
    const body =
      next === 'available'
        ? { state: 'available' }
        : { state: 'paused', reason: next.slice('pause:'.length) };
    // A logged-out agent is logged in first, then set as asked.
    void run(async () => {
      if (a.state === 'loggedOut') await api.send('POST', `${path}/login`, {}, Anything);
      await api.send('PUT', `${path}/state`, body, Anything);
    });
  };
  const saveSkills = (): void => {
    const parsed: Record<string, number> = {};
    for (const [skill, value] of Object.entries(skills))
      if (value.trim() !== '') parsed[skill] = Number(value);
    if (!window.confirm(t('wallboard.agent.confirmSkills', { agent: a.name }))) return;
    void run(() => api.send('PUT', `${path}/skills`, { skills: parsed }, Anything));
  };

  return (
    <section className="wb-panel card" aria-labelledby="wb-panel-title">
      <h3 id="wb-panel-title">
        {t('wallboard.agent.title', { agent: a.name })} <StateBadge state={a.state} />
      </h3>
      <div className="wb-panel-row">
        <label>
          {t('wallboard.agent.newState')}
          <select value={next} onChange={(e) => setNext(e.target.value)}>
            <option value="available">{t('wallboard.agent.makeAvailable')}</option>
            {pauseCodes.map((code) => (
              <option key={code.id} value={`pause:${code.id}`}>
                {t('wallboard.agent.pauseWith', { label: code.label })}
              </option>
            ))}
            <option value="logout">{t('wallboard.agent.logout')}</option>
          </select>
        </label>
        <button type="button" className="primary" disabled={busy} onClick={applyState}>
          {t('wallboard.agent.apply')}
        </button>
      </div>
      <fieldset className="wb-skills">
        <legend>{t('wallboard.agent.skills')}</legend>
        {Object.keys(skills)
          .sort()
          .map((skill) => (
            <label key={skill}>
              {skill}
              <input
                type="number"
                min={1}
                max={10}
                value={skills[skill]}
                onChange={(e) => setSkills({ ...skills, [skill]: e.target.value })}
              />
            </label>
          ))}
        <label>
          {t('wallboard.agent.addSkill')}
          <select
            value={adding}
            onChange={(e) => {
              setAdding('');
              if (e.target.value !== '') setSkills({ ...skills, [e.target.value]: '5' });
            }}
          >
            <option value="">—</option>
            {skillIds
              .filter((id) => !(id in skills))
              .map((id) => (
                <option key={id} value={id}>
                  {id}
                </option>
              ))}
          </select>
        </label>
        <button type="button" disabled={busy} onClick={saveSkills}>
          {t('wallboard.agent.saveSkills')}
        </button>
      </fieldset>
      {outcome === undefined ? null : outcome.ok ? (
        <p role="status">{t('wallboard.done')}</p>
      ) : (
        <p className="error" role="alert">
          {t('wallboard.failed', { message: outcome.message })}
        </p>
      )}
      <button type="button" onClick={props.onClose}>
        {t('wallboard.agent.close')}
      </button>
    </section>
  );
}
