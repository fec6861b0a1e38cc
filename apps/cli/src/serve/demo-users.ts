// `relais serve --demo`: one sign-in per role, so that anyone can open the app and try each
// home page. The passwords are new at every demo start and printed then; a start without
// --demo removes these users, so demo credentials never outlive demo mode.
import { randomInt, randomUUID } from 'node:crypto';
import { hashPassword } from '@relais/server';
import type { Role, Scope, Store } from '@relais/store';
import { LIVE_DEMO_HUMAN_AGENT as DEMO_HUMAN_AGENT } from './demo-network.ts';

export const DEMO_USERS: readonly { username: string; role: Role; scope: Scope; note: string }[] = [
  {
    username: 'demo.agent',
    role: 'agent',
    scope: { agentId: DEMO_HUMAN_AGENT },
    note: `agent ${DEMO_HUMAN_AGENT} in Casablanca, not simulated: gets real offers`,
  },
  {
    username: 'demo.supervisor',
    role: 'supervisor',
    scope: { siteIds: ['casa'] },
    note: 'the Casablanca site',
  },
  { username: 'demo.planner', role: 'planner', scope: {}, note: 'reads everything' },
  {
    username: 'demo.client',
    role: 'clientViewer',
    scope: { clientId: 'orbitel' },
    note: 'the client Orbitel, read-only',
  },
  { username: 'demo.admin', role: 'admin', scope: {}, note: 'everything' },
];

export interface DemoLogin {
  username: string;
  role: Role;
  password: string;
  note: string;
}

/** Letters that cannot be mistaken for one another: 12 of them are about 60 bits. */
const LETTERS = 'abcdefghjkmnpqrstuvwxyz23456789';
export function readablePassword(): string {
  const group = (): string =>
    Array.from({ length: 4 }, () => LETTERS[randomInt(LETTERS.length)]).join('');
  return `${group()}-${group()}-${group()}`;
}

/** Creates the demo users in the tenant, or gives them new passwords; returns the logins. */
export async function resetDemoUsers(store: Store, tenantId: string): Promise<DemoLogin[]> {
  const logins: DemoLogin[] = [];
  for (const spec of DEMO_USERS) {
    const password = readablePassword();
    const passwordHash = await hashPassword(password);
    const existing = await store.findUserByUsername(spec.username);
    if (existing === undefined) {
      await store.createUser({ id: randomUUID(), tenantId, ...spec, passwordHash });
    } else {
      await store.setPassword(existing.tenantId, existing.id, passwordHash);
      await store.resetLoginFailures(existing.tenantId, existing.id);
    }
    logins.push({ username: spec.username, role: spec.role, password, note: spec.note });
  }
  return logins;
}

/** Removes the demo users (a start without --demo); returns the usernames removed. */
export async function removeDemoUsers(store: Store): Promise<string[]> {
  const removed: string[] = [];
  for (const { username } of DEMO_USERS) {
    const user = await store.findUserByUsername(username);
    if (user === undefined) continue;
    await store.deleteSessionsOf(user.tenantId, user.id);
    if (await store.deleteUser(user.tenantId, user.id)) removed.push(username);
  }
  return removed;
}

/** The lines `relais serve --demo` prints. */
export function demoLoginLines(address: string, logins: readonly DemoLogin[]): string[] {
  const width = Math.max(...logins.map((l) => l.username.length));
  return [
    `relais: open ${address} and sign in with a demo login (new passwords at every demo start):`,
    ...logins.map((l) => `  ${l.username.padEnd(width)}  ${l.password}   ${l.role}: ${l.note}`),
  ];
}
