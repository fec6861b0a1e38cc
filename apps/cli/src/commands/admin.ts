import { parseArgs } from 'node:util';
import { createAdmin } from '@relais/server';
import { FlagError, settingsOrExit } from '../workload/flags.ts';
import {
  DATABASE_FLAGS,
  DEFAULT_DATA_DIR,
  openConfiguredStore,
  pgFlags,
} from '../serve/open-store.ts';

export const name = 'admin';
export const summary =
  'Administer users: `relais admin create USERNAME` makes an admin with a generated password';

const USAGE = `Usage: relais admin create USERNAME [--tenant NAME] [--data DIR | --pg URL [--pg-schema NAME]]

Creates an admin user with a generated password, printed once. The tenant is created when it
does not exist (default: the only tenant, or "default" on an empty database).

Options:
  --tenant NAME     tenant name (needed when there are several)
${DATABASE_FLAGS}
  -h, --help        show this help`;

interface AdminSettings {
  username: string;
  tenant: string | undefined;
  data: string;
  pg: string | undefined;
  pgSchema: string | undefined;
}

function readSettings(argv: string[]): AdminSettings | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    strict: true,
    allowPositionals: true,
    options: {
      tenant: { type: 'string' },
      data: { type: 'string' },
      pg: { type: 'string' },
      'pg-schema': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) return 'help';
  const [action, username, ...extra] = positionals;
  if (action !== 'create') throw new FlagError(`expected 'create', got '${action ?? ''}'`);
  if (username === undefined || !/^[A-Za-z0-9._@-]{3,200}$/.test(username)) {
    throw new FlagError(`USERNAME: 3 to 200 letters, digits or . _ @ -, got '${username ?? ''}'`);
  }
  if (extra.length > 0) throw new FlagError(`unexpected argument '${extra.join(' ')}'`);
  return {
    username,
    tenant: values.tenant,
    data: values.data ?? process.env.RELAIS_DATA ?? DEFAULT_DATA_DIR,
    ...pgFlags(values),
  };
}

export async function run(argv: string[]): Promise<number> {
  const settings = settingsOrExit(() => readSettings(argv), name, USAGE);
  if (typeof settings === 'number') return settings;
  const store = await openConfiguredStore(settings);
  try {
    const made = await createAdmin(store, settings.username, settings.tenant);
    console.log(
      `relais: created admin "${made.username}" in tenant "${made.tenantName}" with password: ${made.password}`,
    );
    console.log('relais: this password is shown once.');
    return 0;
  } catch (error) {
    console.error(`relais admin: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  } finally {
    await store.close();
  }
}
