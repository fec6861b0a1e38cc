// Checks the telephony fields of a queue or agent before it is stored: routing numbers and SIP
// users are unique across the server (SIP carries no tenant), and an agent with a SIP user has
// a password (kept from the stored row when a PUT with the same user leaves it out).
import type { ConfigRecord, Store } from '@relais/store';
import { ApiError } from '../http/errors.ts';
import { allRows } from './phone-book.ts';
import { checkVoiceFields } from './voice-config.ts';

interface QueueRow {
  id: string;
  phoneNumbers?: string[];
}
interface AgentRow {
  id: string;
  sipUser?: string;
  sipPassword?: string;
}

/** Where else a value is used: `tenant/id`, or undefined when free. */
async function usedElsewhere<T extends { id: string }>(
  store: Store,
  tenantId: string,
  id: string,
  kind: 'queue' | 'agent',
  uses: (row: T) => boolean,
): Promise<{ tenantId: string; id: string } | undefined> {
  for (const tenant of await store.listTenants()) {
    for (const row of await allRows<T>(store, tenant.id, kind)) {
      if (tenant.id === tenantId && row.id === id) continue;
      if (uses(row)) return { tenantId: tenant.id, id: row.id };
    }
  }
  return undefined;
}

/** Throws a 400/409 ApiError for telephony fields that cannot be stored; fills a kept password. */
export async function checkTelephonyFields(
  store: Store,
  tenantId: string,
  kind: string,
  data: Record<string, unknown> & { id: string },
  current: ConfigRecord | undefined,
): Promise<void> {
  if (kind === 'queue') {
    await checkVoiceFields(store, tenantId, data);
    const numbers = (data as QueueRow).phoneNumbers ?? [];
    const twice = numbers.find((n, i) => numbers.indexOf(n) !== i);
    if (twice !== undefined) {
      throw new ApiError(
        400,
        'ValidationFailed',
        `queue.phoneNumbers: "${twice}" is listed twice; list each routing number once`,
      );
    }
    if (numbers.length === 0) return;
    const clash = await usedElsewhere<QueueRow>(store, tenantId, data.id, 'queue', (row) =>
      (row.phoneNumbers ?? []).some((n) => numbers.includes(n)),
    );
    if (clash !== undefined) {
      throw new ApiError(
        409,
        'RoutingNumberTaken',
        `queue.phoneNumbers: a routing number of this queue already leads to another queue${clash.tenantId === tenantId ? ` ("${clash.id}")` : ' (of another tenant)'}; remove it there first`,
        { queueId: data.id },
      );
    }
    return;
  }
  if (kind !== 'agent') return;
  const agent = data as AgentRow;
  if (agent.sipUser === undefined) {
    if (agent.sipPassword !== undefined) {
      throw new ApiError(
        400,
        'ValidationFailed',
        'agent.sipPassword: give sipUser too (the SIP user name the phone registers with)',
      );
    }
    return;
  }
  const stored = current?.data as AgentRow | undefined;
  if (agent.sipPassword === undefined) {
    if (stored?.sipUser !== agent.sipUser || stored.sipPassword === undefined) {
      throw new ApiError(
        400,
        'ValidationFailed',
        `agent.sipPassword: required with a new sipUser ("${agent.sipUser}"), 8 to 128 characters`,
      );
    }
    agent.sipPassword = stored.sipPassword;
  }
  const user = agent.sipUser;
  const clash = await usedElsewhere<AgentRow>(
    store,
    tenantId,
    data.id,
    'agent',
    (row) => row.sipUser === user,
  );
  if (clash !== undefined) {
    throw new ApiError(
      409,
      'SipUserTaken',
      `agent.sipUser: "${user}" already belongs to another agent${clash.tenantId === tenantId ? ` ("${clash.id}")` : ' (of another tenant)'}; choose another SIP user name`,
      { sipUser: user },
    );
  }
}
