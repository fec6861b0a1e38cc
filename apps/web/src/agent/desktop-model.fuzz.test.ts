// Seeded fuzz of the desktop model's hold: random legal runs of one contact (offer, connect, holds
// and resumes, end, completion) with replayed events mixed in, checked against a plain record of
// what the engine did.
import type { AgentEvent } from '@relais/protocol';
import { describe, expect, it } from 'vitest';
import { makeEvent, makeStatus } from '../testing/builders.ts';
import { seededRandom } from '../testing/seeded-random.ts';
import { applyEvent, fromStatus, type DesktopModel } from './desktop-model.ts';

const agentId = 'casa-07';
const base = { contactId: 'c1', agentId };
const where = { ...base, queueId: 'orbitel.fr' };

type Truth = { phase: 'none' | 'offered' | 'connected' | 'wrapUp'; heldSinceMs?: number };

/** The next legal event of the contact, and what it makes of the truth. */
function step(truth: Truth, pick: () => number, seq: number): { event: AgentEvent; truth: Truth } {
  const at = { seq, atMs: 1_000_000 + seq * 1000 };
  switch (truth.phase) {
    case 'none':
      return {
        event: makeEvent({
          type: 'contactOffered',
          ...where,
          channel: 'voice',
          expiresAtMs: 9e9,
          ...at,
        }),
        truth: { phase: 'offered' },
      };
    case 'offered':
      return {
        event: makeEvent({
          type: 'contactConnected',
          ...where,
          channel: 'voice',
          waitMs: 1,
          ringMs: 1,
          ...at,
        }),
        truth: { phase: 'connected' },
      };
    case 'connected': {
      const roll = pick();
      if (roll < 0.15)
        return {
          event: makeEvent({ type: 'contactEnded', ...where, talkMs: 1, holdMs: 0, ...at }),
          truth: { phase: 'wrapUp' },
        };
      if (truth.heldSinceMs === undefined)
        return {
          event: makeEvent({ type: 'contactHeld', ...base, ...at }),
          truth: { phase: 'connected', heldSinceMs: at.atMs },
        };
      return {
        event: makeEvent({ type: 'contactRetrieved', ...base, holdMs: 1, ...at }),
        truth: { phase: 'connected' },
      };
    }
    case 'wrapUp':
      return {
        event: makeEvent({ type: 'contactCompleted', ...where, wrapMs: 1, ...at }),
        truth: { phase: 'none' },
      };
  }
}

describe('the desktop model under random holds', () => {
  it('[SPD7] shows held exactly while the engine holds a connected contact, since the hold (seeds 1–200)', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const pick = seededRandom(seed);
      let model: DesktopModel = fromStatus(makeStatus({ seq: 10 }), []);
      let truth: Truth = { phase: 'none' };
      const seen: AgentEvent[] = [];
      for (let seq = 11; seq < 71; seq++) {
        const next = step(truth, pick, seq);
        truth = next.truth;
        seen.push(next.event);
        model = applyEvent(model, next.event);
        // A reconnection's replay resends events the model already has.
        if (pick() < 0.2) {
          const old = seen[Math.floor(pick() * seen.length)];
          if (old !== undefined) model = applyEvent(model, old);
        }
        const contact = model.contacts.find((c) => c.contactId === 'c1');
        const label = `seed ${seed}, seq ${seq}`;
        if (truth.phase === 'none') {
          expect(contact, label).toBeUndefined();
          continue;
        }
        expect(contact?.phase, label).toBe(truth.phase);
        expect(contact?.held === true, label).toBe(truth.heldSinceMs !== undefined);
        expect(contact?.heldSinceMs, label).toBe(truth.heldSinceMs);
      }
    }
  });
});
