// Opposition / suppression lists (COMPLIANCE.md: a list with its scrub date, refused by the gate
// when older than the pack allows): a CSV of numbers, replaced whole.
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { createFastPhoneParser, createLeadNormaliser, DialerInputError } from '@relais/dialer';
import {
  IdParams,
  LIST_IMPORT_MAX_BYTES,
  SuppressionListQuery,
  SuppressionListResult,
  SuppressionListView,
} from '@relais/protocol';
import { z } from 'zod';
import { audit } from '../audit.ts';
import type { ServerContext } from '../context.ts';
import { ApiError } from '../http/errors.ts';
import { route, type AnyRoute } from '../http/route.ts';
import { guessSeparator } from './list-import.ts';

const UNREADABLE_IN_ANSWER = 100;

const invalid = (path: string, message: string, status = 400) =>
  new ApiError(status, status === 413 ? 'TooLarge' : 'ValidationFailed', `${path}: ${message}`, [
    { path, message },
  ]);

/** Reads the numbers of a CSV stream: the `phone` column, each read as the dialer reads leads. */
async function readNumbers(body: Readable, column: string, defaultRegion: string) {
  const read = createFastPhoneParser(defaultRegion);
  const numbers: string[] = [];
  const unreadable: number[] = [];
  let bytes = 0;
  let index: number | undefined;
  let separator: string | undefined;
  let parser: ReturnType<typeof parse> | undefined;
  const records: { record: string[]; info: { lines: number } }[] = [];
  const take = () => {
    for (const { record, info } of records.splice(0)) {
      if (index === undefined) {
        index = record.findIndex((name) => name.trim() === column);
        if (index === -1) {
          throw invalid('phone', `no column "${column}" in the header (${record.join(', ')})`);
        }
        continue;
      }
      const parsed = read((record[index] ?? '').trim());
      if (parsed === undefined) unreadable.push(info.lines);
      else numbers.push(parsed.number);
    }
  };
  for await (const chunk of body as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes > LIST_IMPORT_MAX_BYTES) {
      throw invalid('csv', `the file is larger than ${LIST_IMPORT_MAX_BYTES} bytes`, 413);
    }
    if (parser === undefined) {
      separator = guessSeparator(chunk.toString('utf8').split('\n', 1)[0] ?? '');
      parser = parse({
        delimiter: separator,
        bom: true,
        relax_column_count: true,
        skip_empty_lines: true,
        info: true,
      });
      parser.on('readable', () => {
        let item;
        while ((item = parser?.read() as (typeof records)[number] | null) !== null)
          records.push(item);
      });
    }
    await new Promise<void>((resolve, reject) => {
      parser?.write(chunk, (error) => (error ? reject(error) : resolve()));
    });
    take();
  }
  if (parser === undefined) throw invalid('csv', 'the file is empty: a header line, then numbers');
  await new Promise<void>((resolve, reject) => {
    parser?.once('end', resolve);
    parser?.once('error', reject);
    parser?.end();
  });
  take();
  return { numbers, unreadable };
}

export function suppressionRoutes(context: ServerContext): AnyRoute[] {
  const { store } = context;
  return [
    route({
      method: 'PUT',
      url: '/api/v1/suppression-lists/:id',
      summary:
        'Create or replace an opposition / suppression list: a CSV with a phone column, the ' +
        'date it was scrubbed in the query. Unreadable numbers are skipped and counted.',
      tag: 'campaigns',
      roles: ['admin', 'supervisor'],
      params: IdParams,
      query: SuppressionListQuery,
      bodyType: 'text/csv',
      responses: {
        200: { description: 'the list', schema: SuppressionListResult },
        400: { description: 'not a CSV file with that column' },
      },
      async handler({ principal, params, query, request }) {
        const body = request.body;
        if (!(body instanceof Readable)) {
          throw invalid('body', 'send the CSV file as the body, with content-type text/csv');
        }
        try {
          createLeadNormaliser(query.defaultRegion);
        } catch (error) {
          if (error instanceof DialerInputError) throw invalid('defaultRegion', error.reason);
          throw error;
        }
        let read;
        try {
          read = await readNumbers(body, query.phone, query.defaultRegion);
        } catch (error) {
          if (error instanceof ApiError) throw error;
          throw invalid('csv', error instanceof Error ? error.message : String(error));
        }
        const list = await store.putSuppressionList(
          principal.tenantId,
          { id: params.id, name: query.name, scrubbedAt: query.scrubbedAt },
          read.numbers,
        );
        await audit(context, principal, 'import', `suppression-list:${params.id}`, {
          numbers: list.numbers,
          unreadable: read.unreadable.length,
          scrubbedAt: list.scrubbedAt,
        });
        return {
          id: list.id,
          name: list.name,
          scrubbedAt: list.scrubbedAt,
          numbers: list.numbers,
          unreadable: read.unreadable.length,
          unreadableLines: read.unreadable.slice(0, UNREADABLE_IN_ANSWER),
        };
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/suppression-lists',
      summary: 'The opposition / suppression lists, with their scrub date and size',
      tag: 'campaigns',
      roles: ['admin', 'supervisor'],
      responses: { 200: { description: 'lists', schema: z.array(SuppressionListView) } },
      async handler({ principal }) {
        return (await store.listSuppressionLists(principal.tenantId)).map((list) => ({
          id: list.id,
          name: list.name,
          scrubbedAt: list.scrubbedAt,
          numbers: list.numbers,
        }));
      },
    }),
  ];
}
