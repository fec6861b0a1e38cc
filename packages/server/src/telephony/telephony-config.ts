// Checks the telephony fields of a queue or agent before it is stored: routing numbers and SIP
// users are unique across the server (SIP carries no tenant; looked up in the PhoneClaims index,
// not in the store), and an agent with a SIP user has a password (kept from the stored row when a
// PUT with the same user leaves it out).
import type { ConfigRecord, Store } from '@relais/store';
import { ApiError } from '../http/errors.ts';
import type { Holder, PhoneClaims } from './phone-claims.ts';
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

/** Why a routing number cannot go to a queue, `by` holding it (the API's 409 and the import's row error). */
function numberTakenReason(by: Holder, tenantId: string): string {
  return `a routing number of this queue already leads to another queue${by.tenantId === tenantId ? ` ("${by.id}")` : ' (of another tenant)'}; remove it there first`;
}

/** Why a SIP user cannot go to an agent, `by` holding it. */
function sipUserTakenReason(user: string, by: Holder, tenantId: string): string {
  return `"${user}" already belongs to another agent${by.tenantId === tenantId ? ` ("${by.id}")` : ' (of another tenant)'}; choose another SIP user name`;
}

/**
 * Throws a 400/409 ApiError for telephony fields that cannot be stored; fills a kept password.
 * Passed, the row's numbers or SIP user are reserved in `claims` until the returned release is
 * called (once the write is over, stored or not).
 */
export async function checkTelephonyFields(
  store: Store,
  claims: PhoneClaims,
  tenantId: string,
  kind: string,
  data: Record<string, unknown> & { id: string },
  current: ConfigRecord | undefined,
): Promise<() => void> {
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
    // Looked up and reserved with no await in between: a concurrent write sees the reservation.
    const claim = claims.reserve('queue', tenantId, data.id, numbers);
    if ('taken' in claim) {
      throw new ApiError(
        409,
        'RoutingNumberTaken',
        `queue.phoneNumbers: ${numberTakenReason(claim.by, tenantId)}`,
        { queueId: data.id },
      );
    }
    return claim.release;
  }
  if (kind !== 'agent') return nothingReserved;
  const agent = data as AgentRow;
  if (agent.sipUser === undefined) {
    if (agent.sipPassword !== undefined) {
      throw new ApiError(
        400,
        'ValidationFailed',
        'agent.sipPassword: give sipUser too (the SIP user name the phone registers with)',
      );
    }
    return nothingReserved;
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
  const claim = claims.reserve('agent', tenantId, data.id, [user]);
  if ('taken' in claim) {
    throw new ApiError(
      409,
      'SipUserTaken',
      `agent.sipUser: ${sipUserTakenReason(user, claim.by, tenantId)}`,
      { sipUser: user },
    );
  }
  return claim.release;
}

const nothingReserved = (): void => undefined;
