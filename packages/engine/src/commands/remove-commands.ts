// Removing configuration (SPEC CFG1): only what nothing live depends on; otherwise the command is
// refused and names what still uses it.
import type { Core } from '../core.ts';
import { illegal, unknown } from '../model/errors.ts';

/** An agent leaves: it must be logged out, and no contact may be waiting for it by name. */
export function removeAgent(core: Core, agentId: string): void {
  const agent = core.agents.get(agentId);
  if (!agent) throw unknown('Agent', agentId, 'removeAgent.agentId');
  if (agent.state !== 'loggedOut') {
    throw illegal('removeAgent', agent.state, { agentId, allowed: ['loggedOut'] });
  }
  const waiting = agent.preferredWaiting?.size ?? 0;
  if (waiting > 0) {
    throw illegal('removeAgent', agent.state, {
      agentId,
      needs: `no contact waiting for it as preferred agent (${waiting} are)`,
    });
  }
  for (const member of agent.channels) member.pool.members.delete(member);
  agent.setMembers([]);
  core.agents.delete(agentId);
  core.siteCounts.add(agent.siteIndex, 'loggedOut', -1);
  core.emit({ type: 'agentRemoved', agentId, siteId: agent.site.id });
}

/** A pause code no agent is paused with, or about to be. */
export function removePauseCode(core: Core, pauseCodeId: string): void {
  if (!core.pauseCodes.has(pauseCodeId)) {
    throw unknown('PauseCode', pauseCodeId, 'removePauseCode.pauseCodeId');
  }
  for (const agent of core.agents.values()) {
    if (agent.paused === pauseCodeId || agent.pendingPause === pauseCodeId) {
      throw illegal('removePauseCode', agent.state, {
        agentId: agent.id,
        needs: `pause code "${pauseCodeId}" not in use (this agent is paused with it)`,
      });
    }
  }
  core.pauseCodes.delete(pauseCodeId);
  core.emit({ type: 'pauseCodeRemoved', pauseCodeId });
}

/** A disposition; contacts that already carry it keep it in their events. */
export function removeDisposition(core: Core, dispositionId: string): void {
  if (!core.dispositions.has(dispositionId)) {
    throw unknown('Disposition', dispositionId, 'removeDisposition.dispositionId');
  }
  core.dispositions.delete(dispositionId);
  core.emit({ type: 'dispositionRemoved', dispositionId });
}
