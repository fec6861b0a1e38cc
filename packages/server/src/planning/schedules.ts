// The schedules planners enter: positions per interval for one queue and local day, kept in the
// store (migration 0008) so a restart keeps them.
import type { Schedule } from '@relais/protocol';
import type { ServerContext } from '../context.ts';

export async function enteredSchedule(
  context: ServerContext,
  tenantId: string,
  queueId: string,
  date: string,
): Promise<Schedule | undefined> {
  const stored = await context.store.getSchedule(tenantId, queueId, date);
  return stored && { intervalMinutes: stored.intervalMinutes, intervals: stored.intervals };
}
