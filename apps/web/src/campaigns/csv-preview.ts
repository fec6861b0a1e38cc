// The start of a CSV file read in the browser, before anything is sent: its separator, its header
// and its first rows, so that the columns can be mapped and checked by eye. Only the first bytes
// are read: a list of a million rows is sent to the server as it is, never parsed here.

export type Separator = ',' | ';' | '\t';

export interface CsvPreview {
  separator: Separator;
  header: string[];
  /** The first data rows, each cell as written (quotes removed). */
  rows: string[][];
}

/** Bytes read from the start of the file for the preview. */
export const PREVIEW_BYTES = 64 * 1024;

/** The separator the header line uses most: `;` in French spreadsheets, `,` elsewhere. */
export function guessSeparator(headerLine: string): Separator {
  const count = (char: string): number => headerLine.split(char).length - 1;
  const counts: [Separator, number][] = [
    [';', count(';')],
    ['\t', count('\t')],
    [',', count(',')],
  ];
  const best = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return best[1] === 0 ? ',' : best[0];
}

/**
 * Splits text into records of cells: quoted cells may hold separators, doubled quotes and line
 * breaks. A record cut off at the end of the text (the preview stops mid-file) is dropped.
 */
export function parseCsvStart(text: string, separator: Separator, maxRecords: number): string[][] {
  const records: string[][] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  const endRecord = (): void => {
    cells.push(cell);
    if (cells.some((c) => c.trim() !== '')) records.push(cells);
    cells = [];
    cell = '';
  };
  while (i < text.length && records.length < maxRecords) {
    const char = text[i] as string;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === separator) {
      cells.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i++;
      endRecord();
    } else cell += char;
    i++;
  }
  // The last record counts only when the text ends there (the whole file was read).
  if (records.length < maxRecords && !quoted && (cell !== '' || cells.length > 0)) endRecord();
  return records;
}

/** The header and first rows of a CSV text; `complete`: the text is the whole file. */
export function previewCsv(text: string, complete: boolean, maxRows = 5): CsvPreview {
  const clean = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const firstLine = clean.split(/\r?\n/, 1)[0] ?? '';
  const separator = guessSeparator(firstLine);
  const body = complete ? clean : clean.slice(0, Math.max(clean.lastIndexOf('\n') + 1, 0));
  const [header = [], ...rows] = parseCsvStart(body, separator, maxRows + 1);
  return { separator, header: header.map((name) => name.trim()), rows };
}

/** Reads the start of a file and previews it. */
export async function previewFile(file: Blob, maxRows = 5): Promise<CsvPreview> {
  const complete = file.size <= PREVIEW_BYTES;
  const text = await file.slice(0, PREVIEW_BYTES).text();
  return previewCsv(text, complete, maxRows);
}
