// The context of the contact the desktop shows (the queue's script, the customer's previous
// contacts, the note), read once per contact and queue (a transfer brings another script).
import { ContactContext } from '@relais/protocol';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../api/api-client.ts';

export interface ContextRead {
  contactId: string;
  queueId: string;
  context?: ContactContext;
  error?: unknown;
}

export function useContactContext(
  api: ApiClient,
  contact: { contactId: string; queueId: string } | undefined,
): ContextRead | undefined {
  const [read, setRead] = useState<ContextRead>();
  const contactId = contact?.contactId;
  const queueId = contact?.queueId ?? '';
  useEffect(() => {
    if (contactId === undefined) return;
    let cancelled = false;
    api
      .get(`/api/v1/contacts/${encodeURIComponent(contactId)}/context`, ContactContext)
      .then((context) => !cancelled && setRead({ contactId, queueId, context }))
      .catch((error: unknown) => !cancelled && setRead({ contactId, queueId, error }));
    return () => {
      cancelled = true;
    };
  }, [api, contactId, queueId]);
  // A read of an earlier contact is not this one's; the same contact's, after a transfer, still
  // serves until the new one comes.
  return read?.contactId === contactId ? read : undefined;
}
