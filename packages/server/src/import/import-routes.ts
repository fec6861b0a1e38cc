// POST /api/v1/imports/:kind: a CSV file of sites, skills, clients, pause codes, dispositions,
// queues or agents, checked row by row and written all at once or not at all (import-config.ts),
// through the tenant's live engine. The web app's administration pages upload here; the CLI's
// `relais import` reads the same CSV with the same parser.
import {
  IMPORT_MAX_BYTES,
  ImportOutcome,
  ImportParams,
  ImportQuery,
  type ImportRejection,
} from '@relais/protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ServerContext } from '../context.ts';
import { ApiError } from '../http/errors.ts';
import { route, type AnyRoute } from '../http/route.ts';
import { CsvError, columnsOf, csvRows } from './csv-rows.ts';
import { importConfig } from './import-config.ts';

/** CSV bodies arrive as text; their size is the route's to limit. */
export function acceptCsv(app: FastifyInstance): void {
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_request, body, done) => {
    done(null, body);
  });
}

const CsvBody = z.string({ error: 'send the CSV file as the body, with content-type text/csv' });

export function importRoutes(context: ServerContext): AnyRoute[] {
  return [
    route({
      method: 'POST',
      url: '/api/v1/imports/:kind',
      summary:
        'Import a CSV file (header line, then one row per entity; rows whose id exists replace ' +
        "its columns' fields and keep the fields the file has no column for, such as routing " +
        'steps, routing numbers or SIP users). Every row is checked first; if any is rejected ' +
        'nothing is written and the 422 ' +
        `lists them (line, id, field, message). At most ${IMPORT_MAX_BYTES / 1024 / 1024} MiB.`,
      tag: 'configuration',
      roles: ['admin'],
      params: ImportParams,
      query: ImportQuery,
      body: CsvBody,
      bodyType: 'text/csv',
      bodyLimit: IMPORT_MAX_BYTES,
      responses: {
        200: {
          description: 'every row accepted (and written, unless dryRun)',
          schema: ImportOutcome,
        },
        400: { description: 'not a CSV file this kind takes (header, quoting), or no rows' },
        413: { description: 'the file is too large' },
        422: { description: 'rows rejected, nothing written: error.details.rejected lists them' },
      },
      async handler({ principal, params, query, body }) {
        const { kind } = params;
        let rows;
        try {
          rows = csvRows(kind, body, 'CSV');
        } catch (error) {
          if (!(error instanceof CsvError)) throw error;
          throw new ApiError(400, 'ValidationFailed', error.message, [
            { path: error.part, message: error.message },
          ]);
        }
        if (rows.length === 0) {
          const message = `CSV: no rows; a header line (${columnsOf(kind).join(',')}) then one line per ${kind} entry`;
          throw new ApiError(400, 'ValidationFailed', message, [{ path: 'csv', message }]);
        }
        const dryRun = query.dryRun === 'true';
        const result = await importConfig(context.store, principal.tenantId, kind, rows, {
          dryRun,
          runtime: await context.tenants.get(principal.tenantId),
          actor: principal.actor,
          claims: context.phoneClaims,
          telephony: context.telephony,
          configWrites: context.configWrites,
        });
        if (result.rejected.length > 0) {
          const details: ImportRejection = { kind, rows: rows.length, rejected: result.rejected };
          const lines = new Set(result.rejected.map((row) => row.line)).size;
          throw new ApiError(
            422,
            'ImportRejected',
            `${lines} of ${rows.length} row(s) rejected; nothing was imported`,
            details,
          );
        }
        const outcome: ImportOutcome = {
          kind,
          rows: rows.length,
          imported: result.imported,
          created: result.created,
          replaced: result.replaced,
          dryRun,
        };
        return outcome;
      },
    }),
  ];
}
