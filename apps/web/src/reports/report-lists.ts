// The entities a user may pick in a report's filters: the server lists only what the caller may
// see (queues of its client for a client viewer, its sites' agents for a supervisor).
import type { ReportDimension } from '@relais/protocol';
import { useEffect, useState } from 'react';
import { z } from 'zod';
import type { ApiClient } from '../api/api-client.ts';

const QueueItem = z.looseObject({
  id: z.string(),
  clientId: z.string(),
  channel: z.string().optional(),
  serviceLevel: z
    .looseObject({
      target: z.number(),
      thresholdSeconds: z.number(),
      formula: z.string().optional(),
    })
    .optional(),
});
const ClientItem = z.looseObject({ id: z.string(), name: z.string() });
const SiteItem = z.looseObject({ id: z.string(), city: z.string(), timeZone: z.string() });
const AgentItem = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  siteId: z.string(),
});
const list = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });

export type QueueItem = z.infer<typeof QueueItem>;
export type SiteItem = z.infer<typeof SiteItem>;

export interface ReportLists {
  queues: QueueItem[];
  clients: z.infer<typeof ClientItem>[];
  sites: SiteItem[];
  agents: z.infer<typeof AgentItem>[];
}

export const EMPTY_LISTS: ReportLists = { queues: [], clients: [], sites: [], agents: [] };

/** A label for each entity of a dimension: its name where it has one, else its id. */
export function labelsOf(lists: ReportLists, dimension: ReportDimension): Map<string, string> {
  switch (dimension) {
    case 'queue':
      return new Map(lists.queues.map((q) => [q.id, q.id]));
    case 'client':
      return new Map(lists.clients.map((c) => [c.id, c.name]));
    case 'site':
      return new Map(lists.sites.map((s) => [s.id, `${s.id} (${s.city})`]));
    case 'agent':
      return new Map(
        lists.agents.map((a) => [a.id, a.name === undefined ? a.id : `${a.name} (${a.id})`]),
      );
  }
}

const LIMIT = '?limit=1000';

/** Loads the lists of the dimensions given (the first 1,000 of each), once. */
export function useReportLists(
  api: ApiClient,
  dimensions: readonly ReportDimension[],
): { lists: ReportLists; failure: string | undefined } {
  const [lists, setLists] = useState<ReportLists>(EMPTY_LISTS);
  const [failure, setFailure] = useState<string>();
  const key = dimensions.join(',');
  useEffect(() => {
    let stopped = false;
    const wanted = new Set(key.split(','));
    const none = Promise.resolve({ items: [] });
    Promise.all([
      wanted.has('queue') || wanted.has('client')
        ? api.get(`/api/v1/queues${LIMIT}`, list(QueueItem))
        : none,
      wanted.has('client') ? api.get(`/api/v1/clients${LIMIT}`, list(ClientItem)) : none,
      // Sites give the time zones to choose from; client viewers see none (the server's default).
      wanted.has('site') || wanted.has('agent')
        ? api.get(`/api/v1/sites${LIMIT}`, list(SiteItem))
        : none,
      wanted.has('agent') ? api.get(`/api/v1/agents${LIMIT}`, list(AgentItem)) : none,
    ])
      .then(([queues, clients, sites, agents]) => {
        if (stopped) return;
        setLists({
          queues: queues.items,
          clients: clients.items,
          sites: sites.items,
          agents: agents.items,
        });
      })
      .catch((error: unknown) => {
        if (!stopped) setFailure(error instanceof Error ? error.message : String(error));
      });
    return () => {
      stopped = true;
    };
  }, [api, key]);
  return { lists, failure };
}
