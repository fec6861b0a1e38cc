// The agent desktop's softphone (issue 9): what the server gives a signed-in agent so that the
// browser registers to Relais's SIP registrar over WebSocket as that agent's SIP user. The
// credential is short-lived and made for the softphone; the agent's stored `sipPassword` is
// write-only and never leaves the server.
//
// Route (under /api/v1; only the agent itself, 403 for anyone else):
//   POST /agents/:id/softphone-credential → SoftphoneAccess
//     404 TelephonyOff: the server runs without telephony (the desktop shows no phone)
//     409 NoSipUser: the agent has no sipUser (an administrator sets one)
//     409 NoWebSocket: the server's SIP has no WebSocket port (`--sip-ws-port`)
import { z } from 'zod';

export const SoftphoneAccess = z.object({
  /** The registrar's WebSocket (RFC 7118), e.g. `ws://192.0.2.5:5066`. */
  webSocketUrl: z.string().regex(/^wss?:\/\//),
  /** The agent's address of record, e.g. `sip:agent-7@relais.example.com`. */
  sipUri: z.string().startsWith('sip:'),
  /** The digest realm the registrar challenges in. */
  realm: z.string(),
  /** The digest user name of this credential (not the SIP user: it carries the expiry). */
  authorizationUser: z.string(),
  /** The digest password of this credential; good until `expiresAt`. */
  password: z.string(),
  /** When the registrar stops taking this credential (ISO 8601); ask for a new one before. */
  expiresAt: z.string(),
  /**
   * Seconds from now after which the desktop asks for the next one, well before `expiresAt`
   * (a delay, not a time: the browser's clock may differ from the server's).
   */
  renewInSeconds: z.number().int().positive(),
});
export type SoftphoneAccess = z.infer<typeof SoftphoneAccess>;

/** The error codes of POST /agents/:id/softphone-credential besides the common ones. */
export const SOFTPHONE_ERROR_CODES = ['TelephonyOff', 'NoSipUser', 'NoWebSocket'] as const;
