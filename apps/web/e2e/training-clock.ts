// Where the outbound browser test starts a training server's clock (`relais serve --training
// --clock-start`): the next Tuesday after today at 10:30 in Paris, inside the French calling
// hours. A Tuesday is never Easter Monday, Ascension or Whit Monday; the fixed-date public
// holidays that can fall on one are skipped. The instant must be ahead of the machine's time,
// so it is worked out from today's date, not written once.
const DAY_MS = 86_400_000;
const TUESDAY = 2;
/** France's fixed-date public holidays (MM-DD). */
const FIXED_HOLIDAYS = new Set([
  '01-01',
  '05-01',
  '05-08',
  '07-14',
  '08-15',
  '11-01',
  '11-11',
  '12-25',
]);

const parisDate = (atMs: number): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(atMs);

/** A calendar date `days` after `date` (both YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The instant Paris's clocks show `date` at `time` (HH:MM), in winter (+01:00) or summer (+02:00). */
export function parisInstant(date: string, time: string): number {
  for (const offset of ['+01:00', '+02:00']) {
    const atMs = Date.parse(`${date}T${time}:00${offset}`);
    const shown = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris',
      hour: '2-digit',
      minute: '2-digit',
    }).format(atMs);
    if (shown === time && parisDate(atMs) === date) return atMs;
  }
  throw new Error(`${date} ${time} is not a time Paris's clocks show`);
}

/** The first Tuesday after today (in Paris) that is not a public holiday. */
export function nextWorkingTuesday(nowMs: number): string {
  let date = addDays(parisDate(nowMs), 1);
  for (;;) {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (weekday === TUESDAY && !FIXED_HOLIDAYS.has(date.slice(5))) return date;
    date = addDays(date, 1);
  }
}
