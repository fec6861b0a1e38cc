// A lead list from a CSV stream into a campaign (LIST1–LIST6): parsed as it arrives, each row
// mapped and normalised (the cached fast path for clean French numbers), duplicates merged with
// the file's earlier rows and the campaign's leads, every rejected row kept with its line and
// reasons. Leads and rejected rows are staged as they come, a chunk per short transaction (the
// log's commits go in between), invisible until the last row is read and one short commit
// publishes the list; any failure discards what was staged (LIST4).
import type { Readable } from 'node:stream';
import {
  createFastPhoneParser,
  createLeadNormaliser,
  type Lead,
  type LeadFieldError,
} from '@relais/dialer';
import type { LeadRejection, NewLead, NewLeadList, StagedLeadList, Store } from '@relais/store';
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
  /** Leads and rejected rows staged per transaction (default 50,000). */
  chunkRows?: number;
}

export interface ListImportOutcome {
  rows: number;
  imported: number;
  merged: number;
  rejected: number;
  /** The first rejected rows (REJECTED_KEPT); all of them are stored with the list. */
  firstRejected: LeadRejection[];
}

/** Rejected rows an outcome carries; the others are only in the store (rejected.csv). */
export const REJECTED_KEPT = 100;
const CHUNK_ROWS = 50_000;

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
  /** The last rows are read: the rest is written and the list published. */
  writing(): void;
  /** A chunk is committed (staged, still invisible): leads and rejected rows so far. */
  staged?(rowsStaged: number): void;
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

/** Imports one list; throws ListImportError (nothing left in the store) on a bad file or mapping. */
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
  const chunkRows = input.chunkRows ?? CHUNK_ROWS;
  const writer = new StagedWriter(store, input, report);
  let leads: NewLead[] = [];
  let rejected: LeadRejection[] = [];
  const firstRejected: LeadRejection[] = [];
  let imported = 0;
  let rejectedCount = 0;
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
          const row = rejection(lineNumber, errors);
          rejected.push(row);
          rejectedCount++;
          if (firstRejected.length < REJECTED_KEPT) firstRejected.push(row);
        } else {
          const lead = normalised.lead;
          if (known.has(lead.phoneE164)) merged++;
          else {
            known.add(lead.phoneE164);
            leads.push(toNewLead(id, lead, mapped));
            imported++;
          }
        }
      }
      if (leads.length + rejected.length >= chunkRows) {
        await writer.write(leads, rejected);
        leads = [];
        rejected = [];
      }
      if (rows - reported >= PROGRESS_EVERY_ROWS) {
        report.reading(rows, bytesDone);
        reported = rows;
      }
    }
    if (rows === 0) {
      throw new ListImportError('csv', 'no rows: a header line, then one line per lead');
    }
    report.reading(rows, bytesDone);
    report.writing();
    await writer.write(leads, rejected);
    await writer.publish({ rows, imported, merged, rejected: rejectedCount });
  } catch (error) {
    await writer.discard(error);
    if (error instanceof CsvSyntaxError) {
      throw new ListImportError('csv', `not a CSV file this import reads: ${error.message}`);
    }
    throw error;
  }
  return { rows, imported, merged, rejected: rejectedCount, firstRejected };
}

/**
 * The list's staged writes: the list is staged with its first chunk, and one chunk is written
 * while the next is read (on PostgreSQL the database works meanwhile).
 */
class StagedWriter {
  private staged: StagedLeadList | undefined;
  private pending: Promise<void> | undefined;
  private rowsStaged = 0;

  constructor(
    private readonly store: Store,
    private readonly input: ListImportInput,
    private readonly report: ImportReporter,
  ) {}

  async write(leads: readonly NewLead[], rejected: readonly LeadRejection[]): Promise<void> {
    await this.pending;
    const { input } = this;
    this.staged ??= await this.store.stageLeadList(input.tenantId, {
      id: input.listId,
      campaignId: input.campaignId,
      name: input.name,
      origin: input.origin,
      legalBasis: input.legalBasis,
      importedBy: input.importedBy,
    });
    if (leads.length === 0 && rejected.length === 0) return;
    const adding = this.staged.add(leads, rejected).then(() => {
      this.rowsStaged += leads.length + rejected.length;
      this.report.staged?.(this.rowsStaged);
    });
    // Awaited by the next write, publish or discard; handled here so it is never unhandled.
    adding.catch(() => undefined);
    this.pending = adding;
  }

  async publish(counts: Parameters<StagedLeadList['publish']>[0]): Promise<void> {
    await this.pending;
    if (this.staged === undefined) throw new Error('publish before any write');
    await this.staged.publish(counts);
  }

  /** Deletes what was staged after `failure`; if that fails too, says both. */
  async discard(failure: unknown): Promise<void> {
    await this.pending?.catch(() => undefined);
    if (this.staged === undefined) return;
    try {
      await this.staged.discard();
    } catch (error) {
      const why = failure instanceof Error ? failure.message : String(failure);
      const how = error instanceof Error ? error.message : String(error);
      throw new AggregateError(
        [failure, error],
        `list ${this.input.listId} failed (${why}) and its staged rows were not deleted (${how}); the next start deletes them`,
        { cause: error },
      );
    }
  }
}
