// Agent actions over REST (see agent-actions.ts; the stream offers the same ones), and an
// agent's live status.
import { AGENT_ACTIONS, IdParams, type AgentStatusView } from '@relais/protocol';
import type { ServerContext } from '../context.ts';
import { route, type AnyRoute } from '../http/route.ts';
import { ACTORS, AGENT_ACTION_SPECS, agentInScope, performAgentAction } from './agent-actions.ts';

export function agentRoutes(context: ServerContext): AnyRoute[] {
  const actions = AGENT_ACTIONS.map((name) => {
    const spec = AGENT_ACTION_SPECS[name];
    return route({
      method: name === 'state' ? 'PUT' : 'POST',
      url: `/api/v1/agents/:id/${name}`,
      summary: spec.summary,
      tag: 'agents',
      roles: ACTORS,
      params: IdParams,
      body: spec.body,
      responses: {
        200: { description: 'done; the events it caused' },
        404: { description: 'unknown agent, or not yours' },
        409: { description: 'not allowed in the current state' },
      },
      async handler({ principal, params, body }) {
        return { events: await performAgentAction(context, principal, params.id, spec, body) };
      },
    });
  });
  return [
    ...actions,
    route({
      method: 'GET',
      url: '/api/v1/agents/:id/status',
      summary: "An agent's live state and the contacts it holds",
      tag: 'real-time',
      roles: ['admin', 'supervisor', 'planner', 'agent'],
      params: IdParams,
      responses: {
        200: { description: 'the status' },
        404: { description: 'unknown agent, or not yours' },
      },
      async handler({ principal, params }) {
        await agentInScope(context, principal, params.id);
        const { engine } = await context.tenants.get(principal.tenantId);
        // seq: a desktop subscribes to the stream after it, so no event is missed or seen twice.
        const view: AgentStatusView = {
          ...engine.agentStatus(params.id),
          seq: engine.seq,
          nowMs: context.clock(),
        };
        return view;
      },
    }),
  ];
}
