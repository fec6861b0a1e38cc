import type { Store } from '@relais/store';
import { TenantRuntime, type RuntimeOptions } from './tenant-runtime.ts';

/** The live runtimes, one per tenant, opened on first use and replaced after a failed write. */
export class Tenants {
  private readonly open = new Map<string, Promise<TenantRuntime>>();

  constructor(
    private readonly store: Store,
    private readonly options: RuntimeOptions = {},
  ) {}

  async get(tenantId: string): Promise<TenantRuntime> {
    let runtime = this.open.get(tenantId);
    if (runtime !== undefined) {
      const live = await runtime;
      if (!live.failed) return live;
      await live.close().catch(() => undefined);
      this.open.delete(tenantId);
    }
    runtime = TenantRuntime.open(tenantId, this.store, this.options);
    this.open.set(tenantId, runtime);
    runtime.catch(() => this.open.delete(tenantId));
    return runtime;
  }

  async closeAll(): Promise<void> {
    const all = [...this.open.values()];
    this.open.clear();
    for (const runtime of all) await (await runtime.catch(() => undefined))?.close();
  }
}
