import type { EngineEvent, QueueConfig } from '@relais/engine';
import type { RefDirectory } from './log-records.ts';

/** What a snapshot keeps of a Directory. */
export interface DirectoryState {
  agentSites: [agentId: string, siteId: string][];
  queues: QueueConfig[];
}

/** Agent → site and queue → client/home site, kept from configuration events (live and replayed). */
export class Directory implements RefDirectory {
  private readonly agentSite = new Map<string, string>();
  private readonly queueClient = new Map<string, string>();
  private readonly queueSite = new Map<string, string>();
  private readonly queues = new Map<string, QueueConfig>();

  observe(event: EngineEvent): void {
    if (event.type === 'agentConfigured') this.agentSite.set(event.agent.id, event.agent.siteId);
    else if (event.type === 'agentRemoved') this.agentSite.delete(event.agentId);
    else if (event.type === 'queueConfigured') this.setQueue(event.queue);
    else if (event.type === 'queueRemoved') {
      this.queues.delete(event.queueId);
      this.queueClient.delete(event.queueId);
      this.queueSite.delete(event.queueId);
    }
  }

  save(): DirectoryState {
    return { agentSites: [...this.agentSite], queues: [...this.queues.values()] };
  }

  /** The directory a snapshot saved; throws TypeError when the saved state is malformed. */
  static load(state: unknown): Directory {
    const { agentSites, queues } = (state ?? {}) as Partial<DirectoryState>;
    if (!Array.isArray(agentSites) || !Array.isArray(queues)) {
      throw new TypeError('snapshot directory: expected { agentSites: [], queues: [] }');
    }
    const directory = new Directory();
    for (const pair of agentSites) {
      if (!Array.isArray(pair) || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') {
        throw new TypeError('snapshot directory: agentSites holds something other than id pairs');
      }
      directory.agentSite.set(pair[0], pair[1]);
    }
    for (const queue of queues) directory.setQueue(queue);
    return directory;
  }

  private setQueue(queue: QueueConfig): void {
    this.queues.set(queue.id, queue);
    this.queueClient.set(queue.id, queue.clientId);
    if (queue.homeSiteId === undefined) this.queueSite.delete(queue.id);
    else this.queueSite.set(queue.id, queue.homeSiteId);
  }

  siteOfAgent(agentId: string): string | undefined {
    return this.agentSite.get(agentId);
  }
  clientOfQueue(queueId: string): string | undefined {
    return this.queueClient.get(queueId);
  }
  /** The queue's configuration, for scope checks on events that name a queue and no site. */
  queue(queueId: string): QueueConfig | undefined {
    return this.queues.get(queueId);
  }
  siteOfQueue(queueId: string): string | undefined {
    return this.queueSite.get(queueId);
  }
  /** The queues serving a client, in id order (transfer targets). */
  queuesOfClient(clientId: string): string[] {
    return [...this.queueClient]
      .filter(([, client]) => client === clientId)
      .map(([id]) => id)
      .sort();
  }
  /** The agents of a site, in id order. */
  agentsOfSite(siteId: string): string[] {
    return [...this.agentSite]
      .filter(([, site]) => site === siteId)
      .map(([id]) => id)
      .sort();
  }
}
