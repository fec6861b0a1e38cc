// Signing in and out with the server's sessions (an httpOnly cookie the app never sees, and a
// CSRF token it sends on writes).
import { LoginResult, MeView, UserPreferences, type Locale, type Role } from '@relais/protocol';
import { z } from 'zod';
import { ApiFailure, type ApiClient } from '../api/api-client.ts';

export interface Session {
  username: string;
  role: Role;
  /** Set for agent users: the agent they act as. */
  agentId?: string;
  /** The language the user chose, kept on the server: it follows them to any browser. */
  locale?: Locale;
  /** The server plays the demo here: the header shows the demo bar. */
  demo?: true;
  /** The server takes SIP calls: the agent desktop shows its phone. */
  telephony?: true;
}

const Ok = z.object({ ok: z.literal(true) });

function fromMe(me: MeView): Session {
  return {
    username: me.username ?? me.actor,
    role: me.role,
    ...(me.scope.agentId === undefined ? {} : { agentId: me.scope.agentId }),
    ...(me.locale === undefined ? {} : { locale: me.locale }),
    ...(me.demo === undefined ? {} : { demo: me.demo }),
    ...(me.telephony === undefined ? {} : { telephony: me.telephony }),
  };
}

/** The session this browser already has, or undefined when nobody is signed in. */
export async function resumeSession(api: ApiClient): Promise<Session | undefined> {
  try {
    const me = await api.get('/api/v1/auth/me', MeView);
    api.setCsrfToken(me.csrfToken);
    return fromMe(me);
  } catch (error) {
    if (error instanceof ApiFailure && error.status === 401) return undefined;
    throw error;
  }
}

export async function signIn(api: ApiClient, username: string, password: string): Promise<Session> {
  const result = await api.send('POST', '/api/v1/auth/login', { username, password }, LoginResult);
  api.setCsrfToken(result.csrfToken);
  const { user } = result;
  return {
    username: user.username,
    role: user.role,
    ...(user.scope.agentId === undefined ? {} : { agentId: user.scope.agentId }),
    ...(user.locale === undefined ? {} : { locale: user.locale }),
    ...(result.demo === undefined ? {} : { demo: result.demo }),
    ...(result.telephony === undefined ? {} : { telephony: result.telephony }),
  };
}

export async function signOut(api: ApiClient): Promise<void> {
  await api.send('POST', '/api/v1/auth/logout', undefined, Ok);
  api.setCsrfToken(undefined);
}

/** Saves the signed-in user's language on the server. */
export async function saveLocale(api: ApiClient, locale: Locale): Promise<void> {
  await api.send('PUT', '/api/v1/auth/me/preferences', { locale }, UserPreferences);
}
