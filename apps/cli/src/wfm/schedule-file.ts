// Scheduled positions for `relais plan --scheduled FILE`: a CSV with columns start (local
// "YYYY-MM-DD HH:MM[:SS]" or with a T), site (optional with one site) and positions.
import { parse } from 'csv-parse/sync';
import { parseIsoDate, type ScheduledPositions } from '@relais/wfm';
import { InputError, readText } from '../simulate/scenario-files.ts';

const START = /^(\d{4}-\d\d-\d\d)[T ](\d\d):(\d\d)(?::00)?$/;

/** Reads the schedule; any bad row is an InputError naming the row and what to fix. */
export function readSchedule(file: string, defaultSite: string | undefined): ScheduledPositions[] {
  const text = readText(file, 'schedule');
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (error) {
    throw new InputError(
      `cannot read the schedule '${file}' as CSV: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const [header = [], ...body] = rows;
  const column = (name: string): number => header.indexOf(name);
  const [start, site, positions] = [column('start'), column('site'), column('positions')];
  if (start === -1 || positions === -1 || (site === -1 && defaultSite === undefined)) {
    throw new InputError(
      `the schedule '${file}' needs the columns start, ${defaultSite === undefined ? 'site, ' : ''}positions; its header is ${header.join(',')}`,
    );
  }
  return body.map((cells, index) => {
    const row = index + 2;
    const match = START.exec(cells[start] ?? '');
    const day = match ? parseIsoDate(match[1] as string) : undefined;
    const hours = Number(match?.[2]);
    const minutes = Number(match?.[3]);
    if (match === null || day === undefined || hours > 23 || minutes > 59) {
      throw new InputError(
        `${file}:${row}: start: expected a local time YYYY-MM-DD HH:MM, found '${cells[start] ?? ''}'`,
      );
    }
    const count = Number(cells[positions]);
    if (!Number.isInteger(count) || count < 0) {
      throw new InputError(
        `${file}:${row}: positions: expected a whole number ≥ 0, found '${cells[positions] ?? ''}'`,
      );
    }
    const siteName = site === -1 ? (defaultSite as string) : (cells[site] ?? '');
    return { site: siteName, day, startSeconds: hours * 3600 + minutes * 60, positions: count };
  });
}
