// The campaign side of the contact the desktop shows: read when the contact's attributes name a
// campaign, again when the contact changes phase on the desktop, and every few seconds while the
// dialer's call is ringing or waiting for the agent (the stream carries no dialer events).
import type { OutboundContext } from '@relais/protocol';
import { useCallback, useEffect, useState } from 'react';
import type { ApiClient } from '../../api/api-client.ts';
import { readOutboundContext } from '../../api/outbound-desk.ts';
import type { HeldContact } from '../desktop-model.ts';

export interface OutboundRead {
  contactId: string;
  /** Undefined until read, or when the server says it is not a campaign's contact. */
  context?: OutboundContext;
  /** The server answered 404: an ordinary contact after all. */
  notCampaign?: true;
  /** The last read failed (the last context read stays). */
  error?: unknown;
}

export interface OutboundDesk {
  /** Undefined for a contact no campaign sent, and while the first read is on its way. */
  read: OutboundRead | undefined;
  /** The contact's attributes name a campaign. */
  isCampaign: boolean;
  /** Puts the context a write answered with in place of the one read. */
  replace: (context: OutboundContext) => void;
  reload: () => void;
}

/** The dialer's call is moving without the desktop hearing of it. */
const moving = (context: OutboundContext | undefined): boolean =>
  context?.phase === 'ringing' || context?.phase === 'waiting';

export const isCampaignContact = (contact: HeldContact | undefined): boolean =>
  contact?.attributes?.campaignId !== undefined;

export function useOutboundContext(
  api: ApiClient,
  contact: HeldContact | undefined,
  pollMs = 2000,
): OutboundDesk {
  const [read, setRead] = useState<OutboundRead>();
  const [round, setRound] = useState(0);
  const isCampaign = isCampaignContact(contact);
  const contactId = isCampaign ? contact?.contactId : undefined;
  const phase = contact?.phase;

  useEffect(() => {
    if (contactId === undefined) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    readOutboundContext(api, contactId)
      .then((context) => {
        if (stopped) return;
        setRead(context === undefined ? { contactId, notCampaign: true } : { contactId, context });
        if (moving(context) && phase !== 'wrapUp')
          timer = setTimeout(() => setRound((r) => r + 1), pollMs);
      })
      .catch((error: unknown) => {
        if (stopped) return;
        setRead((last) => ({
          contactId,
          ...(last?.contactId === contactId && last.context !== undefined
            ? { context: last.context }
            : {}),
          error,
        }));
      });
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [api, contactId, phase, round, pollMs]);

  const replace = useCallback(
    (context: OutboundContext) => setRead({ contactId: context.contactId, context }),
    [],
  );
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return {
    read: read !== undefined && read.contactId === contactId ? read : undefined,
    isCampaign,
    replace,
    reload,
  };
}
