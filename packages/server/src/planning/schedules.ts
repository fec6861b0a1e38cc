// The schedules planners enter: positions per interval for one queue and local day. Kept in the
// server's memory (a restart forgets them; README says so): the store has no schedule table yet,
// and Relais has no shift scheduler to produce them.
import type { Schedule } from '@relais/protocol';

/** Schedules kept per tenant; the oldest entered goes beyond this. */
export const MAX_SCHEDULES_PER_TENANT = 1000;

export class ScheduleBook {
  private readonly tenants = new Map<string, Map<string, Schedule>>();

  get(tenantId: string, queueId: string, date: string): Schedule | undefined {
    return this.tenants.get(tenantId)?.get(`${queueId}\u0000${date}`);
  }

  put(tenantId: string, queueId: string, date: string, schedule: Schedule): void {
    let book = this.tenants.get(tenantId);
    if (book === undefined) {
      book = new Map<string, Schedule>();
      this.tenants.set(tenantId, book);
    }
    const key = `${queueId}\u0000${date}`;
    book.delete(key); // re-entered: the newest again
    book.set(key, schedule);
    if (book.size > MAX_SCHEDULES_PER_TENANT) {
      const oldest = book.keys().next().value;
      if (oldest !== undefined) book.delete(oldest);
    }
  }

  delete(tenantId: string, queueId: string, date: string): boolean {
    return this.tenants.get(tenantId)?.delete(`${queueId}\u0000${date}`) ?? false;
  }
}
