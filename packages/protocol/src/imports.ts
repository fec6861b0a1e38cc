// Bulk configuration import over HTTP: POST /api/v1/imports/:kind with a CSV body. Every row is
// checked first; when any is rejected nothing is written and the answer (422) lists them.
import { z } from 'zod';

export const IMPORT_KINDS = [
  'sites',
  'skills',
  'clients',
  'pause-codes',
  'dispositions',
  'queues',
  'agents',
] as const;
export const ImportKind = z.enum(IMPORT_KINDS);

/** The columns a CSV file of each kind may have (a header line names those it uses). */
export const IMPORT_COLUMNS = {
  sites: ['id', 'city', 'timeZone', 'positions'],
  skills: ['id', 'kind'],
  clients: ['id', 'name'],
  'pause-codes': ['id', 'label', 'productive'],
  dispositions: ['id', 'label', 'success'],
  agents: ['id', 'name', 'siteId', 'skills', 'capacity', 'exclusiveVoice', 'autoAnswer'],
  queues: [
    'id',
    'clientId',
    'channel',
    'skills',
    'priority',
    'weight',
    'strategy',
    'sites',
    'homeSiteId',
    'maxWaitSeconds',
    'maxSize',
    'offerTimeoutSeconds',
    'serviceLevel.thresholdSeconds',
    'serviceLevel.target',
    'serviceLevel.formula',
    'wrapUpSeconds',
  ],
} as const satisfies Record<(typeof IMPORT_KINDS)[number], readonly string[]>;

export const ImportParams = z.object({ kind: ImportKind });
export const ImportQuery = z.object({
  /** Check every row and report, write nothing. */
  dryRun: z.enum(['true', 'false']).default('false'),
});

/** The largest CSV body the import takes, in bytes. */
export const IMPORT_MAX_BYTES = 2 * 1024 * 1024;

export const RejectedRow = z.object({
  /** The CSV line the row starts on (the header is line 1). */
  line: z.int(),
  id: z.string(),
  /** The field at fault, as a path ("skills.fr"), or the kind when the row as a whole is. */
  field: z.string(),
  message: z.string(),
});

/** 200: every row was accepted (and written, unless a dry run). */
export const ImportOutcome = z.object({
  kind: ImportKind,
  rows: z.int(),
  imported: z.int(),
  created: z.int(),
  replaced: z.int(),
  dryRun: z.boolean(),
});

/** The `details` of the 422 answer (code ImportRejected): nothing was written. */
export const ImportRejection = z.object({
  kind: ImportKind,
  rows: z.int(),
  rejected: z.array(RejectedRow),
});

export type ImportKind = z.infer<typeof ImportKind>;
export type RejectedRow = z.infer<typeof RejectedRow>;
export type ImportOutcome = z.infer<typeof ImportOutcome>;
export type ImportRejection = z.infer<typeof ImportRejection>;
