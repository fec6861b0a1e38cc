// ESLint rule `relais/layering`: the package table of ARCHITECTURE.md, enforced.
// A file belongs to the workspace of its folder (packages/engine, apps/cli, …) and may import only
// the @relais packages its row allows. Pure packages also do no I/O and read no clock, randomness
// or timers: those are injected, so the same commands at the same times give the same events.
// Keep LAYERS in step with ARCHITECTURE.md.
import { builtinModules } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PACKAGES = [
  'engine',
  'wfm',
  'sim',
  'dialer',
  'reports',
  'protocol',
  'store',
  'server',
  'telephony',
];
/** Folder → [package, pure, the @relais packages it may import]. */
const LAYERS = /** @type {Record<string, [string, boolean, string[]]>} */ ({
  'packages/engine': ['engine', true, []],
  'packages/wfm': ['wfm', true, []],
  'packages/sim': ['sim', true, ['engine', 'wfm', 'dialer']],
  'packages/dialer': ['dialer', true, ['engine']],
  'packages/reports': ['reports', true, ['engine', 'wfm']],
  'packages/protocol': ['protocol', true, []],
  'packages/store': ['store', false, ['protocol']],
  'packages/server': ['server', false, PACKAGES.filter((p) => p !== 'server')],
  'packages/telephony': ['telephony', false, ['engine', 'protocol']],
  'apps/web': ['web', false, ['protocol']],
  'apps/cli': ['cli', false, PACKAGES],
});
const KNOWN = Object.values(LAYERS).map(([name]) => `@relais/${name}`);
const IO_LIBRARIES =
  /^(pg|postgres|better-sqlite3|sqlite3|mysql2|mongodb|k?nex|kysely|redis|ioredis|fastify|@fastify\/.*|express|ws|socket\.io|nats|@nats-io\/.*|undici|axios|node-fetch|got|pino|kafkajs|amqplib|playwright-core)$/;
/** Globals, and reads of a global's property, that a pure package must not make. */
const FORBIDDEN = new Map(
  Object.entries({
    ...{
      setTimeout: 'timer',
      setInterval: 'timer',
      setImmediate: 'timer',
      queueMicrotask: 'timer',
    },
    ...{ fetch: 'io', process: 'process', 'Date.now': 'clock', 'performance.now': 'clock' },
    'Math.random': 'random',
  }),
);
const ADAPTER = 'I/O belongs in an adapter (store, server, telephony, cli)';

/** @param {string} file @returns {string | undefined} its workspace folder, e.g. `packages/engine` */
function workspaceOf(file) {
  const relative = path.relative(ROOT, file).split(path.sep).join('/');
  return /^(?:packages|apps)\/[^/]+(?=\/)/.exec(relative)?.[0];
}

/** @param {import('estree').Node | null} node @returns {string | undefined} `p` of `x.p` or `x['p']` */
function propertyOf(node) {
  if (node?.type !== 'MemberExpression') return undefined;
  if (!node.computed && node.property.type === 'Identifier') return node.property.name;
  return node.property.type === 'Literal' ? String(node.property.value) : undefined;
}

/** @param {import('estree').Expression} node @returns {unknown} the value, when known before run time */
function literal(node) {
  if (node.type === 'Literal') return node.value;
  return node.type === 'TemplateLiteral' && node.expressions.length === 0
    ? node.quasis[0]?.value.cooked
    : undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
export default {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the package layering and purity rules of ARCHITECTURE.md' },
    schema: [],
    messages: {
      unknownWorkspace:
        '{{folder}} is not in the layering table: add it to tools/eslint/layering.js',
      unknownPackage: '{{source}} is not a workspace package known to tools/eslint/layering.js',
      layer: '{{from}} must not import {{source}}: ARCHITECTURE.md lets it import {{allowed}}',
      relative: 'import {{target}} by its package name, not by a relative path into its folder',
      builtin: `pure package {{from}} must not import Node builtin "{{source}}"; ${ADAPTER}`,
      io: `pure package {{from}} must not use I/O ({{source}}); ${ADAPTER}`,
      testOnly: 'pure package {{from}} may import "{{source}}" only in *.test.ts files',
      computed: 'pure package {{from}} must not import a computed specifier: it cannot be checked',
      clock: 'pure package {{from}} must not read the clock ({{source}}); inject `now`',
      random: 'pure package {{from}} must not use {{source}}; inject a `Random` so runs replay',
      timer:
        'pure package {{from}} must not use {{source}}; expose deadlines and let the driver schedule them',
      process: 'pure package {{from}} must not touch {{source}}; take configuration as arguments',
    },
  },
  create(context) {
    const folder = workspaceOf(context.filename);
    if (folder === undefined) return {};
    const layer = LAYERS[folder];
    if (layer === undefined) {
      return {
        Program: (node) =>
          context.report({ node, messageId: 'unknownWorkspace', data: { folder } }),
      };
    }
    const [self, pure, mayImport] = layer;
    const from = `@relais/${self}`;
    const allowed = mayImport.map((name) => `@relais/${name}`);
    const isTest = /\.test\.tsx?$/.test(context.filename);
    /** @param {import('estree').Node} node @param {string} messageId @param {Record<string, string>} [data] */
    const report = (node, messageId, data) =>
      context.report({ node, messageId, data: { from, ...data } });

    /** @param {import('estree').Node} node @param {unknown} source */
    function checkImport(node, source) {
      if (typeof source !== 'string') {
        if (pure) report(node, 'computed');
        return;
      }
      if (source.startsWith('.')) {
        const target = workspaceOf(path.resolve(context.filename, '..', source));
        if (target !== undefined && target !== folder) {
          const known = LAYERS[target];
          report(node, 'relative', { target: known ? `@relais/${known[0]}` : target });
        }
        return;
      }
      const name = source
        .split('/')
        .slice(0, source.startsWith('@') ? 2 : 1)
        .join('/');
      if (name.startsWith('@relais/')) {
        if (!KNOWN.includes(name)) report(node, 'unknownPackage', { source });
        else if (name !== from && !allowed.includes(name)) {
          report(node, 'layer', {
            source: name,
            allowed: allowed.join(', ') || 'no @relais package',
          });
        }
      } else if (!pure) return;
      else if (source.startsWith('node:') || builtinModules.includes(name)) {
        report(node, 'builtin', { source });
      } else if (IO_LIBRARIES.test(name)) report(node, 'io', { source });
      else if (/^(vitest|@vitest\/.*)$/.test(name) && !isTest) report(node, 'testOnly', { source });
    }

    /** Reports the uses of a global, or of a global's property, that FORBIDDEN lists. */
    function checkGlobals(/** @type {import('eslint').Scope.Scope} */ scope) {
      const implicit = [...scope.set.values()].filter((variable) => variable.defs.length === 0);
      for (const { identifier } of [...scope.through, ...implicit.flatMap((v) => v.references)]) {
        const node = /** @type {import('eslint').Rule.Node} */ (identifier);
        const parent = /** @type {import('eslint').Rule.Node} */ (node.parent);
        const property =
          parent.type === 'MemberExpression' && parent.object === node
            ? propertyOf(parent)
            : undefined;
        const viaGlobalThis = identifier.name === 'globalThis';
        const name = viaGlobalThis ? property : identifier.name;
        const member =
          viaGlobalThis || property === undefined ? undefined : `${identifier.name}.${property}`;
        const byName = name === undefined ? undefined : FORBIDDEN.get(name);
        const byMember = member === undefined ? undefined : FORBIDDEN.get(member);
        if (byName !== undefined) {
          report(viaGlobalThis ? parent : node, byName, { source: String(name) });
        } else if (byMember !== undefined) {
          report(parent, byMember, { source: String(member) });
        } else if (name === 'Date' && 'callee' in parent && parent.callee === node) {
          const call = parent.type === 'CallExpression';
          if (call || parent.arguments.length === 0) {
            report(parent, 'clock', { source: call ? 'Date()' : 'new Date()' });
          }
        }
      }
    }

    return {
      ImportDeclaration: (node) => checkImport(node, node.source.value),
      ExportAllDeclaration: (node) => checkImport(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && checkImport(node, node.source.value),
      ImportExpression: (node) => checkImport(node, literal(node.source)),
      'Program:exit': (node) => {
        if (pure) checkGlobals(context.sourceCode.getScope(node));
      },
    };
  },
};
