// Who is who on the phone, across tenants: routing numbers (a queue's `phoneNumbers`) and the
// agents' SIP users (an agent's `sipUser` / `sipPassword`). SIP carries no tenant, so both are
// unique across the server; the config API checks that on every write (telephony-config.ts).
import type { PositionAnnouncement, QueueAnnouncement, VoiceMenu } from '@relais/protocol';
import type { Store } from '@relais/store';

export interface RoutedNumber {
  readonly tenantId: string;
  readonly queueId: string;
  /** The voice menu callers hear first; without one they join `queueId` at once. */
  readonly voiceMenu?: VoiceMenu;
}

export interface SipAccount {
  readonly tenantId: string;
  readonly agentId: string;
  readonly user: string;
  readonly password: string;
}

interface QueueRow {
  id: string;
  phoneNumbers?: string[];
  voiceMenu?: VoiceMenu;
  announcement?: QueueAnnouncement;
  announcePosition?: PositionAnnouncement;
}
interface AgentRow {
  id: string;
  sipUser?: string;
  sipPassword?: string;
}

const PAGE = 1000;

/** Every row of a kind of one tenant, page by page. */
export async function allRows<T>(
  store: Store,
  tenantId: string,
  kind: 'queue' | 'agent',
): Promise<T[]> {
  const rows: T[] = [];
  for (let after: string | undefined; ;) {
    const page = await store.listConfig<T>(tenantId, kind, {
      limit: PAGE,
      ...(after === undefined ? {} : { after }),
    });
    rows.push(...page.map((row) => row.data));
    if (page.length < PAGE) return rows;
    after = page.at(-1)?.id;
  }
}

export class PhoneBook {
  private numbers = new Map<string, RoutedNumber>();
  private accounts = new Map<string, SipAccount>();
  private agents = new Map<string, SipAccount>();
  private announcements = new Map<string, QueueAnnouncement>();
  private positions = new Map<string, PositionAnnouncement>();

  /** Reads every tenant's queues and agents again (at start and after each config change). */
  async load(store: Store): Promise<void> {
    const numbers = new Map<string, RoutedNumber>();
    const accounts = new Map<string, SipAccount>();
    const agents = new Map<string, SipAccount>();
    const announcements = new Map<string, QueueAnnouncement>();
    const positions = new Map<string, PositionAnnouncement>();
    for (const tenant of await store.listTenants()) {
      for (const queue of await allRows<QueueRow>(store, tenant.id, 'queue')) {
        for (const number of queue.phoneNumbers ?? []) {
          numbers.set(number, {
            tenantId: tenant.id,
            queueId: queue.id,
            ...(queue.voiceMenu === undefined ? {} : { voiceMenu: queue.voiceMenu }),
          });
        }
        if (queue.announcement !== undefined)
          announcements.set(agentKey(tenant.id, queue.id), queue.announcement);
        if (queue.announcePosition !== undefined)
          positions.set(agentKey(tenant.id, queue.id), queue.announcePosition);
      }
      for (const agent of await allRows<AgentRow>(store, tenant.id, 'agent')) {
        if (agent.sipUser === undefined || agent.sipPassword === undefined) continue;
        const account = {
          tenantId: tenant.id,
          agentId: agent.id,
          user: agent.sipUser,
          password: agent.sipPassword,
        };
        accounts.set(agent.sipUser, account);
        agents.set(agentKey(tenant.id, agent.id), account);
      }
    }
    this.numbers = numbers;
    this.accounts = accounts;
    this.agents = agents;
    this.announcements = announcements;
    this.positions = positions;
  }

  /** What callers waiting in a queue hear instead of the music now and then. */
  announcementOf(tenantId: string, queueId: string): QueueAnnouncement | undefined {
    return this.announcements.get(agentKey(tenantId, queueId));
  }

  /** What callers waiting in a queue are told of their place in line (POS rules). */
  positionAnnouncementOf(tenantId: string, queueId: string): PositionAnnouncement | undefined {
    return this.positions.get(agentKey(tenantId, queueId));
  }

  /** The queue a routing number leads to. */
  route(did: string): RoutedNumber | undefined {
    return this.numbers.get(did);
  }

  /** The agent a SIP user name belongs to. */
  account(user: string): SipAccount | undefined {
    return this.accounts.get(user);
  }

  /** An agent's SIP account, if it has one. */
  accountOf(tenantId: string, agentId: string): SipAccount | undefined {
    return this.agents.get(agentKey(tenantId, agentId));
  }
}

const agentKey = (tenantId: string, agentId: string): string => `${tenantId}\u0000${agentId}`;

/** The agent id the B2BUA knows an agent by: agent ids are per tenant, SIP is not. */
export const phoneKey = (tenantId: string, agentId: string): string => `${tenantId}|${agentId}`;

/** The tenant and agent of a phone key. */
export function fromPhoneKey(key: string): { tenantId: string; agentId: string } | undefined {
  const at = key.lastIndexOf('|');
  if (at <= 0) return undefined;
  return { tenantId: key.slice(0, at), agentId: key.slice(at + 1) };
}
