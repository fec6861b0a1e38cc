import type { Store } from '@relais/store';
import { TenantRuntime, type RuntimeOptions } from './tenant-runtime.ts';

/** The live runtimes, one per tenant, opened on first use and replaced after a failed write. */
export class Tenants {
  private readonly open = new Map<string, Promise<TenantRuntime>>();

  constructor(
    private readonly store: Store,
    private readonly options: RuntimeOptions = {},
    /** Called with every runtime opened (at start, on first use, after a rebuild). */
    private readonly onOpen: (runtime: TenantRuntime) => Promise<void> = () => Promise.resolve(),
  ) {}

  async get(tenantId: string): Promise<TenantRuntime> {
    let runtime = this.open.get(tenantId);
    if (runtime !== undefined) {
      const live = await runtime;
      if (!live.failed) return live;
      await live.close().catch(() => undefined);
      this.open.delete(tenantId);
    }
    runtime = TenantRuntime.open(tenantId, this.store, this.options).then(async (opened) => {
      await this.onOpen(opened);
      return opened;
    });
    this.open.set(tenantId, runtime);
    runtime.catch(() => this.open.delete(tenantId));
    return runtime;
  }

  /** Opens every tenant of the store: their timers and webhooks run without waiting for a request. */
  async openAll(): Promise<void> {
    for (const tenant of await this.store.listTenants()) await this.get(tenant.id);
  }

  async closeAll(): Promise<void> {
    const all = [...this.open.values()];
    this.open.clear();
    for (const runtime of all) await (await runtime.catch(() => undefined))?.close();
  }
}
