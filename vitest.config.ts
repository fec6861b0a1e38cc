import { defineConfig } from 'vitest/config';

const ignored = ['**/node_modules/**', '**/dist/**', '**/coverage/**'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['{packages,apps,tools}/**/*.test.ts'],
          exclude: [...ignored, 'apps/web/**'],
        },
      },
      {
        // The web app's components and logic, in a simulated DOM.
        extends: './apps/web/vite.config.ts',
        test: {
          name: 'web',
          root: './apps/web',
          environment: 'happy-dom',
          include: ['src/**/*.test.{ts,tsx}'],
          exclude: ignored,
        },
      },
      {
        // The built app, served by `relais serve`, in Debian's Chromium (see e2e/browser.ts).
        test: {
          name: 'web-e2e',
          root: './apps/web',
          include: ['e2e/**/*.test.ts'],
          exclude: ignored,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
