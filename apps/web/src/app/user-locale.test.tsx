// The language a user chose follows them: the server keeps it, the app applies it after sign-in
// (whatever this browser remembers or speaks), and a new choice is saved on the server.
import { cleanup, render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../api/api-client.ts';
import { fakeFetch } from '../testing/fake-server.ts';
import { App } from './app.tsx';

const queues = {
  body: { at: '2026-01-01T10:00:00Z', day: '2026-01-01', zone: 'UTC', lastSeq: 1, queues: [] },
};
const supervisor = (locale?: 'fr' | 'en') => ({
  id: 'u1',
  username: 'sup.casa',
  role: 'supervisor',
  scope: { siteIds: ['casa'] },
  ...(locale === undefined ? {} : { locale }),
  createdAt: '2026-01-01T00:00:00Z',
});

beforeEach(() => {
  localStorage.clear();
  Object.defineProperty(navigator, 'languages', { value: ['fr-FR'], configurable: true });
  window.history.replaceState(null, '', '/');
});
afterEach(cleanup);

describe("the user's language", () => {
  it('is applied after sign-in on a French browser that never saw this user', async () => {
    const { fetch } = fakeFetch({
      'GET /api/v1/auth/me': {
        status: 401,
        body: { error: { code: 'Unauthorized', message: 'x' } },
      },
      'POST /api/v1/auth/login': {
        body: {
          user: supervisor('en'),
          csrfToken: 't',
          csrfHeader: 'x-csrf-token',
          expiresAt: '2026-01-02T00:00:00Z',
        },
      },
      'GET /api/v1/realtime/queues': queues,
    });
    render(<App api={new ApiClient(fetch)} />);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Identifiant'), 'sup.casa');
    await user.type(screen.getByLabelText('Mot de passe'), 'right-password');
    await user.keyboard('{Enter}');
    await screen.findByRole('heading', { name: 'Supervision wallboard' });
    expect(document.documentElement.lang).toBe('en');
  });

  it('is applied to a resumed session, and a new choice is saved on the server', async () => {
    const { fetch, requests } = fakeFetch({
      'GET /api/v1/auth/me': {
        body: {
          actor: 'user:u1',
          tenantId: 't1',
          role: 'supervisor',
          scope: { siteIds: ['casa'] },
          via: 'session',
          username: 'sup.casa',
          csrfToken: 'token-9',
          locale: 'en',
        },
      },
      'GET /api/v1/realtime/queues': queues,
      'PUT /api/v1/auth/me/preferences': (body) => ({ body }),
    });
    render(<App api={new ApiClient(fetch)} />);
    await screen.findByRole('heading', { name: 'Supervision wallboard' });
    await userEvent.selectOptions(screen.getByLabelText('Language'), 'fr');
    await screen.findByRole('heading', { name: 'Mur de supervision' });
    const saved = requests.find((r) => r.path === '/api/v1/auth/me/preferences');
    expect(saved).toMatchObject({ method: 'PUT', body: { locale: 'fr' } });
    expect(saved?.headers['x-csrf-token']).toBe('token-9');
  });
});
