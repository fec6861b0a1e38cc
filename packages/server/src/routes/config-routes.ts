// CRUD for configuration: POST creates (409 if the id exists), PUT creates or replaces (with
// If-Match for optimistic concurrency), GET lists and reads. Engine-backed kinds go through the
// engine first, so a configuration the engine refuses is never stored.
import { IdParams, Page } from '@relais/protocol';
import type { Command } from '@relais/engine';
import type { ConfigRecord } from '@relais/store';
import { z } from 'zod';
import { audit } from '../audit.ts';
import type { Principal } from '../auth/principal.ts';
import type { ServerContext } from '../context.ts';
import { defined } from '../http/defined.ts';
import { ApiError, notFound } from '../http/errors.ts';
import { route, type AnyRoute } from '../http/route.ts';
import { checkTelephonyFields } from '../telephony/telephony-config.ts';
import { KINDS, type KindSpec } from './config-kinds.ts';

const READERS = ['admin', 'supervisor', 'planner', 'agent', 'clientViewer'] as const;

/** A stored row as the API shows it: the entity, its version and times, secrets left out. */
function present(spec: KindSpec, record: ConfigRecord): Record<string, unknown> {
  const data = { ...(record.data as Record<string, unknown>) };
  for (const field of spec.writeOnly ?? []) delete data[field];
  return {
    ...data,
    version: record.version,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
  };
}

function ifMatch(header: string | string[] | undefined): number | undefined {
  if (header === undefined) return undefined;
  const value = Array.isArray(header) ? header[0] : header;
  const version = Number(String(value).replace(/"/g, ''));
  if (!Number.isInteger(version) || version < 0) {
    throw new ApiError(
      400,
      'ValidationFailed',
      'If-Match: expected the version number the change is based on',
    );
  }
  return version;
}

/** Stores a written row (through the engine for engine-backed kinds), claims kept in step. */
async function storeRow(
  context: ServerContext,
  tenantId: string,
  spec: KindSpec,
  data: Record<string, unknown> & { id: string },
): Promise<void> {
  const put = async (): Promise<void> => {
    if (spec.command === undefined) {
      await context.store.putConfig(tenantId, spec.kind, data.id, data);
      if (spec.kind === 'webhook') context.webhooks.invalidate(tenantId);
    } else {
      const runtime = await context.tenants.get(tenantId);
      await runtime.execute(spec.command(data as never), {
        config: [{ kind: spec.kind, id: data.id, data }],
      });
    }
  };
  if (spec.kind === 'queue' || spec.kind === 'agent')
    await context.phoneClaims.track(tenantId, spec.kind, [{ id: data.id, data }], put);
  else await put();
}

/**
 * Writes a row in its turn (TEL30): the stored row it is based on (If-Match, the SIP password
 * kept) is read after every earlier write of that row is over, and nothing else writes the row
 * until this one is.
 */
function write(
  context: ServerContext,
  principal: Principal,
  spec: KindSpec,
  data: Record<string, unknown> & { id: string },
  expected: number | undefined,
): Promise<ConfigRecord> {
  const row = { tenantId: principal.tenantId, kind: spec.kind, id: data.id };
  return context.configWrites.serialize(row, () =>
    writeInTurn(context, principal, spec, data, expected),
  );
}

async function writeInTurn(
  context: ServerContext,
  principal: Principal,
  spec: KindSpec,
  data: Record<string, unknown> & { id: string },
  expected: number | undefined,
): Promise<ConfigRecord> {
  const tenantId = principal.tenantId;
  const current = await context.store.getConfig(tenantId, spec.kind, data.id);
  const version = current?.version ?? 0;
  if (expected !== undefined && expected !== version) {
    throw new ApiError(
      409,
      'VersionConflict',
      `${spec.noun} "${data.id}" is at version ${version}, not ${expected}; reload and retry`,
      {
        id: data.id,
        version,
      },
    );
  }
  if (spec.kind === 'queue') {
    const clientId = String(data.clientId);
    if ((await context.store.getConfig(tenantId, 'client', clientId)) === undefined) {
      throw new ApiError(
        404,
        'UnknownClient',
        `queue.clientId: no client with id "${clientId}"; create it first`,
        { clientId },
      );
    }
  }
  if (spec.kind === 'webhook') {
    // A new subscription starts with the next event; a replaced one keeps its starting point.
    const previous = (current?.data as { startAfterSeq?: number } | undefined)?.startAfterSeq;
    data.startAfterSeq = previous ?? (await context.tenants.get(tenantId)).engine.seq;
  }
  const release = await checkTelephonyFields(
    context.store,
    context.phoneClaims,
    tenantId,
    spec.kind,
    data,
    current,
  );
  try {
    await storeRow(context, tenantId, spec, data);
  } finally {
    release();
  }
  await context.telephony?.configChanged([{ tenantId, kind: spec.kind, id: data.id, data }]);
  await audit(
    context,
    principal,
    current === undefined ? 'create' : 'update',
    `${spec.kind}:${data.id}`,
    { version: version + 1 },
  );
  const stored = await context.store.getConfig(tenantId, spec.kind, data.id);
  if (stored === undefined) throw new Error(`${spec.kind} ${data.id} vanished after writing`);
  return stored;
}

export function configRoutes(context: ServerContext): AnyRoute[] {
  return KINDS.flatMap((spec): AnyRoute[] => {
    const base = `/api/v1/${spec.path}`;
    const item = spec.schema.extend({
      version: z.int(),
      createdAt: z.string(),
      updatedAt: z.string(),
    });
    return [
      route({
        method: 'GET',
        url: base,
        summary: `List ${spec.path} (ordered by id, paged with ?after=<last id>)`,
        tag: 'configuration',
        roles: READERS,
        query: Page,
        responses: {
          200: {
            description: `${spec.path} you may see`,
            schema: z.object({ items: z.array(item) }),
          },
        },
        async handler({ principal, query }) {
          const rows = await context.store.listConfig(
            principal.tenantId,
            spec.kind,
            defined(query),
          );
          const items = rows
            .filter((row) => spec.visible(principal, row.data as never))
            .map((row) => present(spec, row));
          const last = rows.at(-1);
          return {
            items,
            ...(rows.length === query.limit && last !== undefined ? { next: last.id } : {}),
          };
        },
      }),
      route({
        method: 'GET',
        url: `${base}/:id`,
        summary: `Read one ${spec.noun}`,
        tag: 'configuration',
        roles: READERS,
        params: IdParams,
        responses: {
          200: { description: spec.noun, schema: item },
          404: { description: 'unknown id, or not yours to see' },
        },
        async handler({ principal, params }) {
          const row = await context.store.getConfig(principal.tenantId, spec.kind, params.id);
          if (row === undefined || !spec.visible(principal, row.data as never))
            throw notFound(spec.noun, params.id);
          return present(spec, row);
        },
      }),
      route({
        method: 'POST',
        url: base,
        summary: `Create a ${spec.noun}`,
        tag: 'configuration',
        roles: ['admin'],
        body: spec.schema,
        responses: {
          201: { description: 'created', schema: item },
          400: { description: 'invalid body' },
          409: { description: 'the id exists' },
        },
        async handler({ principal, body, reply }) {
          const data = body as Record<string, unknown> & { id: string };
          const row = await write(context, principal, spec, data, 0).catch((error: unknown) => {
            if (error instanceof ApiError && error.code === 'VersionConflict') {
              throw new ApiError(
                409,
                'AlreadyExists',
                `${spec.noun} "${data.id}" already exists; PUT ${base}/${data.id} replaces it`,
                { id: data.id },
              );
            }
            throw error;
          });
          void reply.code(201);
          return present(spec, row);
        },
      }),
      route({
        method: 'PUT',
        url: `${base}/:id`,
        summary: `Create or replace a ${spec.noun} (If-Match: version, optional)`,
        tag: 'configuration',
        roles: ['admin'],
        params: IdParams,
        body: spec.schema.partial({ id: true }),
        headers: { 'If-Match': 'the version the change is based on; 409 if it moved on' },
        responses: {
          200: { description: 'stored', schema: item },
          400: { description: 'invalid body' },
          409: { description: 'version conflict' },
        },
        async handler({ principal, params, body, request }) {
          const data = { ...body, id: params.id };
          if (
            (body as { id?: string }).id !== undefined &&
            (body as { id?: string }).id !== params.id
          ) {
            throw new ApiError(
              400,
              'ValidationFailed',
              `id: the body says "${String((body as { id?: string }).id)}" but the URL says "${params.id}"`,
            );
          }
          return present(
            spec,
            await write(context, principal, spec, data, ifMatch(request.headers['if-match'])),
          );
        },
      }),
      ...(spec.remove === undefined
        ? []
        : [
            route({
              method: 'DELETE',
              url: `${base}/:id`,
              summary: `Remove a ${spec.noun} (refused while something live uses it)`,
              tag: 'configuration',
              roles: ['admin'],
              params: IdParams,
              responses: {
                200: { description: 'removed' },
                404: { description: 'unknown id' },
                409: { description: 'still in use (a logged-in agent, a pause code in use…)' },
              },
              handler: ({ principal, params }) =>
                context.configWrites.serialize(
                  { tenantId: principal.tenantId, kind: spec.kind, id: params.id },
                  () => removeInTurn(context, principal, spec, params.id),
                ),
            }),
          ]),
    ];
  });
}

/** Removes a row in its turn (TEL30): no write of the row runs meanwhile. */
async function removeInTurn(
  context: ServerContext,
  principal: Principal,
  spec: KindSpec,
  id: string,
): Promise<{ ok: true }> {
  const remove = spec.remove as (id: string) => Command;
  if ((await context.store.getConfig(principal.tenantId, spec.kind, id)) === undefined) {
    throw notFound(spec.noun, id);
  }
  const runtime = await context.tenants.get(principal.tenantId);
  // The row goes in the same transaction as the command that removed it from the engine.
  const removal = () =>
    runtime.execute(remove(id), { config: [{ kind: spec.kind, id, data: null }] });
  if (spec.kind === 'queue' || spec.kind === 'agent') {
    await context.phoneClaims.track(
      principal.tenantId,
      spec.kind,
      [{ id, data: undefined }],
      removal,
    );
  } else await removal();
  await context.telephony?.configChanged([{ tenantId: principal.tenantId, kind: spec.kind, id }]);
  await audit(context, principal, 'delete', `${spec.kind}:${id}`);
  return { ok: true };
}
