// Who holds each routing number and SIP user, across tenants (TEL9, TEL10, TEL29): read from the
// store once, then kept in step by the writes themselves, so a configuration write looks its
// values up instead of reading every queue and agent of every tenant. A write reserves its values
// before it goes to the store — looked up and reserved without yielding, so two concurrent writes
// cannot both take one — and records its row once stored; a refused write only drops its
// reservation.
import type { Store } from '@relais/store';
import { allRows } from './phone-book.ts';

/** The queue or agent holding a value. */
export interface Holder {
  readonly tenantId: string;
  readonly id: string;
}

export type ClaimKind = 'queue' | 'agent';

interface Held extends Holder {
  readonly row: string;
}

interface ClaimRow {
  phoneNumbers?: unknown;
  sipUser?: unknown;
}

/** The values a stored row holds: a queue's routing numbers, an agent's SIP user. */
export function claimedValues(kind: ClaimKind, data: unknown): string[] {
  const row = (data ?? {}) as ClaimRow;
  if (kind === 'queue') {
    return Array.isArray(row.phoneNumbers)
      ? row.phoneNumbers.filter((n): n is string => typeof n === 'string')
      : [];
  }
  return typeof row.sipUser === 'string' ? [row.sipUser] : [];
}

const rowKey = (kind: ClaimKind, tenantId: string, id: string): string =>
  `${kind}\u0000${tenantId}\u0000${id}`;
// Numbers and SIP users are separate name spaces.
const valueKey = (kind: ClaimKind, value: string): string =>
  `${kind === 'queue' ? 'n' : 'u'}:${value}`;

export class PhoneClaims {
  /** Value key → the row the store holds it in. */
  private readonly held = new Map<string, Held>();
  /** Row key → its value keys. */
  private readonly rows = new Map<string, string[]>();
  /** Value key → the write in flight that will hold it (how many such writes of that row). */
  private readonly reserved = new Map<string, { holder: Held; writes: number }>();

  private constructor(private readonly store: Store) {}

  /** Reads every tenant's queues and agents (once, when the server starts or an import runs alone). */
  static async load(store: Store): Promise<PhoneClaims> {
    const claims = new PhoneClaims(store);
    for (const tenant of await store.listTenants()) {
      for (const kind of ['queue', 'agent'] as const) {
        for (const row of await allRows<{ id: string }>(store, tenant.id, kind))
          claims.record(tenant.id, kind, row.id, row);
      }
    }
    return claims;
  }

  /** Who holds a value, or reserves it for a write in flight, apart from the row itself. */
  holderOf(kind: ClaimKind, value: string, tenantId: string, id: string): Holder | undefined {
    const self = rowKey(kind, tenantId, id);
    const key = valueKey(kind, value);
    const held = this.held.get(key);
    if (held !== undefined && held.row !== self) return { tenantId: held.tenantId, id: held.id };
    const reserved = this.reserved.get(key)?.holder;
    if (reserved !== undefined && reserved.row !== self)
      return { tenantId: reserved.tenantId, id: reserved.id };
    return undefined;
  }

  /**
   * Reserves a row's values for the write about to store them, or names the first value another
   * row holds (and reserves nothing). Release the reservation once the write is over, stored or not.
   */
  reserve(
    kind: ClaimKind,
    tenantId: string,
    id: string,
    values: readonly string[],
  ): { taken: string; by: Holder } | { release: () => void } {
    for (const value of values) {
      const by = this.holderOf(kind, value, tenantId, id);
      if (by !== undefined) return { taken: value, by };
    }
    const holder: Held = { tenantId, id, row: rowKey(kind, tenantId, id) };
    const keys = values.map((value) => valueKey(kind, value));
    for (const key of keys) {
      const current = this.reserved.get(key);
      if (current === undefined) this.reserved.set(key, { holder, writes: 1 });
      else current.writes++;
    }
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        for (const key of keys) {
          const current = this.reserved.get(key);
          if (current === undefined) continue;
          if (--current.writes === 0) this.reserved.delete(key);
        }
      },
    };
  }

  /** What the store now holds for a row (`undefined`: removed); frees the values it left. */
  record(tenantId: string, kind: ClaimKind, id: string, data: unknown): void {
    this.hold(rowKey(kind, tenantId, id), tenantId, id, kind, claimedValues(kind, data));
  }

  /**
   * Runs a write of queue or agent rows (`data` undefined: a removal) and records them. When the
   * write fails the rows are read again, for a failed write may still have been stored; if that
   * read fails too, a row keeps its old values and the new ones, so no value it may hold is
   * given away.
   */
  async track<T>(
    tenantId: string,
    kind: ClaimKind,
    rows: readonly { id: string; data: unknown }[],
    write: () => Promise<T>,
  ): Promise<T> {
    let result: T;
    try {
      result = await write();
    } catch (error) {
      for (const { id, data } of rows) {
        try {
          const stored = await this.store.getConfig(tenantId, kind, id);
          this.record(tenantId, kind, id, stored?.data);
        } catch {
          const key = rowKey(kind, tenantId, id);
          const old = (this.rows.get(key) ?? []).map((value) => value.slice(2));
          const both = [...new Set([...old, ...claimedValues(kind, data)])];
          this.hold(key, tenantId, id, kind, both);
        }
      }
      throw error;
    }
    for (const { id, data } of rows) this.record(tenantId, kind, id, data);
    return result;
  }

  private hold(
    row: string,
    tenantId: string,
    id: string,
    kind: ClaimKind,
    values: readonly string[],
  ): void {
    for (const key of this.rows.get(row) ?? []) {
      if (this.held.get(key)?.row === row) this.held.delete(key);
    }
    const keys = values.map((value) => valueKey(kind, value));
    if (keys.length === 0) this.rows.delete(row);
    else this.rows.set(row, keys);
    const holder: Held = { tenantId, id, row };
    for (const key of keys) this.held.set(key, holder);
  }
}
