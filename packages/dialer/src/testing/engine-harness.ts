// A real engine behind the runtime's EngineLink, for tests: one site, one skill, the campaign's
// queue and its agents. Every event is kept so tests can check what the agents saw.
import { Engine, type Command, type EngineEvent } from '@relais/engine';
import type { EngineLink } from '../runtime/types.ts';

export class EngineHarness implements EngineLink {
  readonly engine = new Engine();
  readonly seen: EngineEvent[] = [];
  nowMs: number;

  constructor(
    readonly queueId: string,
    readonly agentIds: readonly string[],
    startMs: number,
    options: { autoAnswer?: boolean } = {},
  ) {
    this.nowMs = startMs;
    this.apply({
      type: 'configureSite',
      site: { id: 'site', city: 'Rabat', timeZone: 'UTC', positions: 100 },
    });
    this.apply({ type: 'configureSkill', skill: { id: 'outbound' } });
    this.apply({ type: 'configurePauseCode', pauseCode: { id: 'break', label: 'Break' } });
    this.apply({
      type: 'configureQueue',
      queue: {
        id: queueId,
        clientId: 'client-a',
        channel: 'voice',
        skills: { outbound: 1 },
        wrapUp: { mode: 'manual' },
      },
    });
    for (const id of agentIds) {
      this.apply({
        type: 'configureAgent',
        agent: {
          id,
          siteId: 'site',
          skills: { outbound: 5 },
          autoAnswer: options.autoAnswer ?? true,
        },
      });
    }
  }

  apply(command: Command): readonly EngineEvent[] {
    const result = this.engine.apply(command, this.nowMs);
    if (!result.ok) throw new Error(`engine refused ${command.type}: ${result.error.message}`);
    this.seen.push(...result.events);
    return result.events;
  }

  agents(queueId: string): { loggedIn: number; available: number } {
    const status = this.engine.queueStatus(queueId);
    return { loggedIn: status.eligibleAgents, available: status.availableAgents };
  }
}
