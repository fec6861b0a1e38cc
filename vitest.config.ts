import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const ignored = ['**/node_modules/**', '**/dist/**', '**/coverage/**'];

export default defineConfig({
  test: {
    // Vitest's default leaves one core idle: on the 2-core CI machines that ran the files one at
    // a time (16 minutes). Most of them wait on servers, sipp and browsers, so two at a time
    // take 11 (27 November 2026, one run each, all passing).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        test: {
          name: 'node',
          include: ['{packages,apps,tools}/**/*.test.ts'],
          exclude: [...ignored, 'apps/web/**'],
          // Tests assert no timings; the limit only catches a hang. Vitest's 5 s default failed
          // seeded fuzz, checkpoint and CLI tests whenever the two cores were shared (load 15).
          testTimeout: 60_000,
          hookTimeout: 60_000,
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
        // The built app, served by `relais serve`, in Debian's Chromium (see e2e/chromium.ts).
        // It runs after the others: a build, a server and a browser would compete with them
        // for the two cores, and some engine tests have 5 s limits.
        test: {
          name: 'web-e2e',
          sequence: { groupOrder: 1 },
          root: './apps/web',
          include: ['e2e/**/*.test.ts'],
          exclude: ignored,
          globalSetup: ['./e2e/global-build.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
