// The outbound desk's two routes (protocol outbound-desk.ts): what the agent's campaign contact
// is (its lead, script, dispositions, call phase), and coding the call.
import { OutboundContext, type OutboundDispositionBody } from '@relais/protocol';
import { ApiFailure, type ApiClient } from './api-client.ts';

const base = (contactId: string): string =>
  `/api/v1/contacts/${encodeURIComponent(contactId)}/outbound`;

/** The campaign contact's context; undefined when the contact is not a campaign's (404). */
export function readOutboundContext(
  api: ApiClient,
  contactId: string,
): Promise<OutboundContext | undefined> {
  return api.get(base(contactId), OutboundContext).catch((error: unknown) => {
    if (error instanceof ApiFailure && error.status === 404) return undefined;
    throw error;
  });
}

/**
 * Codes the call with one of the campaign's dispositions. In wrap-up the server then ends the
 * wrap-up itself; the desktop sees it as the contact's `contactCompleted` event.
 */
export function codeOutboundCall(
  api: ApiClient,
  contactId: string,
  body: OutboundDispositionBody,
): Promise<OutboundContext> {
  return api.send('POST', `${base(contactId)}/disposition`, body, OutboundContext);
}
