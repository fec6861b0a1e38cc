// The HTTP server: Fastify with the Relais routes, one error shape, security headers, limits.
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { LogBatch, Store } from '@relais/store';
import { DEFAULT_SETTINGS, type ServerContext, type ServerSettings } from './context.ts';
import { ApiError, toApiError } from './http/errors.ts';
import { maskPhones } from './http/mask.ts';
import { useSecurityHeaders } from './http/security-headers.ts';
import { docsPage, openApiDocument } from './http/openapi.ts';
import { register } from './http/route.ts';
import { sendAppPage, serveWebApp, wantsAppPage, type WebAppOptions } from './http/web-app.ts';
import { ServerMetrics } from './metrics.ts';
import { agentRoutes } from './routes/agent-routes.ts';
import { deskRoutes } from './desk/desk-routes.ts';
import { authRoutes } from './routes/auth-routes.ts';
import { configRoutes } from './routes/config-routes.ts';
import { contactRoutes } from './routes/contact-routes.ts';
import { demoRoutes, type DemoControl } from './routes/demo-routes.ts';
import { healthRoutes } from './routes/health-routes.ts';
import { realtimeRoutes } from './routes/realtime-routes.ts';
import { webhookRoutes } from './routes/webhook-routes.ts';
import { acceptCsv, importRoutes } from './import/import-routes.ts';
import { campaignRoutes } from './campaigns/campaign-routes.ts';
import { DialerService, type DialerOptions } from './campaigns/live/dialer-service.ts';
import { outboundDeskRoutes } from './campaigns/outbound-desk-routes.ts';
import { suppressionRoutes } from './campaigns/suppression-routes.ts';
import type { RuntimeOptions } from './runtime/tenant-runtime.ts';
import { SnapshotWorker, type SnapshotWorkerOptions } from './runtime/snapshot-worker.ts';
import {
  DEFAULT_PROJECTOR,
  ReportProjector,
  type ProjectorOptions,
} from './reports/report-projector.ts';
import { reportRoutes } from './reports/report-routes.ts';
import { planningRoutes } from './planning/planning-routes.ts';
import { exportRoutes } from './reports/export-routes.ts';
import { realtimeQueuesRoute } from './reports/realtime-queues-route.ts';
import { Tenants } from './runtime/tenants.ts';
import type { TelephonyOptions } from './telephony/telephony-options.ts';
import { PhoneClaims } from './telephony/phone-claims.ts';
import { ConfigWrites } from './routes/config-writes.ts';
import { TelephonyService } from './telephony/telephony-service.ts';
import { LateTelephony, trunkCalls } from './telephony/trunk-calls.ts';
import { softphoneConnectSource, softphoneRoutes } from './telephony/softphone-routes.ts';
import { registerStream } from './stream.ts';
import { wallboardRoutes } from './wallboard/wallboard-routes.ts';
import {
  DEFAULT_DISPATCH,
  WebhookDispatcher,
  type DispatcherOptions,
} from './webhooks/dispatcher.ts';

export const API_VERSION = '1.0.0';

export interface ServerOptions {
  store: Store;
  settings?: Partial<ServerSettings>;
  runtime?: RuntimeOptions;
  /** Fastify logger options; false in tests. */
  logger?: FastifyServerOptions['logger'];
  /** Requests per minute per caller (API key, session or address). */
  rateLimitPerMinute?: number;
  webhooks?: Partial<Omit<DispatcherOptions, 'clock'>>;
  /**
   * Snapshots to bound recovery, made on a thread of their own from the durable log; it opens
   * the database this spec names. Omitted: no snapshots (a restart replays the whole log).
   */
  snapshots?: Omit<SnapshotWorkerOptions, 'onResult' | 'onError'>;
  /** How often report projections are written (default every 5 s). */
  reports?: Partial<Omit<ProjectorOptions, 'onError'>>;
  /** The built browser app to serve at `/` (apps/web/dist); omitted: the API only. */
  web?: WebAppOptions;
  /** The demo's control (`relais serve --demo`): with it, GET/PUT /api/v1/demo exist. */
  demo?: DemoControl;
  /** The live dialer: its timers, lines (simulated called party by default) and pacing beat. */
  dialer?: DialerOptions;
  /** SIP calls through rtpengine (`relais serve --sip-host …`); omitted: telephony off. */
  telephony?: TelephonyOptions;
}

export interface RelaisServer {
  app: FastifyInstance;
  context: ServerContext;
  /** SIP calls, when `telephony` was given. */
  telephony?: TelephonyService;
  close(): Promise<void>;
}

/**
 * The logger options with the request serialiser that masks phone numbers: log lines carry none
 * (they sit in contact URLs). Fastify reads serialisers from the logger's own options.
 */
function maskedLogger(
  logger: ServerOptions['logger'],
): NonNullable<FastifyServerOptions['logger']> {
  if (logger === undefined || logger === false) return false;
  const base = logger === true ? {} : logger;
  return {
    ...base,
    serializers: {
      ...base.serializers,
      req: (req: { method: string; url: string }) => ({
        method: req.method,
        url: maskPhones(req.url),
      }),
    },
  };
}

export async function buildServer(options: ServerOptions): Promise<RelaisServer> {
  const app = Fastify({
    logger: maskedLogger(options.logger),
    // One line per request only when debugging: at 500 requests a second the log is the load.
    logController: new LogController({
      disableRequestLogging: (options.logger as { level?: string } | undefined)?.level !== 'debug',
    }),
    bodyLimit: 1024 * 1024,
  });
  const clock = options.runtime?.clock ?? Date.now;
  const webhooks = new WebhookDispatcher(options.store, {
    ...DEFAULT_DISPATCH,
    ...options.webhooks,
    clock,
  });
  const metrics = new ServerMetrics();
  const onCommit = (batch: LogBatch, commitMs: number): void => {
    metrics.logBatches.inc();
    metrics.logEvents.inc(batch.events.length);
    metrics.commitSeconds.observe(commitMs / 1000);
  };
  const runtimeOptions: RuntimeOptions = {
    onRecovered: (recovery) => app.log.info({ recovery }, 'tenant recovered'),
    ...options.runtime,
    onCommit,
  };
  const reports = new ReportProjector(options.store, {
    ...DEFAULT_PROJECTOR,
    ...options.reports,
    onError: (tenantId, error) =>
      app.log.error({ tenantId, err: error }, 'report projection not written; reloading it'),
  });
  // With a SIP trunk the dialer's calls are real (unless a test gives its own lines).
  const lateTelephony = new LateTelephony();
  const dialerOptions: DialerOptions =
    options.telephony?.trunk === undefined || options.dialer?.calls !== undefined
      ? (options.dialer ?? {})
      : {
          ...options.dialer,
          calls: trunkCalls({
            telephony: lateTelephony.promise,
            store: options.store,
            log: app.log,
          }),
        };
  const dialer = new DialerService(options.store, clock, dialerOptions, app.log, {
    onWriteFailure: () => metrics.dialerWriteFailures.inc(),
    onWriteRejected: () => metrics.dialerWritesRejected.inc(),
  });
  const tenants = new Tenants(options.store, runtimeOptions, async (runtime) => {
    await webhooks.attach(runtime);
    await reports.attach(runtime);
    await dialer.attach(runtime);
  });
  const context: ServerContext = {
    store: options.store,
    tenants,
    clock,
    routes: [],
    log: app.log,
    settings: { ...DEFAULT_SETTINGS, ...options.settings },
    metrics,
    webhooks,
    dialer,
    // Read once here; every write of a queue or agent keeps it in step (TEL29).
    phoneClaims: await PhoneClaims.load(options.store),
    configWrites: new ConfigWrites(),
  };

  await app.register(cookie);
  const sipWebSocket = softphoneConnectSource(options.telephony);
  useSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        // Served over plain HTTP (a LAN address), the web app's own requests must stay HTTP.
        upgradeInsecureRequests: context.settings.secureCookies ? [] : null,
        // The desktop softphone's SIP WebSocket, on a port of its own.
        ...(sipWebSocket === undefined ? {} : { connectSrc: ["'self'", sipWebSocket] }),
      },
    },
  });
  await app.register(rateLimit, {
    max: options.rateLimitPerMinute ?? 60_000,
    timeWindow: 60_000,
    keyGenerator: (request) =>
      request.headers.authorization ?? request.cookies.relais_session ?? request.ip,
    // Thrown, then shaped by the one error handler like every other error.
    errorResponseBuilder: (_request, limit) =>
      new ApiError(
        429,
        'RateLimited',
        `more than ${limit.max} requests in ${limit.after}; slow down`,
      ),
  });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });

  app.setErrorHandler((error, request, reply) => {
    const api = toApiError(error);
    if (api.status >= 500) request.log.error({ err: error }, 'request failed');
    void reply.code(api.status).send({
      error: {
        code: api.code,
        message: api.message,
        ...(api.details === undefined ? {} : { details: api.details }),
      },
    });
  });
  if (options.web !== undefined) await serveWebApp(app, options.web);
  app.setNotFoundHandler((request, reply) => {
    if (options.web !== undefined && wantsAppPage(request)) {
      void sendAppPage(reply);
      return;
    }
    void reply.code(404).send({
      error: {
        code: 'NotFound',
        message: `no route ${request.method} ${maskPhones(request.url)}; see /api/docs`,
      },
    });
  });
  app.addHook('onResponse', (request, reply, done) => {
    const routeUrl = request.routeOptions.url ?? 'unmatched';
    context.metrics.requests.inc({
      method: request.method,
      route: routeUrl,
      status: reply.statusCode,
    });
    context.metrics.requestSeconds.observe(
      { method: request.method, route: routeUrl },
      reply.elapsedTime / 1000,
    );
    done();
  });

  acceptCsv(app);
  register(app, context, [
    ...healthRoutes(context),
    ...authRoutes(context, () => options.demo?.tenantId),
    ...configRoutes(context),
    ...contactRoutes(context),
    ...agentRoutes(context),
    ...realtimeRoutes(context),
    ...wallboardRoutes(context),
    ...webhookRoutes(context),
    ...importRoutes(context),
    ...reportRoutes(context, reports),
    ...exportRoutes(context),
    realtimeQueuesRoute(context, reports),
    ...deskRoutes(context, reports),
    ...outboundDeskRoutes(context),
    ...softphoneRoutes(context),
    ...planningRoutes(app, context, reports),
    ...(options.demo === undefined ? [] : demoRoutes(context, options.demo)),
  ]);
  // Lead and suppression lists are streamed: in their own scope a CSV body is the request stream
  // (the routes count and limit its bytes), not a string read whole.
  await app.register((scope, _options, done) => {
    scope.removeContentTypeParser('text/csv');
    scope.addContentTypeParser('text/csv', (_request, payload, done) => {
      done(null, payload);
    });
    register(scope, context, [...campaignRoutes(context), ...suppressionRoutes(context)]);
    done();
  });
  const document = openApiDocument(context.routes, API_VERSION);
  app.get('/api/openapi.json', () => document);
  const docs = docsPage(document);
  app.get('/api/docs', (_request, reply) => reply.type('text/html; charset=utf-8').send(docs));
  registerStream(app, context);
  await tenants.openAll();
  // Lists an earlier run left staged (it stopped mid-import) are deleted before serving (LIST4).
  const swept = await options.store.discardStagedLeadLists(new Date().toISOString());
  if (swept > 0) app.log.warn({ lists: swept }, 'deleted lead lists left half-imported');
  const telephony =
    options.telephony === undefined
      ? undefined
      : await TelephonyService.start(options.telephony, {
          store: options.store,
          tenants,
          registry: metrics.registry,
          log: app.log,
          clock,
        });
  if (telephony !== undefined) {
    context.telephony = telephony;
    lateTelephony.resolve(telephony);
  }

  const snapshots =
    options.snapshots === undefined
      ? undefined
      : SnapshotWorker.start({
          ...options.snapshots,
          onResult: (result) => {
            if ('error' in result) app.log.error(result, 'snapshot not made');
            else app.log.info(result, 'snapshot saved');
          },
          onError: (error) => app.log.error({ err: error }, 'the snapshot thread stopped'),
        });
  return {
    app,
    context,
    ...(telephony === undefined ? {} : { telephony }),
    async close() {
      // Calls first: their contacts are ended in the engine while it still runs.
      await telephony?.stop();
      await snapshots?.stop();
      await dialer.close();
      await webhooks.stop();
      await reports.stop();
      await app.close();
      await tenants.closeAll();
    },
  };
}
