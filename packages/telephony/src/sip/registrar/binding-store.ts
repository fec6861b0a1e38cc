// The bindings of each address-of-record and the rules that change them (RFC 3261 §10.3 steps
// 6-8). Pure: time is passed in, nothing is scheduled; expired bindings are never returned.
import type { Params } from '../message/params.ts';
import {
  minExpiresHeader,
  RegisterRejected,
  type ContactChange,
  type RegisterRequest,
} from './register-request.ts';
import type { RemoteAddress } from '../transport/types.ts';

export interface Binding {
  readonly aor: string;
  /** Identity within the AoR: RFC 5626 instance and reg-id, else the canonical Contact URI. */
  readonly key: string;
  /** The Contact URI as the phone wrote it. */
  readonly uri: string;
  readonly params: Params;
  readonly q: number | undefined;
  /** Milliseconds on the registrar's clock. */
  readonly expiresAt: number;
  readonly updatedAt: number;
  readonly callId: string;
  readonly cseq: number;
  /** Where the REGISTER came from: transport, address and port (the connection for TCP and WebSocket). */
  readonly flow: RemoteAddress;
  /** Where requests for this contact go (see REG8). */
  readonly destination: RemoteAddress;
  /** The user that authenticated the REGISTER. */
  readonly username: string;
}

export interface BindingPolicy {
  /** Seconds; a shorter non-zero request gets 423 with Min-Expires. */
  readonly minExpires: number;
  /** Seconds; longer requests are granted this. */
  readonly maxExpires: number;
  /** Seconds, when neither the Contact nor the request gives expires. */
  readonly defaultExpires: number;
  readonly maxBindingsPerAor: number;
}

export interface ApplyContext {
  readonly now: number;
  readonly flow: RemoteAddress;
  readonly username: string;
  readonly destinationFor: (change: ContactChange) => RemoteAddress;
}

export class BindingStore {
  private readonly byAor = new Map<string, Map<string, Binding>>();

  /** The AoRs that have bindings (expired ones included until `sweep`). */
  get aorCount(): number {
    return this.byAor.size;
  }

  /** The live bindings of an AoR, highest q first (no q counts as 1.0), then the most recently updated. */
  current(aor: string, now: number): Binding[] {
    const bindings = this.byAor.get(aor);
    if (bindings === undefined) return [];
    return [...bindings.values()]
      .filter((b) => b.expiresAt > now)
      .sort((a, b) => (b.q ?? 1) - (a.q ?? 1) || b.updatedAt - a.updatedAt);
  }

  /**
   * Applies a REGISTER all or nothing and returns the AoR's bindings after it. Throws
   * RegisterRejected (423, 403, 500) leaving the bindings as they were.
   */
  apply(request: RegisterRequest, context: ApplyContext, policy: BindingPolicy): Binding[] {
    const { aor, callId, cseq, intent } = request;
    const { now } = context;
    const live = new Map<string, Binding>();
    for (const binding of this.current(aor, now)) live.set(binding.key, binding);
    if (intent.kind === 'fetch') return this.current(aor, now);
    if (intent.kind === 'remove-all') {
      for (const binding of live.values()) checkOrder(binding, callId, cseq);
      this.byAor.delete(aor);
      return [];
    }
    const granted = intent.contacts.map((change) => {
      const asked = change.expires ?? policy.defaultExpires;
      if (asked !== 0 && asked < policy.minExpires) {
        throw new RegisterRejected(
          423,
          `expires ${asked} s for ${change.uri} is below the minimum of ${policy.minExpires} s`,
          [minExpiresHeader(policy.minExpires)],
        );
      }
      return Math.min(asked, policy.maxExpires);
    });
    const before = new Map(live);
    intent.contacts.forEach((change, i) => {
      const existing = before.get(change.key);
      if (existing !== undefined) checkOrder(existing, callId, cseq);
      if (granted[i] === 0) {
        live.delete(change.key);
        return;
      }
      live.set(change.key, {
        aor,
        key: change.key,
        uri: change.uri,
        params: change.params,
        q: change.q,
        expiresAt: now + (granted[i] ?? 0) * 1000,
        updatedAt: now,
        callId,
        cseq,
        flow: context.flow,
        destination: context.destinationFor(change),
        username: context.username,
      });
    });
    if (live.size > policy.maxBindingsPerAor) {
      throw new RegisterRejected(
        403,
        `${aor} would have ${live.size} bindings; at most ${policy.maxBindingsPerAor} are allowed`,
      );
    }
    if (live.size === 0) this.byAor.delete(aor);
    else this.byAor.set(aor, live);
    return this.current(aor, now);
  }

  /** Removes the bindings `drop` picks; returns the AoRs that changed. */
  removeWhere(drop: (binding: Binding) => boolean): string[] {
    const changed: string[] = [];
    for (const [aor, bindings] of this.byAor) {
      let removed = false;
      for (const [key, binding] of bindings) {
        if (!drop(binding)) continue;
        bindings.delete(key);
        removed = true;
      }
      if (bindings.size === 0) this.byAor.delete(aor);
      if (removed) changed.push(aor);
    }
    return changed;
  }

  /** Forgets expired bindings; returns the AoRs that lost one. */
  sweep(now: number): string[] {
    return this.removeWhere((binding) => binding.expiresAt <= now);
  }
}

/** RFC 3261 §10.3 step 7: the same Call-ID must come with a higher CSeq, else the request fails. */
function checkOrder(binding: Binding, callId: string, cseq: number): void {
  if (binding.callId === callId && cseq <= binding.cseq) {
    throw new RegisterRejected(
      500,
      `out of order: CSeq ${cseq} is not above ${binding.cseq}, already applied for this Call-ID to ${binding.uri}`,
    );
  }
}
