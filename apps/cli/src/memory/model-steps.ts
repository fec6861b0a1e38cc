import type { Command } from '@relais/engine';

/** The agent commands the models follow. */
export type AgentChange = 'login' | 'logout' | 'pause' | 'makeAvailable';

/**
 * What a recording is replayed into (the floor engine, the rows model, the objects model): the
 * steps the benchmark's commands map to (applyCommand) and the offers the recording lists.
 */
export interface FloorModel {
  /** A command starts: the events of the previous one, if the model keeps any, are dropped. */
  begin(): void;
  arrive(contactId: string, queueId: string, t: number): void;
  answer(contactId: string, agentId: string, accepted: boolean, t: number): void;
  end(contactId: string, t: number): void;
  /** The contact leaves: its wrap-up is done (`wrapped`), or it hung up. */
  finish(contactId: string, wrapped: boolean, t: number): void;
  agentChanged(agentId: string, change: AgentChange, t: number): void;
  /** Records that `contactId` was offered to agent number `agent` at `atMs`. */
  offer(contactId: string, agent: number, atMs: number): void;
  /** Commands the model does nothing for (configuration, holds…), counted to stay observable. */
  ignored: number;
}

/** Applies one recorded command at `atMs` (whole milliseconds in the benchmark) to `model`. */
export function applyCommand(model: FloorModel, command: Command, atMs: number): void {
  const t = atMs | 0;
  model.begin();
  switch (command.type) {
    case 'arrive':
      return model.arrive(command.contact.contactId, command.contact.queueId, t);
    case 'accept':
    case 'decline':
      return model.answer(command.contactId, command.agentId, command.type === 'accept', t);
    case 'end':
      return model.end(command.contactId, t);
    case 'endWrapUp':
    case 'abandon':
      return model.finish(command.contactId, command.type === 'endWrapUp', t);
    case 'login':
    case 'logout':
    case 'pause':
    case 'makeAvailable':
      return model.agentChanged(command.agentId, command.type, t);
    default:
      model.ignored++;
  }
}
