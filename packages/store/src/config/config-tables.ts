import { CONFIG_KINDS, type ConfigKind } from '../port.ts';

interface ConfigTable {
  name: string;
  /** Columns copied from `data` so scoped reads need not parse JSON: column → data field. */
  scopeColumns: Record<string, string>;
}

const TABLES: Record<ConfigKind, ConfigTable> = {
  site: { name: 'sites', scopeColumns: {} },
  client: { name: 'clients', scopeColumns: {} },
  skill: { name: 'skills', scopeColumns: {} },
  queue: { name: 'queues', scopeColumns: { client_id: 'clientId' } },
  agent: { name: 'agents', scopeColumns: { site_id: 'siteId' } },
  pauseCode: { name: 'pause_codes', scopeColumns: {} },
  disposition: { name: 'dispositions', scopeColumns: {} },
  webhook: { name: 'webhooks', scopeColumns: {} },
};

/** The table of a kind; the kind is checked because its name is spliced into SQL. */
export function configTable(kind: ConfigKind): ConfigTable {
  if (!(CONFIG_KINDS as readonly string[]).includes(kind)) {
    throw new RangeError(`unknown configuration kind: ${String(kind)}`);
  }
  return TABLES[kind];
}

/** The scope column values of an entity: its string fields, or NULL. */
export function scopeValues(table: ConfigTable, data: unknown): (string | null)[] {
  return Object.values(table.scopeColumns).map((field) => {
    const value = (data as Record<string, unknown> | null)?.[field];
    return typeof value === 'string' ? value : null;
  });
}
