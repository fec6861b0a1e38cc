// The desktop softphone's one route (protocol softphone.ts): a signed-in agent gets what its
// browser registers with — the SIP WebSocket, its address of record and a short-lived
// credential (SPD1, SPD2). Nobody else gets an agent's, not even an administrator.
import { IdParams, SoftphoneAccess } from '@relais/protocol';
import type { ServerContext } from '../context.ts';
import { ApiError, forbidden } from '../http/errors.ts';
import { route, type AnyRoute } from '../http/route.ts';
import type { TelephonyOptions } from './telephony-options.ts';

const REFUSALS = {
  NoSipUser: (agentId: string) =>
    new ApiError(
      409,
      'NoSipUser',
      `agent "${agentId}" has no SIP user: an administrator sets sipUser and sipPassword on the agent before the desktop phone can register`,
      { agentId },
    ),
  NoWebSocket: () =>
    new ApiError(
      409,
      'NoWebSocket',
      'the server takes no SIP over WebSocket: start relais serve with --sip-ws-port PORT for the desktop phone',
    ),
} as const;

/**
 * The content security policy's `connect-src` source the desktop's softphone needs (SPD2): the
 * SIP WebSocket is another port than the page's, which `'self'` does not cover. Undefined when
 * telephony or its WebSocket is off; any port when the port is chosen at start (0, tests).
 */
export function softphoneConnectSource(options: TelephonyOptions | undefined): string | undefined {
  if (options === undefined || options.wsPort === false) return undefined;
  if (options.wsUrl !== undefined) {
    const url = new URL(options.wsUrl);
    return `${url.protocol}//${url.host}`;
  }
  return `ws://${options.host}:${options.wsPort === 0 ? '*' : options.wsPort}`;
}

export function softphoneRoutes(context: ServerContext): AnyRoute[] {
  return [
    route({
      method: 'POST',
      url: '/api/v1/agents/:id/softphone-credential',
      summary:
        "The agent's own desktop softphone: the SIP WebSocket, its address of record and a short-lived digest credential (the stored SIP password is never returned)",
      tag: 'agent desktop',
      roles: ['agent'],
      params: IdParams,
      responses: {
        200: { description: 'the softphone access', schema: SoftphoneAccess },
        403: { description: 'not the signed-in agent itself (other agents, administrators)' },
        404: { description: 'TelephonyOff: this server runs without telephony' },
        409: { description: 'NoSipUser (the agent has none) or NoWebSocket (no --sip-ws-port)' },
      },
      handler({ principal, params }) {
        // Only the agent itself: a credential registers a phone that takes its calls.
        if (principal.scope.agentId !== params.id) {
          throw forbidden(
            `only agent "${params.id}" may get its own softphone credential; you are signed in as agent "${principal.scope.agentId ?? '(none)'}"`,
          );
        }
        const telephony = context.telephony;
        if (telephony === undefined) {
          throw new ApiError(
            404,
            'TelephonyOff',
            'telephony is off on this server (relais serve without --sip-host): there is no softphone',
          );
        }
        const access = telephony.softphoneAccess(principal.tenantId, params.id);
        if ('refused' in access) throw REFUSALS[access.refused](params.id);
        const { credential } = access;
        const body: SoftphoneAccess = {
          webSocketUrl: access.webSocketUrl,
          sipUri: access.sipUri,
          realm: access.realm,
          authorizationUser: credential.authorizationUser,
          password: credential.password,
          expiresAt: new Date(credential.expiresAtMs).toISOString(),
          renewInSeconds: Math.max(1, Math.round((credential.renewAtMs - context.clock()) / 1000)),
        };
        return Promise.resolve(body);
      },
    }),
  ];
}
