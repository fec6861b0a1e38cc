// What the server writes to the log for one engine step, and how replay reads it back.
import type { Command, Engine, EngineEvent } from '@relais/engine';
import type { EventRefs, LoggedEvent } from '@relais/store';

/** A logged step: an accepted command, or the engine's timers run at `atMs` with no command. */
export type LogEntry = Command | { type: 'advance' };

/** Re-applies one logged entry; the same entries at the same times give the same events. */
export function replayEntry(engine: Engine, entry: LogEntry, atMs: number): EngineEvent[] {
  if (entry.type === 'advance') return engine.advance(atMs);
  const result = engine.apply(entry, atMs);
  if (!result.ok) {
    throw new Error(
      `replay: logged command ${entry.type} at ${atMs} failed (${result.error.message}); the log and the engine disagree`,
    );
  }
  return result.events;
}

/** Who an event concerns, looked up in what the runtime knows of agents and queues. */
export interface RefDirectory {
  siteOfAgent(agentId: string): string | undefined;
  clientOfQueue(queueId: string): string | undefined;
  siteOfQueue(queueId: string): string | undefined;
}

export function refsOf(event: EngineEvent, directory: RefDirectory): EventRefs {
  const body = event as unknown as Record<string, unknown>;
  const text = (key: string): string | undefined =>
    typeof body[key] === 'string' ? body[key] : undefined;
  const refs: EventRefs = {};
  const contactId = text('contactId');
  const agentId = text('agentId') ?? text('toAgentId') ?? text('byAgentId');
  const queueId = text('queueId') ?? text('toQueueId');
  if (contactId !== undefined) refs.contactId = contactId;
  if (agentId !== undefined) refs.agentId = agentId;
  if (queueId !== undefined) refs.queueId = queueId;
  if (event.type === 'agentConfigured') refs.agentId = event.agent.id;
  if (event.type === 'queueConfigured') refs.queueId = event.queue.id;
  const siteId =
    text('siteId') ??
    (event.type === 'siteConfigured' ? event.site.id : undefined) ??
    (refs.agentId === undefined ? undefined : directory.siteOfAgent(refs.agentId)) ??
    (refs.queueId === undefined ? undefined : directory.siteOfQueue(refs.queueId));
  if (siteId !== undefined) refs.siteId = siteId;
  const clientId = refs.queueId === undefined ? undefined : directory.clientOfQueue(refs.queueId);
  if (clientId !== undefined) refs.clientId = clientId;
  return refs;
}

export function toLoggedEvent(event: EngineEvent, directory: RefDirectory): LoggedEvent {
  return {
    seq: event.seq,
    atMs: event.atMs,
    type: event.type,
    body: event,
    refs: refsOf(event, directory),
  };
}
