// Who is who on the phone, across tenants: routing numbers (a queue's `phoneNumbers`) and the
// agents' SIP users (an agent's `sipUser` / `sipPassword`). SIP carries no tenant, so both are
// unique across the server; the config API checks that on every write (telephony-config.ts,
// against the PhoneClaims index). Loaded once, then told of each written row.
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

/** A configuration row written or removed (`data` undefined), as the phone book is told of it. */
export interface ConfigChange {
  readonly tenantId: string;
  readonly kind: string;
  readonly id: string;
  readonly data?: unknown;
}

/** The phone book's maps, filled row by row. */
class Entries {
  readonly numbers = new Map<string, RoutedNumber>();
  readonly accounts = new Map<string, SipAccount>();
  readonly agents = new Map<string, SipAccount>();
  readonly announcements = new Map<string, QueueAnnouncement>();
  readonly positions = new Map<string, PositionAnnouncement>();
  /** Queue key → its routing numbers, to take them out when the queue changes. */
  readonly queueNumbers = new Map<string, string[]>();

  addQueue(tenantId: string, queue: QueueRow): void {
    const key = agentKey(tenantId, queue.id);
    for (const number of queue.phoneNumbers ?? []) {
      this.numbers.set(number, {
        tenantId,
        queueId: queue.id,
        ...(queue.voiceMenu === undefined ? {} : { voiceMenu: queue.voiceMenu }),
      });
    }
    if ((queue.phoneNumbers ?? []).length > 0) this.queueNumbers.set(key, queue.phoneNumbers ?? []);
    if (queue.announcement !== undefined) this.announcements.set(key, queue.announcement);
    if (queue.announcePosition !== undefined) this.positions.set(key, queue.announcePosition);
  }

  removeQueue(tenantId: string, queueId: string): void {
    const key = agentKey(tenantId, queueId);
    for (const number of this.queueNumbers.get(key) ?? []) {
      const routed = this.numbers.get(number);
      if (routed?.tenantId === tenantId && routed.queueId === queueId) this.numbers.delete(number);
    }
    this.queueNumbers.delete(key);
    this.announcements.delete(key);
    this.positions.delete(key);
  }

  addAgent(tenantId: string, agent: AgentRow): void {
    if (agent.sipUser === undefined || agent.sipPassword === undefined) return;
    const account = {
      tenantId,
      agentId: agent.id,
      user: agent.sipUser,
      password: agent.sipPassword,
    };
    this.accounts.set(agent.sipUser, account);
    this.agents.set(agentKey(tenantId, agent.id), account);
  }

  removeAgent(tenantId: string, agentId: string): void {
    const key = agentKey(tenantId, agentId);
    const account = this.agents.get(key);
    if (account === undefined) return;
    if (this.accounts.get(account.user) === account) this.accounts.delete(account.user);
    this.agents.delete(key);
  }
}

export class PhoneBook {
  private entries = new Entries();

  /** Reads every tenant's queues and agents again (at start, or when a change is not known). */
  async load(store: Store): Promise<void> {
    const entries = new Entries();
    for (const tenant of await store.listTenants()) {
      for (const queue of await allRows<QueueRow>(store, tenant.id, 'queue'))
        entries.addQueue(tenant.id, queue);
      for (const agent of await allRows<AgentRow>(store, tenant.id, 'agent'))
        entries.addAgent(tenant.id, agent);
    }
    this.entries = entries;
  }

  /** Takes in one written or removed row without reading the store (other kinds change nothing). */
  apply(change: ConfigChange): void {
    if (change.kind === 'queue') {
      this.entries.removeQueue(change.tenantId, change.id);
      if (change.data !== undefined)
        this.entries.addQueue(change.tenantId, change.data as QueueRow);
    } else if (change.kind === 'agent') {
      this.entries.removeAgent(change.tenantId, change.id);
      if (change.data !== undefined)
        this.entries.addAgent(change.tenantId, change.data as AgentRow);
    }
  }

  /** What callers waiting in a queue hear instead of the music now and then. */
  announcementOf(tenantId: string, queueId: string): QueueAnnouncement | undefined {
    return this.entries.announcements.get(agentKey(tenantId, queueId));
  }

  /** What callers waiting in a queue are told of their place in line (POS rules). */
  positionAnnouncementOf(tenantId: string, queueId: string): PositionAnnouncement | undefined {
    return this.entries.positions.get(agentKey(tenantId, queueId));
  }

  /** The queue a routing number leads to. */
  route(did: string): RoutedNumber | undefined {
    return this.entries.numbers.get(did);
  }

  /** The agent a SIP user name belongs to. */
  account(user: string): SipAccount | undefined {
    return this.entries.accounts.get(user);
  }

  /** An agent's SIP account, if it has one. */
  accountOf(tenantId: string, agentId: string): SipAccount | undefined {
    return this.entries.agents.get(agentKey(tenantId, agentId));
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
