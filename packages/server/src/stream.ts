// /api/v1/stream: the live events a caller may see, over a WebSocket. A client that reconnects
// with the last seq it has gets the events it missed from the log, then live ones, with no gap
// and no duplicate: live events are held back while the log is read.
import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import { StreamClientMessage, type StreamAction, type StreamServerMessage } from '@relais/protocol';
import type { LoggedEvent } from '@relais/store';
import { authenticate, type Principal } from './auth/principal.ts';
import { canSeeEvent } from './auth/scope.ts';
import type { ServerContext } from './context.ts';
import { ApiError, toApiError, validationDetails } from './http/errors.ts';
import { runAgentAction } from './routes/agent-actions.ts';
import { WallboardHub } from './wallboard/wallboard-hub.ts';

const CATCH_UP_PAGE = 1000;

function send(socket: WebSocket, message: StreamServerMessage): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
}

/**
 * Holds the socket's writes until the promise jobs now queued have run, so that what one commit
 * sends a socket — its events, then the results of the actions it made durable, which are sent
 * a few promise jobs later — leaves in one system call, not one each (those writes led the
 * server's profile). `ws` keeps its net.Socket as `_socket`; without it, messages go one by one.
 */
function corkForThisTick(socket: WebSocket): void {
  const tcp = (socket as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
  if (tcp === undefined || corkedSockets.has(tcp)) return;
  corkedSockets.add(tcp);
  tcp.cork();
  // nextTick runs once the current round of promise jobs, and those they queue, is done.
  process.nextTick(() => {
    corkedSockets.delete(tcp);
    tcp.uncork();
  });
}
const corkedSockets = new WeakSet<object>();

async function follow(
  context: ServerContext,
  principal: Principal,
  socket: WebSocket,
  afterSeq: number,
): Promise<() => void> {
  const runtime = await context.tenants.get(principal.tenantId);
  const queueOf = (id: string): ReturnType<typeof runtime.directory.queue> =>
    runtime.directory.queue(id);
  let held: LoggedEvent[] | undefined = [];
  let lastSeq = afterSeq;
  const deliver = (event: LoggedEvent): void => {
    if (event.seq <= lastSeq) return;
    lastSeq = event.seq;
    if (canSeeEvent(principal, event.refs, queueOf))
      send(socket, { type: 'event', event: event.body as never });
  };
  // Agents hear about themselves only: subscribe and read the log by agent id.
  const agentId = principal.role === 'agent' ? (principal.scope.agentId ?? '-') : undefined;
  const unsubscribe = runtime.subscribe((events) => {
    if (held !== undefined) held.push(...events);
    else {
      corkForThisTick(socket);
      events.forEach(deliver);
    }
  }, agentId);
  try {
    for (;;) {
      const page = await context.store.readEvents(principal.tenantId, {
        afterSeq: lastSeq,
        limit: CATCH_UP_PAGE,
        ...(agentId === undefined ? {} : { agentId }),
        ...(principal.role === 'clientViewer' ? { clientId: principal.scope.clientId ?? '-' } : {}),
      });
      for (const event of page) deliver(event);
      if (page.length < CATCH_UP_PAGE) break;
    }
    for (const event of held) deliver(event);
    held = undefined;
    send(socket, { type: 'caughtUp', seq: lastSeq });
  } catch (error) {
    unsubscribe();
    throw error;
  }
  return unsubscribe;
}

export function registerStream(app: FastifyInstance, context: ServerContext): void {
  app.get('/api/v1/stream', { websocket: true }, (socket, request) => {
    let stop: (() => void) | undefined;
    let principal: Promise<Principal> | undefined;
    context.metrics.streamClients.inc();
    // Authenticate at the upgrade; cookie-authenticated sockets must come from our own origin.
    principal = authenticate(context, request).then((p) => {
      const origin = request.headers.origin;
      if (
        p.via === 'session' &&
        origin !== undefined &&
        new URL(origin).host !== request.headers.host
      ) {
        throw Object.assign(new Error('cross-origin stream refused'), {
          statusCode: 403,
          code: 'Forbidden',
        });
      }
      return p;
    });
    const fail = (error: unknown): void => {
      const api = toApiError(error);
      send(socket, { type: 'error', error: { code: api.code, message: api.message } });
      socket.close(api.status === 401 || api.status === 403 ? 4401 : 1011, api.code);
    };
    principal.catch(fail);
    // A fixed window per socket: an agent desktop sends a few actions a minute.
    let windowStart = 0;
    let inWindow = 0;
    const act = (action: StreamAction, p: Principal): void => {
      const nowMs = context.clock();
      if (nowMs - windowStart >= 60_000) [windowStart, inWindow] = [nowMs, 0];
      const outcome =
        ++inWindow > context.settings.streamActionsPerMinute
          ? Promise.reject(
              new ApiError(
                429,
                'RateLimited',
                `more than ${context.settings.streamActionsPerMinute} actions a minute on this socket; slow down`,
              ),
            )
          : runAgentAction(context, p, action.agentId, action.action, action.body);
      outcome.then(
        (events) => send(socket, { type: 'actionResult', ref: action.ref, ok: true, events }),
        (error: unknown) => {
          const api = toApiError(error);
          if (api.status >= 500) context.log.error({ err: error }, 'stream action failed');
          send(socket, {
            type: 'actionResult',
            ref: action.ref,
            ok: false,
            status: api.status,
            error: {
              code: api.code,
              message: api.message,
              ...(api.details === undefined ? {} : { details: api.details }),
            },
          });
        },
      );
    };
    socket.on('message', (data: Buffer) => {
      void (async () => {
        const p = await principal;
        if (p === undefined) return;
        let parsed: unknown;
        try {
          parsed = JSON.parse(data.toString('utf8'));
        } catch {
          send(socket, {
            type: 'error',
            error: { code: 'ValidationFailed', message: 'messages are JSON' },
          });
          return;
        }
        const message = StreamClientMessage.safeParse(parsed);
        if (!message.success) {
          const details = validationDetails(message.error);
          send(socket, {
            type: 'error',
            error: {
              code: 'ValidationFailed',
              message:
                'expected {"type":"subscribe","afterSeq":<last seq you have>}, {"type":"watch"} or ' +
                '{"type":"action","ref":"<yours>","agentId":"…","action":"accept",…}',
              details,
            },
          });
          return;
        }
        if (message.data.type === 'action') {
          act(message.data, p);
          return;
        }
        stop?.();
        stop = undefined;
        if (message.data.type === 'watch') {
          if (p.role === 'agent') {
            send(socket, {
              type: 'error',
              error: { code: 'Forbidden', message: 'the wallboard is for supervisors and staff' },
            });
            return;
          }
          const hub = WallboardHub.of(context, await context.tenants.get(p.tenantId));
          const unwatch = await hub.watch({ principal: p, send: (m) => send(socket, m) });
          // Closed while the snapshot was being made: the close handler found nothing to stop.
          if (socket.readyState !== socket.OPEN) unwatch();
          else stop = unwatch;
        } else stop = await follow(context, p, socket, message.data.afterSeq);
      })().catch(fail);
    });
    socket.on('close', () => {
      context.metrics.streamClients.dec();
      stop?.();
      principal = undefined;
    });
  });
}
