import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export type Dialect = 'sqlite' | 'postgres';

const FILE_NAME = /^(\d{4})_([a-z0-9_]+)\.sql$/;

/** The folder of one dialect's migrations: packages/store/migrations/<dialect>. */
export function migrationsFolder(dialect: Dialect): string {
  return fileURLToPath(new URL(`../../migrations/${dialect}/`, import.meta.url));
}

/** A dialect's migration files (`0001_init.sql`, …), sorted by version; other names are refused. */
export function readMigrations(dialect: Dialect): Migration[] {
  const folder = migrationsFolder(dialect);
  return readdirSync(folder)
    .sort()
    .map((file) => {
      const match = FILE_NAME.exec(file);
      if (match === null) throw new RangeError(`${folder}${file}: not NNNN_name.sql`);
      const [, version = '', name = ''] = match;
      return { version: Number(version), name, sql: readFileSync(folder + file, 'utf8') };
    });
}
