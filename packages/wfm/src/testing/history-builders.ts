import { parseIsoDate } from '../calendar/civil-date.ts';
import type { ContactRecord } from '../history/contact-record.ts';

/** A contact answered at 08:00 on 1 February 1999 in queue "fr"; fields override it. */
export function makeContact(fields: Partial<ContactRecord> = {}): ContactRecord {
  return {
    row: 2,
    day: parseIsoDate('1999-02-01') as number,
    arrivalSeconds: 8 * 3600,
    queue: 'fr',
    waitSeconds: 0,
    handleSeconds: 180,
    outcome: 'answered',
    ...fields,
  };
}

/**
 * `count(day, interval)` contacts per 30-minute interval for `days` days from `firstDate`, each
 * answered with `handleSeconds`; deterministic, for the forecast tests.
 */
export function makeHistory(options: {
  firstDate?: string;
  days: number;
  queue?: string;
  handleSeconds?: number;
  count: (day: number, interval: number) => number;
}): ContactRecord[] {
  const first = parseIsoDate(options.firstDate ?? '1999-02-01') as number;
  const records: ContactRecord[] = [];
  for (let d = 0; d < options.days; d++) {
    for (let i = 0; i < 48; i++) {
      for (let k = 0; k < options.count(d, i); k++) {
        records.push(
          makeContact({
            row: records.length + 2,
            day: first + d,
            arrivalSeconds: i * 1800 + k,
            queue: options.queue ?? 'fr',
            handleSeconds: options.handleSeconds ?? 180,
          }),
        );
      }
    }
  }
  return records;
}
