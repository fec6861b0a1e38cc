// A lead list from a CSV stream into a campaign (LIST1–LIST6): parsed as it arrives, each row
// mapped and normalised (the cached fast path for clean French numbers), duplicates merged with
// the file's earlier rows and the campaign's leads, every rejected row kept with its line and
// reasons; then the list, its leads and its rejected rows written in one transaction.
import type { Readable } from 'node:stream';
import {
  createFastPhoneParser,
  createLeadNormaliser,
  type Lead,
  type LeadFieldError,
} from '@relais/dialer';
import type { LeadRejection, NewLead, NewLeadList, Store } from '@relais/store';
import { CsvSyntaxError, csvRecords } from './csv-records.ts';
import {
  mapRecord,
  planColumns,
  type CellError,
  type MappedField,
  type MappedRow,
} from './lead-rows.ts';

export interface ListImportInput {
  tenantId: string;
  campaignId: string;
  listId: string;
  defaultRegion: string;
  name: string;
  origin: string;
  legalBasis: NewLeadList['legalBasis'];
  importedBy: string;
  mapping: Partial<Record<MappedField, string>>;
  separator?: ',' | ';' | '\t';
  /** Bytes refused beyond this (the request's limit). */
  maxBytes: number;
}

export interface ListImportOutcome {
  rows: number;
  imported: number;
  merged: number;
  rejected: LeadRejection[];
}

/** Bad input to an import: which part (header, csv, a mapping field) and why; nothing written. */
export class ListImportError extends Error {
  constructor(
    readonly part: string,
    message: string,
    readonly status: 400 | 413 = 400,
  ) {
    super(message);
  }
}

export interface ImportReporter {
  reading(rowsDone: number, bytesDone: number): void;
  writing(): void;
}

const PROGRESS_EVERY_ROWS = 10_000;

/** The separator of the header line: the most frequent of `;`, `,` and tab (`,` on a tie). */
export function guessSeparator(headerLine: string): ',' | ';' | '\t' {
  const count = (char: string) => headerLine.split(char).length - 1;
  const candidates: (',' | ';' | '\t')[] = [',', ';', '\t'];
  return candidates.reduce((best, char) => (count(char) > count(best) ? char : best), ',');
}

/** The stream's chunks, counted and limited, with the first line available before parsing. */
async function* counted(
  source: AsyncIterable<Buffer | string>,
  maxBytes: number,
  onBytes: (bytes: number) => void,
): AsyncGenerator<Buffer> {
  let bytes = 0;
  for await (const chunk of source) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    bytes += buffer.length;
    if (bytes > maxBytes) {
      throw new ListImportError('csv', `the file is larger than ${maxBytes} bytes`, 413);
    }
    onBytes(bytes);
    yield buffer;
  }
}

/** Reads the first chunks until a whole first line is there; returns them and the line. */
async function peekHeader(chunks: AsyncGenerator<Buffer>): Promise<{ head: Buffer; line: string }> {
  const parts: Buffer[] = [];
  for (;;) {
    const next = await chunks.next();
    if (next.done === true) break;
    parts.push(next.value);
    if (next.value.includes(10)) break;
  }
  const head = Buffer.concat(parts);
  const end = head.indexOf(10);
  const line = head.subarray(0, end === -1 ? head.length : end).toString('utf8');
  return { head, line: line.replace(/^\uFEFF/, '') };
}

const leadId = (listId: string, line: number) => `${listId}-${String(line).padStart(7, '0')}`;

function rejection(line: number, errors: readonly (CellError | LeadFieldError)[]): LeadRejection {
  return {
    line,
    errors: errors.map(({ field, code, message }) => ({ field, code, message })),
  };
}

/** The stored lead: built field by field (a million of them: no spreads, no closures). */
function toNewLead(id: string, lead: Lead, mapped: MappedRow): NewLead {
  const stored: NewLead = {
    id,
    phoneE164: lead.phoneE164,
    country: lead.country,
    timeZone: lead.timeZone,
    holidayCountry: lead.holidayRegion.country,
    attributes: mapped.attributes,
  };
  const subdivision = lead.holidayRegion.subdivision;
  if (subdivision !== undefined) stored.holidaySubdivision = subdivision;
  const consent = lead.consent;
  if (consent !== undefined) {
    stored.consentGivenAtMs = consent.givenAtMs;
    stored.consentProof = consent.proof;
    if (consent.coversCallingHours !== undefined) {
      stored.consentCoversHours = consent.coversCallingHours;
    }
  }
  if (lead.contractRelation !== undefined) stored.contractRelation = lead.contractRelation;
  if (mapped.firstName !== undefined) stored.firstName = mapped.firstName;
  if (mapped.lastName !== undefined) stored.lastName = mapped.lastName;
  return stored;
}

/** Imports one list; throws ListImportError (nothing written) on a bad file or mapping. */
export async function importLeadList(
  store: Store,
  input: ListImportInput,
  body: Readable,
  report: ImportReporter,
): Promise<ListImportOutcome> {
  let bytesDone = 0;
  const chunks = counted(body, input.maxBytes, (bytes) => {
    bytesDone = bytes;
  });
  const { head, line } = await peekHeader(chunks);
  if (line.trim() === '') {
    throw new ListImportError('csv', 'the file is empty: a header line, then one line per lead');
  }
  const delimiter = input.separator ?? guessSeparator(line);
  const source = (async function* () {
    yield head;
    yield* chunks;
  })();
  const normalise = createLeadNormaliser(
    input.defaultRegion,
    createFastPhoneParser(input.defaultRegion),
  );
  const known = new Set(await store.campaignNumbers(input.tenantId, input.campaignId));
  const leads: NewLead[] = [];
  const rejected: LeadRejection[] = [];
  let merged = 0;
  let rows = 0;
  let plan: ReturnType<typeof planColumns> | undefined;
  /** The line the next record starts on (1-based, the header is line 1). */
  let nextLine = 1;
  let reported = 0;
  try {
    for await (const batch of csvRecords(source, delimiter)) {
      for (const record of batch) {
        const lineNumber = nextLine;
        nextLine++;
        // A quoted cell may hold line breaks: the next record starts that much further.
        for (const cell of record) {
          if (cell.includes('\n')) nextLine += cell.split('\n').length - 1;
        }
        if (record.length === 1 && record[0] === '') continue;
        if (plan === undefined) {
          plan = planColumns(record, input.mapping);
          if ('missing' in plan) {
            const [first] = plan.missing;
            const columns = record.map((name) => name.trim()).join(', ');
            throw new ListImportError(
              first?.field ?? 'phone',
              `no column "${first?.column ?? ''}" in the header (${columns})`,
            );
          }
          continue;
        }
        if ('missing' in plan) continue;
        rows++;
        const id = leadId(input.listId, lineNumber);
        const mapped = mapRecord(record, plan, id);
        const normalised = normalise(mapped.row);
        if (!normalised.ok || mapped.errors.length > 0) {
          const errors = normalised.ok ? mapped.errors : [...normalised.errors, ...mapped.errors];
          rejected.push(rejection(lineNumber, errors));
        } else {
          const lead = normalised.lead;
          if (known.has(lead.phoneE164)) merged++;
          else {
            known.add(lead.phoneE164);
            leads.push(toNewLead(id, lead, mapped));
          }
        }
      }
      if (rows - reported >= PROGRESS_EVERY_ROWS) {
        report.reading(rows, bytesDone);
        reported = rows;
      }
    }
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      throw new ListImportError('csv', `not a CSV file this import reads: ${error.message}`);
    }
    throw error;
  }
  if (rows === 0) {
    throw new ListImportError('csv', 'no rows: a header line, then one line per lead');
  }
  report.reading(rows, bytesDone);
  report.writing();
  await store.importLeadList(
    input.tenantId,
    {
      id: input.listId,
      campaignId: input.campaignId,
      name: input.name,
      origin: input.origin,
      legalBasis: input.legalBasis,
      importedBy: input.importedBy,
      rows,
      imported: leads.length,
      merged,
      rejected: rejected.length,
    },
    leads,
    rejected,
  );
  return { rows, imported: leads.length, merged, rejected };
}
