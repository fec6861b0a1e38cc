// `relais serve --demo`, first start: the demo network (7 sites, 466 agents, 4 clients, 36
// queues) configured through the same import path as `relais import`, so it lands in the log and
// tables.
import { importConfig, type ImportKind } from '@relais/server';
import type { Store } from '@relais/store';
import { buildLiveDemoNetwork } from './demo-network.ts';

/** The seed of the demo network (and of its agents' shifts). */
export const DEMO_SEED = 1;

export async function seedDemo(store: Store, tenantId: string, seed = DEMO_SEED): Promise<void> {
  const network = buildLiveDemoNetwork(seed);
  const parts: [ImportKind, object[]][] = [
    ['sites', network.sites],
    ['skills', network.skills],
    ['clients', network.clients.map(({ id, name }) => ({ id, name }))],
    ['pause-codes', network.pauseCodes],
    [
      'dispositions',
      [
        { id: 'resolved', label: 'Resolved', success: true },
        { id: 'follow-up', label: 'Follow-up needed' },
      ],
    ],
    ['queues', network.queues],
    ['agents', network.agents],
  ];
  for (const [kind, rows] of parts) {
    const result = await importConfig(
      store,
      tenantId,
      kind,
      rows.map((data, i) => ({ line: i + 1, data: data as Record<string, unknown> })),
    );
    if (result.rejected.length > 0)
      throw new Error(`demo ${kind}: ${JSON.stringify(result.rejected.slice(0, 3))}`);
  }
}
