import type { EngineEvent, QueueConfig } from '@relais/engine';
import type { RefDirectory } from './log-records.ts';

/** Agent → site and queue → client/home site, kept from configuration events (live and replayed). */
export class Directory implements RefDirectory {
  private readonly agentSite = new Map<string, string>();
  private readonly queueClient = new Map<string, string>();
  private readonly queueSite = new Map<string, string>();
  private readonly queues = new Map<string, QueueConfig>();

  observe(event: EngineEvent): void {
    if (event.type === 'agentConfigured') this.agentSite.set(event.agent.id, event.agent.siteId);
    else if (event.type === 'agentRemoved') this.agentSite.delete(event.agentId);
    else if (event.type === 'queueConfigured') {
      this.queues.set(event.queue.id, event.queue);
      this.queueClient.set(event.queue.id, event.queue.clientId);
      if (event.queue.homeSiteId === undefined) this.queueSite.delete(event.queue.id);
      else this.queueSite.set(event.queue.id, event.queue.homeSiteId);
    }
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
}
