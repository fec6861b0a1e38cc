// The schedules planners enter: positions per interval for one queue and local day.
import type { PlanningSchedule } from '../port.ts';
import type { StoreContext } from '../sql/context.ts';
import { forTenant } from '../sql/store-errors.ts';
import { isoTime } from '../sql/values.ts';

interface ScheduleRow {
  interval_minutes: number | string;
  intervals: string;
  entered_by: string;
  updated_at: string | Date;
}

export async function getSchedule(
  { db }: StoreContext,
  tenantId: string,
  queueId: string,
  date: string,
): Promise<PlanningSchedule | undefined> {
  const row = await db.get<ScheduleRow>(
    `SELECT interval_minutes, intervals, entered_by, updated_at FROM planning_schedules
     WHERE tenant_id = ? AND queue_id = ? AND day = ?`,
    [tenantId, queueId, date],
  );
  return (
    row && {
      queueId,
      date,
      intervalMinutes: Number(row.interval_minutes),
      intervals: JSON.parse(row.intervals) as PlanningSchedule['intervals'],
      enteredBy: row.entered_by,
      updatedAt: isoTime(row.updated_at),
    }
  );
}

export async function putSchedule(
  { db, now }: StoreContext,
  tenantId: string,
  schedule: Omit<PlanningSchedule, 'updatedAt'>,
): Promise<PlanningSchedule> {
  // Only the fields the table holds: an entered schedule carries nothing else.
  const saved: PlanningSchedule = {
    queueId: schedule.queueId,
    date: schedule.date,
    intervalMinutes: schedule.intervalMinutes,
    intervals: schedule.intervals.map(({ start, positions }) => ({ start, positions })),
    enteredBy: schedule.enteredBy,
    updatedAt: isoTime(now()),
  };
  await forTenant(tenantId, () =>
    db.run(
      `INSERT INTO planning_schedules
         (tenant_id, queue_id, day, interval_minutes, intervals, entered_by, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (tenant_id, queue_id, day) DO UPDATE SET
         interval_minutes = excluded.interval_minutes, intervals = excluded.intervals,
         entered_by = excluded.entered_by, updated_at = excluded.updated_at`,
      [
        tenantId,
        saved.queueId,
        saved.date,
        saved.intervalMinutes,
        JSON.stringify(saved.intervals),
        saved.enteredBy,
        saved.updatedAt,
      ],
    ),
  );
  return saved;
}

export async function deleteSchedule(
  { db }: StoreContext,
  tenantId: string,
  queueId: string,
  date: string,
): Promise<boolean> {
  const removed = await db.run(
    'DELETE FROM planning_schedules WHERE tenant_id = ? AND queue_id = ? AND day = ?',
    [tenantId, queueId, date],
  );
  return removed > 0;
}
