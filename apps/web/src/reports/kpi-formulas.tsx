// The formula behind each figure on the page, in the reader's language, with the symbolic form
// the server prints in its exports (KPI.md), and which entities use which service-level formula.
import type { ReportView, ServiceLevelFormulaId } from '@relais/protocol';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages-en.ts';

const OTHERS: [MessageKey, MessageKey, string][] = [
  ['reports.formula.asa', 'reports.formula.asa.text', 'Σ wait(ans) / ans'],
  [
    'reports.formula.abandonRate',
    'reports.formula.abandonRate.text',
    '(ab − short) / (offered − short)',
  ],
  ['reports.formula.abandonWait', 'reports.formula.abandonWait.text', 'Σ wait(ab) / ab'],
  ['reports.formula.aht', 'reports.formula.aht.text', '(talk + hold + wrap) / handled'],
];
const AGENT_TIME: [MessageKey, MessageKey, string][] = [
  [
    'reports.formula.occupancy',
    'reports.formula.occupancy.text',
    'handling / (handling + available)',
  ],
  [
    'reports.formula.utilisation',
    'reports.formula.utilisation.text',
    '(handling + available) / logged in',
  ],
];
const SYMBOLIC: Record<ServiceLevelFormulaId, string> = {
  answered: 'ans(T) / ans',
  offered: 'ans(T) / (ans + ab − short)',
  'abandon-neutral': 'ans(T) / (ans + ab − ab(T))',
  'abandon-positive': '(ans(T) + ab(T)) / (ans + ab)',
};

export function KpiFormulas(props: { report: ReportView; labels: Map<string, string> }): ReactNode {
  const { t } = useI18n();
  const { report, labels } = props;
  const byFormula = new Map<ServiceLevelFormulaId, string[]>();
  for (const [id, rule] of Object.entries(report.serviceLevel)) {
    const who = `${labels.get(id) ?? id} (T = ${rule.thresholdSeconds} s)`;
    byFormula.set(rule.formula, [...(byFormula.get(rule.formula) ?? []), who]);
  }
  if (byFormula.size === 0) byFormula.set(report.intervalFormula, []);
  const agentTime = report.dimension === 'agent' || report.dimension === 'site';
  return (
    <section className="card kpi-formulas" aria-labelledby="kpi-formulas-title">
      <h2 id="kpi-formulas-title">{t('reports.formulas')}</h2>
      <dl>
        {[...byFormula].map(([formula, ids]) => (
          <div key={formula}>
            <dt>{t('reports.formula.serviceLevel', { formula })}</dt>
            <dd>
              {t(`reports.formula.serviceLevel.${formula}`)} — <code>{SYMBOLIC[formula]}</code>
              {ids.length > 0 ? (
                <span className="muted">
                  {' '}
                  · {t('reports.formula.serviceLevel.used', { ids: ids.join(', ') })}
                </span>
              ) : null}
            </dd>
          </div>
        ))}
        {[...OTHERS, ...(agentTime ? AGENT_TIME : [])].map(([name, text, symbolic]) => (
          <div key={name}>
            <dt>{t(name)}</dt>
            <dd>
              {t(text)} — <code>{symbolic}</code>
            </dd>
          </div>
        ))}
      </dl>
      <p className="muted">
        {t('reports.formula.chartNote', {
          dimension: t(`reports.dimension.${report.dimension}`),
          formula: report.intervalFormula,
        })}
      </p>
      <p className="muted">{t('reports.formulas.source')}</p>
    </section>
  );
}
