/**
 * Asterisk queue_log lines from engine events, for tools that read Asterisk's format
 * (`epoch|callid|queue|agent|EVENT|data…`). Times are engine times in epoch milliseconds.
 * Cancelled contacts have no Asterisk equivalent and write nothing.
 */
import type { EngineEvent } from '../model/events.ts';

const seconds = (ms: number): number => Math.round(ms / 1000);

export class QueueLogWriter {
  private readonly entryPosition = new Map<string, number>();
  private readonly waitMs = new Map<string, number>();
  private readonly loginAtMs = new Map<string, number>();

  /** The queue_log lines for one event (often none, sometimes one). */
  write(event: EngineEvent): string[] {
    const line = (
      callId: string,
      queue: string,
      agent: string,
      verb: string,
      ...data: (string | number)[]
    ): string[] => [[Math.floor(event.atMs / 1000), callId, queue, agent, verb, ...data].join('|')];
    const orig = (id: string): number => this.entryPosition.get(id) ?? 1;
    switch (event.type) {
      case 'contactQueued':
        if (event.reason === 'requeue') return [];
        this.entryPosition.set(event.contactId, event.position);
        return line(event.contactId, event.queueId, 'NONE', 'ENTERQUEUE', '', '', event.position);
      case 'contactConnected':
        this.waitMs.set(event.contactId, event.waitMs);
        return line(
          event.contactId,
          event.queueId,
          event.agentId,
          'CONNECT',
          seconds(event.waitMs),
          event.contactId,
          seconds(event.ringMs),
        );
      case 'offerRevoked':
        if (event.reason !== 'timeout' && event.reason !== 'declined') return [];
        return line(event.contactId, event.queueId, event.agentId, 'RINGNOANSWER', event.ringMs);
      case 'contactEnded':
        return line(
          event.contactId,
          event.queueId,
          event.agentId,
          'COMPLETEAGENT',
          seconds(this.waitMs.get(event.contactId) ?? 0),
          seconds(event.talkMs + event.holdMs),
          orig(event.contactId),
        );
      case 'contactAbandoned':
        return line(
          event.contactId,
          event.queueId,
          'NONE',
          'ABANDON',
          event.position,
          orig(event.contactId),
          seconds(event.waitMs),
        );
      case 'contactExpired':
        if (event.reason === 'queue-full')
          return line(event.contactId, event.queueId, 'NONE', 'FULL');
        return line(
          event.contactId,
          event.queueId,
          'NONE',
          'EXITWITHTIMEOUT',
          1,
          orig(event.contactId),
          seconds(event.waitMs),
        );
      case 'contactOverflowed':
        if (event.reason === 'queue-full')
          return line(event.contactId, event.fromQueueId, 'NONE', 'FULL');
        return line(
          event.contactId,
          event.fromQueueId,
          'NONE',
          'EXITWITHTIMEOUT',
          1,
          orig(event.contactId),
          seconds(event.waitMs),
        );
      case 'callbackRequested':
        return line(
          event.contactId,
          event.queueId,
          'NONE',
          'EXITWITHKEY',
          '*',
          1,
          orig(event.contactId),
          seconds(event.waitMs),
        );
      case 'contactTransferred':
      case 'contactTransferredOut': {
        const queue = event.type === 'contactTransferred' ? event.fromQueueId : event.queueId;
        const agent = event.type === 'contactTransferred' ? event.byAgentId : event.agentId;
        const to =
          event.type === 'contactTransferred'
            ? (event.toAgentId ?? event.toQueueId)
            : event.destination;
        const wait = seconds(this.waitMs.get(event.contactId) ?? 0);
        const talk = seconds((event.talkMs ?? 0) + (event.holdMs ?? 0));
        return line(
          event.contactId,
          queue,
          agent ?? 'NONE',
          'TRANSFER',
          to,
          'relais',
          wait,
          talk,
          orig(event.contactId),
        );
      }
      case 'agentStateChanged': {
        const lines: string[] = [];
        if (event.from === 'loggedOut') {
          this.loginAtMs.set(event.agentId, event.atMs);
          lines.push(
            ...line('NONE', 'NONE', event.agentId, 'AGENTLOGIN', `Local/${event.agentId}`),
          );
        }
        if (event.from === 'paused' && event.to !== 'paused')
          lines.push(...line('NONE', 'NONE', event.agentId, 'UNPAUSE', ''));
        if (event.to === 'paused')
          lines.push(...line('NONE', 'NONE', event.agentId, 'PAUSE', event.reason ?? ''));
        if (event.to === 'loggedOut') {
          const since = this.loginAtMs.get(event.agentId) ?? event.atMs;
          lines.push(
            ...line(
              'NONE',
              'NONE',
              event.agentId,
              'AGENTLOGOFF',
              `Local/${event.agentId}`,
              seconds(event.atMs - since),
            ),
          );
        }
        return lines;
      }
      case 'contactCompleted':
      case 'contactCancelled':
        this.entryPosition.delete(event.contactId);
        this.waitMs.delete(event.contactId);
        return [];
      default:
        return [];
    }
  }
}

/** Convenience: the whole queue_log for a list of events. */
export function toQueueLog(events: readonly EngineEvent[]): string[] {
  const writer = new QueueLogWriter();
  return events.flatMap((e) => writer.write(e));
}
