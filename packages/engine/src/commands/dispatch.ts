import type { Core } from '../core.ts';
import type { Command } from '../model/commands.ts';
import { EngineError } from '../model/errors.ts';
import { login, logout, makeAvailable, pause } from './agent-commands.ts';
import {
  removeAgent,
  removeDisposition,
  removePauseCode,
  removeQueue,
  removeSite,
  removeSkill,
} from './remove-commands.ts';
import {
  configureAgent,
  configureDisposition,
  configurePauseCode,
  configureQueue,
  configureSite,
  configureSkill,
  setAgentCapacity,
  setAgentSkills,
} from './config-commands.ts';
import {
  abandonContact,
  accept,
  arrive,
  cancel,
  decline,
  end,
  endWrapUp,
  hold,
  raisePriority,
  requestCallback,
  retrieve,
  setDisposition,
  transfer,
  transferOut,
} from './contact-commands.ts';

/** Runs one command's handler; handlers validate everything before they change anything. */
export function dispatch(core: Core, command: Command): void {
  switch (command.type) {
    case 'configureSite':
      return configureSite(core, command.site);
    case 'configureSkill':
      return configureSkill(core, command.skill);
    case 'configureQueue':
      return configureQueue(core, command.queue);
    case 'configureAgent':
      return configureAgent(core, command.agent);
    case 'configurePauseCode':
      return configurePauseCode(core, command.pauseCode);
    case 'configureDisposition':
      return configureDisposition(core, command.disposition);
    case 'removeAgent':
      return removeAgent(core, command.agentId);
    case 'removePauseCode':
      return removePauseCode(core, command.pauseCodeId);
    case 'removeDisposition':
      return removeDisposition(core, command.dispositionId);
    case 'removeSkill':
      return removeSkill(core, command.skillId);
    case 'removeSite':
      return removeSite(core, command.siteId);
    case 'removeQueue':
      return removeQueue(core, command.queueId);
    case 'setAgentSkills':
      return setAgentSkills(core, command.agentId, command.skills);
    case 'setAgentCapacity':
      return setAgentCapacity(core, command.agentId, command.capacity);
    case 'login':
      return login(core, command.agentId);
    case 'logout':
      return logout(core, command.agentId);
    case 'pause':
      return pause(core, command.agentId, command.reason);
    case 'makeAvailable':
      return makeAvailable(core, command.agentId);
    case 'arrive':
      return arrive(core, command.contact);
    case 'accept':
      return accept(core, command.agentId, command.contactId);
    case 'decline':
      return decline(core, command.agentId, command.contactId);
    case 'hold':
      return hold(core, command.contactId);
    case 'retrieve':
      return retrieve(core, command.contactId);
    case 'end':
      return end(core, command.contactId);
    case 'setDisposition':
      return setDisposition(core, command.contactId, command.dispositionId);
    case 'endWrapUp':
      return endWrapUp(core, command.contactId);
    case 'abandon':
      return abandonContact(core, command.contactId);
    case 'cancel':
      return cancel(core, command.contactId, command.reason);
    case 'transfer':
      return transfer(core, command.contactId, command.to);
    case 'transferOut':
      return transferOut(core, command.contactId, command.destination);
    case 'requestCallback':
      return requestCallback(core, command.contactId, command.number, command.atMs);
    case 'raisePriority':
      return raisePriority(core, command.contactId, command.by);
    default:
      throw new EngineError(
        'InvalidCommand',
        `command.type: expected a known command type, got ${JSON.stringify((command as { type: unknown }).type)}`,
        { path: 'command.type', got: (command as { type: unknown }).type },
      );
  }
}
