// Reads a call-history file for the WFM commands: the anonymous-bank TSV, or a CSV whose columns
// a --map names (split into rows by csv-parse, read by @relais/wfm).
import { parse } from 'csv-parse/sync';
import {
  parseBankHistory,
  parseColumnMapping,
  readMappedHistory,
  type HistoryImport,
  type RowIssue,
} from '@relais/wfm';
import { InputError, readText } from '../simulate/scenario-files.ts';

export const HISTORY_FORMATS = ['anonymous-bank', 'csv'] as const;
export type HistoryFormat = (typeof HISTORY_FORMATS)[number];

/** Reads `file` in `format`; `map` names the columns of a csv (the flags checked it is given). */
export function readHistoryFile(
  file: string,
  format: HistoryFormat,
  map: string | undefined,
): HistoryImport {
  if (format === 'anonymous-bank') return parseBankHistory(readText(file, 'history file'));
  const mapping = parseColumnMapping(map ?? '');
  const text = readText(file, 'history file');
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    throw new InputError(
      `cannot read '${file}' as CSV: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  const [header, ...body] = rows;
  if (header === undefined)
    throw new InputError(`'${file}' is empty: expected a header line and rows`);
  return readMappedHistory(header, body, mapping);
}

/** Bad rows, for stderr: how many were left out, and the first few with what to fix. */
export function describeBadRows(
  file: string,
  history: HistoryImport,
  shown = 10,
): string | undefined {
  if (history.badRows === 0) return undefined;
  const lines = history.issues
    .slice(0, shown)
    .map((i: RowIssue) => `  ${file}:${i.row}: ${i.field}: ${i.problem}, found ${i.found}`);
  const more = history.badRows - lines.length;
  return [
    `${history.badRows} bad row${history.badRows === 1 ? '' : 's'} left out of ${file} (the others are used):`,
    ...lines,
    ...(more > 0 ? [`  … and ${more} more`] : []),
  ].join('\n');
}
