// The outbound campaign API (issue 8; routes listed in packages/protocol/src/campaigns.ts):
// campaigns and their state, lead lists and their import, leads, "why isn't it dialing?",
// figures, callbacks and suppression lists. Admins and supervisors manage (supervisors the
// campaigns of queues they see); client viewers read their own client's campaigns; others 403.
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { CampaignRejected, compileCampaign, DialerInputError } from '@relais/dialer';
import {
  BlockingSummary,
  CallbackView,
  Campaign,
  CampaignStats,
  CampaignView,
  Id,
  IdParams,
  LeadDetail,
  LeadList,
  LeadPage,
  LeadQuery,
  LIST_IMPORT_MAX_BYTES,
  ListImportProgress,
  ListImportQuery,
  ListImportResult,
  ScheduleCallback,
  SetCampaignState,
} from '@relais/protocol';
import type { CampaignRecord, Role } from '@relais/store';
import { z } from 'zod';
import { audit } from '../audit.ts';
import type { Principal } from '../auth/principal.ts';
import { canSeeQueue } from '../auth/scope.ts';
import type { ServerContext } from '../context.ts';
import { ApiError, notFound } from '../http/errors.ts';
import { route, type AnyRoute } from '../http/route.ts';
import { BlockingCache, toSettings } from './blocking.ts';
import { campaignTimeZone, startOfLocalDay } from './live/campaign-loader.ts';
import { attemptView, callbackView, campaignView, csvCell, leadView } from './campaign-views.ts';
import { ImportProgressBoard } from './import-progress.ts';
import { importLeadList, ListImportError } from './list-import.ts';
import type { MappedField } from './lead-rows.ts';

const MANAGE: readonly Role[] = ['admin', 'supervisor'];
const READ: readonly Role[] = ['admin', 'supervisor', 'clientViewer'];

const ListParams = z.object({ id: Id, listId: Id });

/** A campaign refused by the dialer's rules, as the API's one validation error. */
function rejected(error: CampaignRejected | DialerInputError): ApiError {
  const message =
    error instanceof CampaignRejected ? `${error.field}: ${error.reason}` : error.message;
  const rule = error instanceof CampaignRejected ? error.rule : 'input';
  return new ApiError(400, 'ValidationFailed', message, [{ path: error.field, message, rule }]);
}

export function campaignRoutes(context: ServerContext): AnyRoute[] {
  const { store } = context;
  const blocking = new BlockingCache(store, context.clock);
  const board = new ImportProgressBoard(context.clock);

  /** The campaign if the caller may see it (404 otherwise: its existence is not told). */
  async function visibleCampaign(p: Principal, id: string): Promise<CampaignRecord<Campaign>> {
    const record = await store.getCampaign<Campaign>(p.tenantId, id);
    if (record === undefined || !(await mayRead(p, record))) throw notFound('campaign', id);
    return record;
  }

  async function mayRead(p: Principal, record: CampaignRecord<Campaign>): Promise<boolean> {
    if (p.role === 'admin') return true;
    if (p.role === 'clientViewer') return p.scope.clientId === record.clientId;
    if (p.role !== 'supervisor') return false;
    const queue = await store.getConfig<Parameters<typeof canSeeQueue>[1]>(
      p.tenantId,
      'queue',
      record.config.queueId,
    );
    return queue !== undefined && canSeeQueue(p, queue.data);
  }

  async function leadCount(tenantId: string, campaignId: string): Promise<number> {
    const { leadsByState } = await store.campaignCounts(
      tenantId,
      campaignId,
      Number.MAX_SAFE_INTEGER,
    );
    return Object.values(leadsByState).reduce((sum, n) => sum + n, 0);
  }

  /** Checks references the schema cannot: the client, the queue (of that client), the lists. */
  async function checkReferences(p: Principal, campaign: Campaign): Promise<void> {
    const fail = (path: string, message: string) =>
      new ApiError(400, 'ValidationFailed', `${path}: ${message}`, [{ path, message }]);
    if ((await store.getConfig(p.tenantId, 'client', campaign.clientId)) === undefined) {
      throw fail('clientId', `no client with id "${campaign.clientId}"`);
    }
    const queue = await store.getConfig<{
      clientId: string;
      sites?: string[];
      homeSiteId?: string;
    }>(p.tenantId, 'queue', campaign.queueId);
    if (queue === undefined) throw fail('queueId', `no queue with id "${campaign.queueId}"`);
    if (queue.data.clientId !== campaign.clientId) {
      throw fail('queueId', `queue "${campaign.queueId}" serves client "${queue.data.clientId}"`);
    }
    if (p.role === 'supervisor' && !canSeeQueue(p, queue.data)) {
      throw fail('queueId', `queue "${campaign.queueId}" is not one of your sites' queues`);
    }
    const lists = new Set((await store.listSuppressionLists(p.tenantId)).map((list) => list.id));
    campaign.suppressionListIds.forEach((id, index) => {
      if (!lists.has(id)) throw fail(`suppressionListIds.${index}`, `no suppression list "${id}"`);
    });
  }

  return [
    route({
      method: 'GET',
      url: '/api/v1/campaigns',
      summary: 'Outbound campaigns with their state and lead count (a client viewer: its client’s)',
      tag: 'campaigns',
      roles: READ,
      responses: { 200: { description: 'campaigns', schema: z.array(CampaignView) } },
      async handler({ principal }) {
        const records = await store.listCampaigns<Campaign>(
          principal.tenantId,
          principal.role === 'clientViewer' ? (principal.scope.clientId ?? '\u0000') : undefined,
        );
        const views = [];
        for (const record of records) {
          if (!(await mayRead(principal, record))) continue;
          views.push(campaignView(record, await leadCount(principal.tenantId, record.id)));
        }
        return views;
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/campaigns/:id',
      summary: 'One campaign: its settings, state and lead count',
      tag: 'campaigns',
      roles: READ,
      params: IdParams,
      responses: {
        200: { description: 'the campaign', schema: CampaignView },
        404: { description: 'no such campaign (or not yours)' },
      },
      async handler({ principal, params }) {
        const record = await visibleCampaign(principal, params.id);
        return campaignView(record, await leadCount(principal.tenantId, record.id));
      },
    }),
    route({
      method: 'PUT',
      url: '/api/v1/campaigns/:id',
      summary:
        'Create or replace a campaign. Its rule pack may only be tightened; a French campaign ' +
        'presents an Arcep number for automated dialing; one disposition at least is a success; ' +
        'recycling names known outcomes (SPEC CAMP1–CAMP5). A new campaign starts stopped.',
      tag: 'campaigns',
      roles: MANAGE,
      params: IdParams,
      body: Campaign,
      responses: {
        200: { description: 'replaced', schema: CampaignView },
        201: { description: 'created', schema: CampaignView },
        400: { description: 'invalid: error.details names the field (and the rule)' },
      },
      async handler({ principal, params, body, reply }) {
        if (body.id !== params.id) {
          const message = `the body's id "${body.id}" is not the path's "${params.id}"`;
          throw new ApiError(400, 'ValidationFailed', `id: ${message}`, [{ path: 'id', message }]);
        }
        const existing = await store.getCampaign<Campaign>(principal.tenantId, params.id);
        if (existing !== undefined && !(await mayRead(principal, existing))) {
          throw notFound('campaign', params.id);
        }
        try {
          compileCampaign(toSettings(body));
        } catch (error) {
          if (error instanceof CampaignRejected || error instanceof DialerInputError)
            throw rejected(error);
          throw error;
        }
        await checkReferences(principal, body);
        const record = await store.putCampaign(principal.tenantId, {
          id: body.id,
          clientId: body.clientId,
          config: body,
        });
        blocking.forget(principal.tenantId, body.id);
        if (existing !== undefined)
          await context.dialer.settingsChanged(principal.tenantId, body.id);
        await audit(
          context,
          principal,
          existing === undefined ? 'create' : 'update',
          `campaign:${body.id}`,
        );
        if (existing === undefined) void reply.code(201);
        return campaignView(record, await leadCount(principal.tenantId, body.id));
      },
    }),
    route({
      method: 'DELETE',
      url: '/api/v1/campaigns/:id',
      summary:
        'Remove a stopped campaign with its lists and leads (the attempts stay: compliance history)',
      tag: 'campaigns',
      roles: MANAGE,
      params: IdParams,
      responses: {
        200: { description: 'removed' },
        404: { description: 'no such campaign' },
        409: { description: 'the campaign is running or paused: stop it first' },
      },
      async handler({ principal, params }) {
        const record = await visibleCampaign(principal, params.id);
        if (record.state !== 'stopped') {
          throw new ApiError(
            409,
            'CampaignActive',
            `campaign "${params.id}" is ${record.state}; stop it first`,
            {
              state: record.state,
            },
          );
        }
        await store.deleteCampaign(principal.tenantId, params.id);
        blocking.forget(principal.tenantId, params.id);
        context.dialer.campaignDeleted(principal.tenantId, params.id);
        await audit(context, principal, 'delete', `campaign:${params.id}`);
        return { ok: true };
      },
    }),
    route({
      method: 'PUT',
      url: '/api/v1/campaigns/:id/state',
      summary:
        'Run, pause or stop a campaign. Running, the server paces and places its calls (calls ' +
        'are SIMULATED by the called-party model until telephony is connected); paused or ' +
        'stopped, it places no new call and lets the calls out finish.',
      tag: 'campaigns',
      roles: MANAGE,
      params: IdParams,
      body: SetCampaignState,
      responses: { 200: { description: 'the campaign', schema: CampaignView } },
      async handler({ principal, params, body }) {
        await visibleCampaign(principal, params.id);
        const record = await store.setCampaignState(principal.tenantId, params.id, body.state);
        if (record === undefined) throw notFound('campaign', params.id);
        try {
          // The tenant's runtime opened (and the dialer attached to it) before the change.
          await context.tenants.get(principal.tenantId);
          await context.dialer.stateChanged(principal.tenantId, params.id, body.state);
        } catch (error) {
          context.log.error({ err: error, campaignId: params.id }, 'dialer: state not applied');
          const reason = error instanceof Error ? error.message : String(error);
          throw new ApiError(
            503,
            'DialerUnavailable',
            `campaign "${params.id}" is stored ${body.state}, but the dialer could not apply it: ${reason}; retry`,
          );
        }
        await audit(context, principal, 'state', `campaign:${params.id}`, { state: body.state });
        return campaignView(
          record as CampaignRecord<Campaign>,
          await leadCount(principal.tenantId, params.id),
        );
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/campaigns/:id/lists',
      summary:
        'Import a lead list (CSV body, streamed; the query maps columns to fields). Numbers are ' +
        'normalised to E.164, duplicates merged (in the file and with the campaign), every ' +
        'rejected row reported with its line and reasons; the list is written in one ' +
        'transaction or not at all. Poll …/lists/:listId/progress with the listId you pass.',
      tag: 'campaigns',
      roles: MANAGE,
      params: IdParams,
      query: ListImportQuery,
      bodyType: 'text/csv',
      responses: {
        200: { description: 'imported', schema: ListImportResult },
        400: {
          description: 'not a CSV file, a mapped column missing, or no rows: nothing written',
        },
        404: { description: 'no such campaign, or it was deleted during the import' },
        409: { description: 'a list with this id exists or is being imported' },
        413: { description: 'the file is too large' },
      },
      async handler({ principal, params, query, request }) {
        const record = await visibleCampaign(principal, params.id);
        const body = request.body;
        if (!(body instanceof Readable)) {
          const message = 'send the CSV file as the body, with content-type text/csv';
          throw new ApiError(400, 'ValidationFailed', message, [{ path: 'body', message }]);
        }
        const tenantId = principal.tenantId;
        const listId = query.listId ?? `list-${randomUUID().slice(0, 8)}`;
        if ((await store.getLeadList(tenantId, listId)) !== undefined) {
          throw new ApiError(409, 'Duplicate', `a list "${listId}" exists already`, { listId });
        }
        const length = Number(request.headers['content-length']);
        const started = board.start(tenantId, {
          listId,
          campaignId: params.id,
          phase: 'reading',
          rowsDone: 0,
          bytesDone: 0,
          ...(Number.isSafeInteger(length) && length >= 0 ? { bytesTotal: length } : {}),
        });
        if (!started) {
          throw new ApiError(409, 'Duplicate', `list "${listId}" is being imported`, { listId });
        }
        const mapping: Partial<Record<MappedField, string>> = {};
        for (const field of [
          'phone',
          'firstName',
          'lastName',
          'timeZone',
          'country',
          'postcode',
          'departement',
          'consentGivenAt',
          'consentProof',
          'consentCoversHours',
          'contractRelation',
        ] as const) {
          const column = query[field];
          if (column !== undefined) mapping[field] = column;
        }
        let outcome;
        try {
          outcome = await importLeadList(
            store,
            {
              tenantId,
              campaignId: params.id,
              listId,
              defaultRegion: record.config.defaultRegion,
              name: query.name,
              origin: query.origin,
              legalBasis: query.legalBasis,
              importedBy: principal.actor,
              mapping,
              ...(query.separator === undefined ? {} : { separator: query.separator }),
              maxBytes: LIST_IMPORT_MAX_BYTES,
            },
            body,
            {
              reading: (rowsDone, bytesDone) =>
                board.update(tenantId, listId, { rowsDone, bytesDone }),
              writing: () => board.update(tenantId, listId, { phase: 'writing' }),
            },
          );
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          board.update(tenantId, listId, { phase: 'failed', error: message });
          if (error instanceof ListImportError) {
            const code = error.status === 413 ? 'TooLarge' : 'ValidationFailed';
            throw new ApiError(error.status, code, `${error.part}: ${message}`, [
              { path: error.part, message },
            ]);
          }
          // Deleted while the file was read (LIST10): the store refused the list's rows.
          if ((await store.getCampaign(tenantId, params.id)) === undefined) {
            throw new ApiError(
              404,
              'NotFound',
              `campaign "${params.id}" was deleted while list "${listId}" was being imported; ` +
                'nothing of the list was kept (create the campaign again, then import the file)',
              { id: params.id, listId },
            );
          }
          throw error;
        }
        board.update(tenantId, listId, { phase: 'done' });
        blocking.forget(tenantId, params.id);
        await context.dialer.leadsImported(tenantId, params.id);
        await audit(context, principal, 'import', `campaign:${params.id}`, {
          listId,
          name: query.name,
          origin: query.origin,
          legalBasis: query.legalBasis,
          rows: outcome.rows,
          imported: outcome.imported,
          merged: outcome.merged,
          rejected: outcome.rejected,
        });
        return {
          listId,
          rows: outcome.rows,
          imported: outcome.imported,
          merged: outcome.merged,
          rejected: outcome.rejected,
          rejectedRows: outcome.firstRejected,
          ...(outcome.rejected === 0
            ? {}
            : { rejectedCsvUrl: `/api/v1/campaigns/${params.id}/lists/${listId}/rejected.csv` }),
        };
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/campaigns/:id/lists',
      summary: "A campaign's lead lists: origin, legal basis, who imported them and when, counts",
      tag: 'campaigns',
      roles: READ,
      params: IdParams,
      responses: { 200: { description: 'lists', schema: z.array(LeadList) } },
      async handler({ principal, params }) {
        await visibleCampaign(principal, params.id);
        return store.listLeadLists(principal.tenantId, params.id);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/campaigns/:id/lists/:listId/progress',
      summary: 'How far an import is (rows read, bytes read of the upload, phase)',
      tag: 'campaigns',
      roles: MANAGE,
      params: ListParams,
      responses: {
        200: { description: 'progress', schema: ListImportProgress },
        404: { description: 'no import of this list on this server lately' },
      },
      async handler({ principal, params }) {
        await visibleCampaign(principal, params.id);
        const progress = board.get(principal.tenantId, params.listId);
        if (progress === undefined || progress.campaignId !== params.id) {
          throw notFound('import', params.listId);
        }
        return progress;
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/campaigns/:id/lists/:listId/rejected.csv',
      summary:
        'Every rejected row of a list: line, field, code, message (CSV; the download is audited)',
      tag: 'campaigns',
      roles: MANAGE,
      params: ListParams,
      responses: { 200: { description: 'text/csv' }, 404: { description: 'no such list' } },
      async handler({ principal, params, reply }) {
        await visibleCampaign(principal, params.id);
        const list = await store.getLeadList(principal.tenantId, params.listId);
        if (list === undefined || list.campaignId !== params.id)
          throw notFound('list', params.listId);
        const rows = await store.leadListRejections(principal.tenantId, params.listId);
        const lines = ['line,field,code,message'];
        for (const row of rows) {
          for (const error of row.errors as { field: string; code: string; message: string }[]) {
            lines.push([row.line, error.field, error.code, error.message].map(csvCell).join(','));
          }
        }
        await audit(context, principal, 'export', `list:${params.listId}`, {
          what: 'rejected rows',
          rows: rows.length,
        });
        void reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${params.listId}-rejected.csv"`);
        return `${lines.join('\n')}\n`;
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/campaigns/:id/leads',
      summary: "A page of a campaign's leads by id, filtered by state or blocking reason",
      tag: 'campaigns',
      roles: READ,
      params: IdParams,
      query: LeadQuery,
      responses: { 200: { description: 'a page', schema: LeadPage } },
      async handler({ principal, params, query }) {
        await visibleCampaign(principal, params.id);
        const leads = await store.listLeads(principal.tenantId, params.id, {
          ...(query.state === undefined ? {} : { state: query.state }),
          ...(query.blockedBy === undefined ? {} : { blockedBy: query.blockedBy }),
          ...(query.after === undefined ? {} : { after: query.after }),
          limit: query.limit,
        });
        const last = leads.at(-1);
        return {
          leads: leads.map(leadView),
          ...(last !== undefined && leads.length === query.limit ? { next: last.id } : {}),
        };
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/campaigns/:id/blocking',
      summary:
        "Why isn't it dialing? The compliance gate over the campaign's open leads now, with the " +
        'tenant-wide history of their numbers: counts per first reason (cached a few seconds)',
      tag: 'campaigns',
      roles: READ,
      params: IdParams,
      responses: { 200: { description: 'the summary', schema: BlockingSummary } },
      async handler({ principal, params }) {
        const record = await visibleCampaign(principal, params.id);
        return blocking.summary(principal.tenantId, record.config);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/campaigns/:id/stats',
      summary:
        "A campaign's figures. While it runs or is paused, from the live dialer: dial level, " +
        'lines in use, agents, effective mode, today (the day in the pack’s zone: Paris, London ' +
        'or New York) and abandon rates; otherwise from the store. Calls are simulated until ' +
        'telephony is connected.',
      tag: 'campaigns',
      roles: READ,
      params: IdParams,
      responses: { 200: { description: 'figures', schema: CampaignStats } },
      async handler({ principal, params }) {
        const record = await visibleCampaign(principal, params.id);
        const nowMs = context.clock();
        const { abandonWindowHours } = compileCampaign(toSettings(record.config));
        const dayStart = startOfLocalDay(campaignTimeZone(record.config.rulePack), nowMs);
        const all = await store.campaignCounts(principal.tenantId, params.id, 0);
        const base = {
          campaignId: params.id,
          at: new Date(nowMs).toISOString(),
          state: record.state,
          mode: record.config.mode,
          simulatedCalls: context.dialer.simulated,
          leadsByState: all.leadsByState,
        };
        const live = context.dialer.figures(principal.tenantId, params.id);
        if (live !== undefined) {
          return {
            ...base,
            effectiveMode: live.effectiveMode,
            dialLevel: live.dialLevel,
            linesInUse: live.linesInUse,
            agents: live.agents,
            today: {
              placed: live.today.placed,
              answeredHuman: live.today.answeredHuman,
              answeringMachine: live.today.answeringMachine,
              noAnswer: live.today.noAnswer,
              busy: live.today.busy,
              abandoned: live.today.abandoned,
              success: live.today.success,
            },
            answerRate: live.answerRate,
            abandonRate: live.abandonRate,
            blockedByReason: live.blockedByReason,
            ...(live.writeError === undefined &&
            live.writesPending === 0 &&
            live.writesRejected.count === 0
              ? {}
              : {
                  storeLag: {
                    pendingWrites: live.writesPending,
                    ...(live.writeError === undefined ? {} : { lastError: live.writeError }),
                    rejectedWrites: live.writesRejected.count,
                    rejected: live.writesRejected.recent.map(({ atMs, ...write }) => ({
                      at: new Date(atMs).toISOString(),
                      ...write,
                    })),
                  },
                }),
          };
        }
        const today = await store.campaignCounts(principal.tenantId, params.id, dayStart);
        const window = await store.campaignCounts(
          principal.tenantId,
          params.id,
          nowMs - abandonWindowHours * 3_600_000,
        );
        const n = (counts: Record<string, number>, key: string) => counts[key] ?? 0;
        const humans = (counts: Record<string, number>) =>
          n(counts, 'answered') + n(counts, 'abandoned');
        const rate = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);
        const placed = Object.values(today.attemptsByOutcome).reduce((sum, v) => sum + v, 0);
        return {
          ...base,
          // Not on the live loop (stopped): nothing is paced or on a line.
          effectiveMode: record.config.mode,
          dialLevel: 0,
          linesInUse: 0,
          agents: { loggedIn: 0, available: 0, onCall: 0, wrapUp: 0 },
          today: {
            placed,
            answeredHuman: humans(today.attemptsByOutcome),
            answeringMachine: n(today.attemptsByOutcome, 'answeringMachine'),
            noAnswer: n(today.attemptsByOutcome, 'noAnswer'),
            busy: n(today.attemptsByOutcome, 'busy'),
            abandoned: n(today.attemptsByOutcome, 'abandoned'),
            success: n(today.attemptsByFlag, 'success'),
          },
          answerRate: rate(humans(today.attemptsByOutcome), placed),
          abandonRate: {
            window: rate(
              n(window.attemptsByOutcome, 'abandoned'),
              humans(window.attemptsByOutcome),
            ),
            windowHours: abandonWindowHours,
            sinceStart: rate(n(all.attemptsByOutcome, 'abandoned'), humans(all.attemptsByOutcome)),
          },
          blockedByReason: all.blockedByReason,
        };
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/leads/:id',
      summary:
        'A lead and its full history in its campaign (attempts, outcomes, dispositions, agents)',
      tag: 'campaigns',
      roles: READ,
      params: IdParams,
      responses: { 200: { description: 'the lead', schema: LeadDetail } },
      async handler({ principal, params }) {
        const lead = await store.getLead(principal.tenantId, params.id);
        if (lead === undefined) throw notFound('lead', params.id);
        const record = await store.getCampaign<Campaign>(principal.tenantId, lead.campaignId);
        if (record === undefined || !(await mayRead(principal, record))) {
          throw notFound('lead', params.id);
        }
        const history = await store.leadAttempts(principal.tenantId, params.id);
        return { lead: leadView(lead), history: history.map(attemptView) };
      },
    }),
    route({
      method: 'POST',
      url: '/api/v1/campaigns/:id/callbacks',
      summary: 'Promise a callback to a lead of the campaign, owned by an agent or by the campaign',
      tag: 'campaigns',
      roles: MANAGE,
      params: IdParams,
      body: ScheduleCallback,
      responses: {
        201: { description: 'scheduled', schema: CallbackView },
        400: { description: 'the lead is not in this campaign, or the agent is unknown' },
      },
      async handler({ principal, params, body, reply }) {
        await visibleCampaign(principal, params.id);
        const fail = (path: string, message: string) =>
          new ApiError(400, 'ValidationFailed', `${path}: ${message}`, [{ path, message }]);
        const lead = await store.getLead(principal.tenantId, body.leadId);
        if (lead === undefined || lead.campaignId !== params.id) {
          throw fail('leadId', `no lead "${body.leadId}" in campaign "${params.id}"`);
        }
        if (lead.state === 'done') throw fail('leadId', `lead "${body.leadId}" is closed`);
        if (
          body.agentId !== undefined &&
          (await store.getConfig(principal.tenantId, 'agent', body.agentId)) === undefined
        ) {
          throw fail('agentId', `no agent with id "${body.agentId}"`);
        }
        const callback = await store.scheduleCallback(principal.tenantId, {
          leadId: body.leadId,
          atMs: Date.parse(body.at),
          ...(body.agentId === undefined ? {} : { agentId: body.agentId }),
          createdBy: principal.actor,
        });
        if (callback === undefined) throw fail('leadId', `no lead "${body.leadId}"`);
        blocking.forget(principal.tenantId, params.id);
        context.dialer.callbackScheduled(
          principal.tenantId,
          params.id,
          body.leadId,
          callback.atMs,
          body.agentId,
        );
        void reply.code(201);
        return callbackView(callback);
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/campaigns/:id/callbacks',
      summary: "A campaign's scheduled callbacks, earliest first",
      tag: 'campaigns',
      roles: READ,
      params: IdParams,
      responses: { 200: { description: 'callbacks', schema: z.array(CallbackView) } },
      async handler({ principal, params }) {
        await visibleCampaign(principal, params.id);
        return (await store.listCallbacks(principal.tenantId, params.id)).map(callbackView);
      },
    }),
  ];
}
