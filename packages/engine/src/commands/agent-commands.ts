import { refreshAgent, setLoggedIn } from '../agents/agent-flow.ts';
import { endPreferredWait, revokeOffer } from '../contacts/contact-flow.ts';
import type { Core } from '../core.ts';
import { MISSED_OFFERS_PAUSE } from '../model/config.ts';
import { illegal, unknown } from '../model/errors.ts';
import type { AgentRuntime } from '../model/runtime.ts';

function agentOf(core: Core, agentId: string, where: string): AgentRuntime {
  const agent = core.agents.get(agentId);
  if (!agent) throw unknown('Agent', agentId, where);
  return agent;
}

/** Logging in makes the agent available (SPEC AGT2). */
export function login(core: Core, agentId: string): void {
  const agent = agentOf(core, agentId, 'login.agentId');
  if (agent.loggedIn) throw illegal('login', agent.state, { agentId, needs: 'to be logged out' });
  setLoggedIn(agent, true);
  agent.missedOffers = 0;
  agent.handledMs = 0;
  agent.paused = undefined;
  agent.pendingPause = undefined;
  refreshAgent(core, agent, -1, false);
}

/** Logging out withdraws ringing offers; an agent still handling contacts cannot (SPEC AGT3). */
export function logout(core: Core, agentId: string): void {
  const agent = agentOf(core, agentId, 'logout.agentId');
  if (!agent.loggedIn) throw illegal('logout', agent.state, { agentId, needs: 'to be logged in' });
  if (agent.connected > 0 || agent.wrapping > 0) {
    throw illegal('logout', agent.state, {
      agentId,
      needs: 'no contact connected or in wrap-up: end them first',
    });
  }
  setLoggedIn(agent, false);
  agent.paused = undefined;
  agent.pendingPause = undefined;
  for (const contact of agent.contacts) revokeOffer(core, contact, 'logout');
  for (const node of [...(agent.preferredWaiting?.values() ?? [])]) {
    endPreferredWait(core, node.value);
  }
  refreshAgent(core, agent, -1, false);
}

/** A coded pause; while contacts are held it waits for them to finish (SPEC AGT4). */
export function pause(core: Core, agentId: string, reason: string): void {
  const agent = agentOf(core, agentId, 'pause.agentId');
  if (reason !== MISSED_OFFERS_PAUSE && !core.pauseCodes.has(reason)) {
    throw unknown('PauseCode', reason, 'pause.reason');
  }
  if (!agent.loggedIn) throw illegal('pause', agent.state, { agentId, needs: 'to be logged in' });
  if (agent.heldTotal > 0) {
    agent.pendingPause = reason;
    core.emit({ type: 'agentPauseRequested', agentId, reason });
    refreshAgent(core, agent, -1, false);
    return;
  }
  const previous = agent.paused;
  agent.paused = reason;
  if (previous !== undefined && previous !== reason) {
    core.emit({
      type: 'agentStateChanged',
      agentId,
      siteId: agent.siteId,
      from: 'paused',
      to: 'paused',
      reason,
    });
  }
  refreshAgent(core, agent, -1, false);
}

/** Ends a pause (or a pending one); the agent can take work again (SPEC AGT4). */
export function makeAvailable(core: Core, agentId: string): void {
  const agent = agentOf(core, agentId, 'makeAvailable.agentId');
  if (!agent.loggedIn) {
    throw illegal('makeAvailable', agent.state, { agentId, needs: 'to be logged in' });
  }
  if (agent.paused === undefined && agent.pendingPause === undefined) return;
  agent.paused = undefined;
  agent.pendingPause = undefined;
  agent.missedOffers = 0;
  refreshAgent(core, agent, -1, false);
}
