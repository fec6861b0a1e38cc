import { describe, expect, it } from 'vitest';
import { registerRequest, registerWithCredentials } from '../testing/register-builders.ts';
import { seededRandom } from '../testing/seeded-random.ts';
import type { RemoteAddress } from '../transport/types.ts';
import { Registrar } from './registrar.ts';

// Seeded runs of random REGISTERs (contacts, expires, q, Call-ID/CSeq order, wildcards, clock
// jumps, closed connections) against a small model of RFC 3261 §10.3 kept beside the registrar.

interface ModelBinding {
  expiresAt: number;
  callId: string;
  cseq: number;
  q: number;
  flowPort: number;
}

const POLICY = { minExpires: 60, maxExpires: 3600, defaultExpires: 1800, maxBindingsPerAor: 4 };
const HOSTS = ['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4', '192.0.2.5', '192.0.2.6'];
const USERS = ['agent-1', 'agent-2'];

function run(seed: number, steps: number): void {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  let now = 1_700_000_000_000;
  const registrar = new Registrar({
    realm: 'relais.example.com',
    secret: `fuzz-${seed}`,
    lookupPassword: (user) => `pw-${user}`,
    now: () => now,
    policy: POLICY,
  });
  const model = new Map<string, Map<string, ModelBinding>>(USERS.map((u) => [u, new Map()]));
  const cseqs = new Map<string, number>();

  for (let step = 0; step < steps; step++) {
    const user = pick(USERS);
    const aor = `sip:${user}@relais.example.com`;
    const bindings = model.get(user)!;
    for (const [uri, b] of bindings) if (b.expiresAt <= now) bindings.delete(uri);
    const roll = random();
    if (roll < 0.1) {
      now += Math.floor(random() * 4000) * 1000;
      continue;
    }
    if (roll < 0.15) {
      const port = 40000 + Math.floor(random() * 3);
      registrar.flowClosed({ protocol: 'ws', address: '127.0.0.1', port });
      for (const m of model.values())
        for (const [uri, b] of m) if (b.flowPort === port) m.delete(uri);
      continue;
    }
    const callId = pick(['boot-1', 'boot-2']);
    const key = `${user}/${callId}`;
    // Mostly increasing CSeqs, sometimes a replay of an old one.
    const cseq =
      random() < 0.85 ? (cseqs.get(key) ?? 0) + 1 : Math.max(1, (cseqs.get(key) ?? 1) - 1);
    cseqs.set(key, Math.max(cseq, cseqs.get(key) ?? 0));
    const port = 40000 + Math.floor(random() * 3);
    const flow: RemoteAddress = { protocol: 'ws', address: '127.0.0.1', port };
    const wildcard = random() < 0.08;
    const headerExpires = random() < 0.5 ? pick([0, 30, 60, 600, 9999]) : undefined;
    const contacts = wildcard
      ? ['*']
      : Array.from({ length: 1 + Math.floor(random() * 3) }, () => {
          const q = random() < 0.5 ? undefined : pick(['0', '0.5', '0.25', '1']);
          const expires = random() < 0.5 ? undefined : pick([0, 10, 60, 120, 7200]);
          return `<sip:${user}@${pick(HOSTS)}>${q === undefined ? '' : `;q=${q}`}${expires === undefined ? '' : `;expires=${expires}`}`;
        });
    const outcome = registerWithCredentials(
      registrar,
      registerRequest({
        user,
        callId,
        cseq,
        contacts,
        ...(headerExpires === undefined ? {} : { expires: headerExpires }),
        via: 'SIP/2.0/WS x.invalid;branch=z9hG4bK-f',
      }),
      `pw-${user}`,
      flow,
    );
    const expected = expectedStatus(bindings, { wildcard, contacts, headerExpires, callId, cseq });
    expect(outcome.status, `seed ${seed} step ${step}: ${contacts.join(', ')}`).toBe(
      expected.status,
    );
    if (expected.status === 200) {
      bindings.clear();
      for (const [uri, b] of expected.next)
        bindings.set(uri, { ...b, flowPort: b.flowPort || port });
    }
    const live = registrar.resolve(aor);
    expect(live.map((c) => c.uri).sort(), `seed ${seed} step ${step}`).toEqual(
      [...bindings.keys()].sort(),
    );
    for (const contact of live) {
      expect(contact.expiresIn).toBeGreaterThan(0);
      expect(contact.expiresIn).toBeLessThanOrEqual(POLICY.maxExpires);
    }
    const qs = live.map((c) => c.q ?? 1);
    expect(qs).toEqual([...qs].sort((a, b) => b - a));
  }

  function expectedStatus(
    current: Map<string, ModelBinding>,
    r: {
      wildcard: boolean;
      contacts: string[];
      headerExpires: number | undefined;
      callId: string;
      cseq: number;
    },
  ): { status: number; next: Map<string, ModelBinding> } {
    const next = new Map(current);
    const outOfOrder = (b: ModelBinding | undefined) =>
      b !== undefined && b.callId === r.callId && r.cseq <= b.cseq;
    if (r.wildcard) {
      if (r.headerExpires !== 0) return { status: 400, next };
      if ([...current.values()].some(outOfOrder)) return { status: 500, next };
      return { status: 200, next: new Map() };
    }
    const parsed = r.contacts.map((c) => {
      const uri = /<([^>]+)>/.exec(c)![1]!;
      const q = /;q=([\d.]+)/.exec(c)?.[1];
      const e = /;expires=(\d+)/.exec(c)?.[1];
      return {
        uri,
        q: q === undefined ? 1 : Number(q),
        expires: e === undefined ? (r.headerExpires ?? POLICY.defaultExpires) : Number(e),
      };
    });
    if (parsed.some((p) => p.expires !== 0 && p.expires < POLICY.minExpires))
      return { status: 423, next };
    for (const p of parsed) {
      if (outOfOrder(current.get(p.uri))) return { status: 500, next: current };
      if (p.expires === 0) next.delete(p.uri);
      else
        next.set(p.uri, {
          expiresAt: now + Math.min(p.expires, POLICY.maxExpires) * 1000,
          callId: r.callId,
          cseq: r.cseq,
          q: p.q,
          flowPort: 0,
        });
    }
    if (next.size > POLICY.maxBindingsPerAor) return { status: 403, next: current };
    return { status: 200, next };
  }
}

describe('Registrar fuzz', () => {
  it.each([1, 2, 3, 4, 5, 6])(
    '[REG3][REG4][REG5][REG9][REG10] seed %i: random REGISTERs agree with the model',
    (seed) => {
      run(seed, 400);
    },
  );
});
