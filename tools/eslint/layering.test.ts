import { RuleTester } from 'eslint';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';
import { describe, it } from 'vitest';
import layering from './layering.js';

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const root = fileURLToPath(new URL('../..', import.meta.url));
/** An absolute filename inside this repository; the files need not exist. */
const at = (file: string): string => path.join(root, file);
const engine = at('packages/engine/src/routing/match.ts');
const engineTest = at('packages/engine/src/routing/match.test.ts');

const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });

tester.run('relais/layering', layering, {
  valid: [
    // Imports the table allows.
    {
      filename: engine,
      code: "import { x } from './queue.ts';\nimport type { Y } from '../model/y.ts';",
    },
    { filename: engine, code: "import { x } from '@relais/engine';" },
    { filename: engine, code: "export * from './queue.ts';\nexport { a } from '../model/a.ts';" },
    { filename: at('packages/protocol/src/api.ts'), code: "import { z } from 'zod';" },
    {
      filename: at('packages/sim/src/run.ts'),
      code: "import '@relais/engine';\nimport '@relais/wfm';",
    },
    { filename: at('packages/dialer/src/pace.ts'), code: "import { e } from '@relais/engine';" },
    {
      filename: at('packages/telephony/src/sip.ts'),
      code: "import '@relais/engine';\nimport 'node:dgram';",
    },
    {
      filename: at('apps/web/src/app.ts'),
      code: "import type { Message } from '@relais/protocol';",
    },
    {
      filename: at('packages/store/src/sqlite.ts'),
      code: "import '@relais/protocol';\nimport 'node:fs';\nimport 'better-sqlite3';\nimport('pg');\nimport(name);\nDate.now();\nsetTimeout(f, 1);",
    },
    {
      filename: at('packages/server/src/app.ts'),
      code: "import 'fastify';\nimport 'ws';\nimport '@relais/engine';\nimport '@relais/store';\nimport '@relais/sim';\nimport '@relais/dialer';\nimport '@relais/wfm';\nimport '@relais/protocol';",
    },
    {
      filename: at('apps/cli/src/main.ts'),
      code: "import { parseArgs } from 'node:util';\nimport '@relais/server';\nimport '@relais/telephony';\nprocess.exitCode = 0;",
    },
    // Pure code that only looks like the clock, randomness or timers.
    {
      filename: engine,
      code: 'new Date(0);\nnew Date(atMs);\nDate.UTC(2025, 0, 1);\nMath.max(1, 2);',
    },
    { filename: engine, code: 'const at = (Date: { now(): number }) => Date.now();' },
    { filename: engine, code: 'const setTimeout = (f: () => void) => f();\nsetTimeout(() => {});' },
    {
      filename: engine,
      code: 'const o = { process: 1, fetch: 2 };\no.process;\nclock.setTimeout(1);\nthis.Date.now();',
    },
    {
      filename: engine,
      code: 'interface Clock { now(): number; setTimeout: number }\ntype P = typeof o.process;',
    },
    { filename: engine, code: 'function random(): number { return 4; }\nrandom();' },
    // Test files of pure packages may import vitest, and nothing else extra.
    { filename: engineTest, code: "import { describe, it } from 'vitest';" },
    {
      filename: at('packages/sim/src/run.test.ts'),
      code: "import { it } from 'vitest';\nimport '@relais/engine';",
    },
    // Files outside the workspaces, or outside this repository, are not governed.
    {
      filename: at('tools/eslint/fixture.ts'),
      code: "import 'node:fs';\nDate.now();\nimport '@relais/store';",
    },
    { filename: at('vitest.config.ts'), code: "import 'vitest/config';\nprocess.env.CI;" },
    { filename: at('packages/stray.ts'), code: 'Date.now();' },
    { filename: '/elsewhere/packages/engine/src/a.ts', code: "import 'node:fs';\nDate.now();" },
    { code: "import 'node:fs';\nMath.random();" },
    // Bad inputs that must not crash the rule.
    { filename: engine, code: '' },
    { filename: engine, code: '// only a comment' },
    { filename: engine, code: 'globalThis;\nglobalThis[key];\nDate;' },
    {
      filename: engine,
      code: "toString();\nconstructor;\nhasOwnProperty('now');\nglobalThis.toString();",
    },
  ],
  invalid: [
    {
      filename: engine,
      code: "import { put } from '@relais/store';",
      errors: [
        {
          message:
            '@relais/engine must not import @relais/store: ARCHITECTURE.md lets it import no @relais package',
        },
      ],
    },
    {
      filename: at('packages/dialer/src/pace.ts'),
      code: "export { run } from '@relais/sim/run';",
      errors: [
        {
          messageId: 'layer',
          data: { from: '@relais/dialer', source: '@relais/sim', allowed: '@relais/engine' },
        },
      ],
    },
    {
      filename: at('packages/store/src/log.ts'),
      code: "import '@relais/engine';",
      errors: [{ messageId: 'layer' }],
    },
    {
      filename: at('packages/telephony/src/app.ts'),
      code: "import '@relais/store';",
      errors: [{ messageId: 'layer' }],
    },
    {
      filename: at('apps/web/src/app.ts'),
      code: "import type { E } from '@relais/engine';",
      errors: [{ messageId: 'layer' }],
    },
    {
      filename: at('apps/cli/src/main.ts'),
      code: "import '@relais/billing';",
      errors: [{ messageId: 'unknownPackage' }],
    },
    {
      filename: engine,
      code: "import { x } from '../../../store/src/log.ts';",
      errors: [
        {
          message:
            'import @relais/store by its package name, not by a relative path into its folder',
        },
      ],
    },
    {
      filename: at('packages/billing/src/invoice.ts'),
      code: 'export const a = 1;',
      errors: [{ messageId: 'unknownWorkspace', data: { folder: 'packages/billing' } }],
    },
    // Pure packages: no Node builtins, no I/O libraries, vitest only in tests.
    {
      filename: engine,
      code: "import { readFile } from 'node:fs/promises';",
      errors: [
        {
          message:
            'pure package @relais/engine must not import Node builtin "node:fs/promises"; I/O belongs in an adapter (store, server, telephony, cli)',
        },
      ],
    },
    {
      filename: engine,
      code: "import 'fs';\nimport 'fs/promises';\nimport type { Readable } from 'node:stream';\nexport * from 'child_process';",
      errors: Array(4).fill({ messageId: 'builtin' }),
    },
    {
      filename: at('packages/wfm/src/erlang.ts'),
      code: "import 'pg';\nimport 'better-sqlite3';\nimport '@fastify/websocket';\nimport 'ws';\nimport 'nats';\nimport 'undici';\nimport 'axios/lib/x.js';",
      errors: Array(7).fill({ messageId: 'io' }),
    },
    { filename: engine, code: "import { it } from 'vitest';", errors: [{ messageId: 'testOnly' }] },
    {
      filename: engineTest,
      code: "import 'node:fs';\nimport '@relais/store';",
      errors: [{ messageId: 'builtin' }, { messageId: 'layer' }],
    },
    {
      filename: at('packages/protocol/src/load.ts'),
      code: "await import('node:net');\nawait import(`pg`);\nawait import(name);\nawait import(42);",
      errors: [
        { messageId: 'builtin' },
        { messageId: 'io' },
        { messageId: 'computed' },
        { messageId: 'computed' },
      ],
    },
    // Pure packages: no clock, randomness, timers, fetch or process.
    {
      filename: engine,
      code: 'const now = Date.now();',
      errors: [
        { message: 'pure package @relais/engine must not read the clock (Date.now); inject `now`' },
      ],
    },
    {
      filename: engineTest,
      code: "const clock = Date.now;\nDate['now']();\nnew Date();\nnew Date;\nDate();\nperformance.now();",
      errors: [
        { messageId: 'clock', data: { from: '@relais/engine', source: 'Date.now' } },
        { messageId: 'clock', data: { from: '@relais/engine', source: 'Date.now' } },
        { messageId: 'clock', data: { from: '@relais/engine', source: 'new Date()' } },
        { messageId: 'clock', data: { from: '@relais/engine', source: 'new Date()' } },
        { messageId: 'clock', data: { from: '@relais/engine', source: 'Date()' } },
        { messageId: 'clock', data: { from: '@relais/engine', source: 'performance.now' } },
      ],
    },
    {
      filename: at('packages/sim/src/arrivals.ts'),
      code: 'const u = Math.random();',
      errors: [
        {
          message:
            'pure package @relais/sim must not use Math.random; inject a `Random` so runs replay',
        },
      ],
    },
    {
      filename: engine,
      code: 'setTimeout(f, 1);\nsetInterval(f, 1);\nsetImmediate(f);\nqueueMicrotask(f);\nconst t = setTimeout;',
      errors: Array(5).fill({ messageId: 'timer' }),
    },
    {
      filename: at('packages/dialer/src/dial.ts'),
      code: "await fetch('http://x');\nconst env = process.env.TZ;\nglobalThis.setTimeout(f);\nglobalThis['process'].exit(1);",
      errors: [
        { messageId: 'io', data: { from: '@relais/dialer', source: 'fetch' } },
        { messageId: 'process', data: { from: '@relais/dialer', source: 'process' } },
        { messageId: 'timer', data: { from: '@relais/dialer', source: 'setTimeout' } },
        { messageId: 'process', data: { from: '@relais/dialer', source: 'process' } },
      ],
    },
    {
      filename: engine,
      code: 'function f() { if (x) { return Date.now(); } }',
      errors: [{ messageId: 'clock', line: 1, column: 32 }],
    },
  ],
});
