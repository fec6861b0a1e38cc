// The context of the contact the desktop shows (the queue's script, the customer's previous
// contacts, the note), read once per contact.
import { ContactContext } from '@relais/protocol';
import { useEffect, useState } from 'react';
import type { ApiClient } from '../api/api-client.ts';

export interface ContextRead {
  contactId: string;
  context?: ContactContext;
  error?: unknown;
}

export function useContactContext(
  api: ApiClient,
  contactId: string | undefined,
): ContextRead | undefined {
  const [read, setRead] = useState<ContextRead>();
  useEffect(() => {
    if (contactId === undefined) return;
    let cancelled = false;
    api
      .get(`/api/v1/contacts/${encodeURIComponent(contactId)}/context`, ContactContext)
      .then((context) => !cancelled && setRead({ contactId, context }))
      .catch((error: unknown) => !cancelled && setRead({ contactId, error }));
    return () => {
      cancelled = true;
    };
  }, [api, contactId]);
  // A read of an earlier contact is not this one's.
  return read?.contactId === contactId ? read : undefined;
}
