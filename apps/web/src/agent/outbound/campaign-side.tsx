import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n.tsx';
import { CallPhase } from './call-phase.tsx';
import { LeadSummary } from './lead-summary.tsx';
import { CampaignScript } from './lead-record.tsx';
import type { OutboundDesk } from './use-outbound-context.ts';
import './outbound.css';

const errorText = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

/** Whether the desktop shows this contact as a campaign's (its attributes say so, the server agrees). */
export const showsCampaign = (desk: OutboundDesk | undefined): desk is OutboundDesk =>
  desk?.isCampaign === true && desk.read?.notCampaign !== true;

/** An uncoded campaign call in wrap-up ends it by being coded: the server ends the wrap-up then. */
export const codingEndsWrapUp = (desk: OutboundDesk | undefined, inWrapUp: boolean): boolean => {
  const call = showsCampaign(desk) ? desk.read?.context : undefined;
  return inWrapUp && call !== undefined && call.dispositionId === undefined;
};

/** The campaign, the lead and the call's phase; the script in conversation. */
export function CampaignSide(props: {
  desk: OutboundDesk;
  withScript: boolean;
  /** The server's clock minus this browser's (a training server's clock may be elsewhere). */
  serverOffsetMs: number;
}): ReactNode {
  const { t } = useI18n();
  const { read } = props.desk;
  const context = read?.context;
  const failure =
    read?.error === undefined ? undefined : (
      <p className="error">
        {t('outbound.failed', {
          message: errorText(read.error),
        })}{' '}
        <button type="button" onClick={props.desk.reload}>
          {t('outbound.retry')}
        </button>
      </p>
    );
  if (context === undefined)
    return (
      failure ?? (
        <p className="muted" aria-busy="true">
          {t('outbound.loading')}
        </p>
      )
    );
  return (
    <>
      {failure}
      {context.simulatedCalls && (
        <p role="note" className="simulated-calls">
          {t('outbound.simulated')}
        </p>
      )}
      <CallPhase phase={context.phase} preview={context.preview} />
      <LeadSummary context={context} serverOffsetMs={props.serverOffsetMs} />
      {props.withScript ? <CampaignScript script={context.script} /> : null}
    </>
  );
}
