import { cleanup, render, screen } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../api/api-client.ts';
import { App } from '../app/app.tsx';
import { fakeSockets } from '../testing/fake-socket.ts';
import { fakeFetch } from '../testing/fake-server.ts';

const signedOut = {
  'GET /api/v1/auth/me': {
    status: 401,
    body: { error: { code: 'Unauthorized', message: 'sign in' } },
  },
};

beforeEach(() => {
  localStorage.clear();
  // A browser set to French, as the agents of the Moroccan centers mostly have.
  Object.defineProperty(navigator, 'languages', { value: ['fr-FR', 'ar-MA'], configurable: true });
});
afterEach(cleanup);

describe('the sign-in page', () => {
  it('speaks the browser’s language, English when chosen, and remembers the choice', async () => {
    const { fetch } = fakeFetch(signedOut);
    const view = render(<App api={new ApiClient(fetch)} />);
    await screen.findByRole('heading', { name: 'Connexion à Relais' });
    expect(screen.getByLabelText('Identifiant')).toBeDefined();
    await userEvent.selectOptions(screen.getByLabelText('Langue'), 'en');
    await screen.findByRole('heading', { name: 'Sign in to Relais' });
    expect(screen.getByLabelText('Password')).toBeDefined();
    expect(document.documentElement.lang).toBe('en');
    view.unmount();
    render(<App api={new ApiClient(fetch)} />);
    await screen.findByRole('heading', { name: 'Sign in to Relais' });
  });

  it('says so when the password is wrong, and signs in a supervisor to the wallboard', async () => {
    const { fetch, requests } = fakeFetch({
      ...signedOut,
      'POST /api/v1/auth/login': (body) =>
        (body as { password: string }).password === 'right-password'
          ? {
              body: {
                user: {
                  id: 'u1',
                  username: 'sup.casa',
                  role: 'supervisor',
                  scope: { siteIds: ['casa'] },
                  createdAt: '2026-01-01T00:00:00Z',
                },
                csrfToken: 'token-1',
                csrfHeader: 'x-csrf-token',
                expiresAt: '2026-01-02T00:00:00Z',
              },
            }
          : {
              status: 401,
              body: { error: { code: 'Unauthorized', message: 'wrong username or password' } },
            },
      'GET /api/v1/realtime/queues': {
        body: {
          at: '2026-01-01T10:00:00Z',
          day: '2026-01-01',
          zone: 'Africa/Casablanca',
          lastSeq: 1,
          queues: [],
        },
      },
    });
    const sockets = fakeSockets();
    render(<App api={new ApiClient(fetch)} socketFactory={sockets.factory} />);
    const user = userEvent.setup();
    await user.type(await screen.findByLabelText('Identifiant'), 'sup.casa');
    await user.type(screen.getByLabelText('Mot de passe'), 'wrong');
    await user.keyboard('{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Identifiant ou mot de passe incorrect.',
    );
    await user.clear(screen.getByLabelText('Mot de passe'));
    await user.type(screen.getByLabelText('Mot de passe'), 'right-password');
    await user.keyboard('{Enter}');
    await screen.findByRole('heading', { name: 'Mur de supervision' });
    expect(window.location.pathname).toBe('/wallboard');
    // The wallboard asks the stream for its feed.
    sockets.made[0]?.open();
    expect(sockets.made[0]?.sent).toEqual([{ type: 'watch' }]);
    // Writes after sign-in carry the CSRF token the server gave.
    await user.click(screen.getByRole('button', { name: 'Se déconnecter' }));
    const logout = requests.find((r) => r.path === '/api/v1/auth/logout');
    expect(logout?.headers['x-csrf-token']).toBe('token-1');
  });
});
