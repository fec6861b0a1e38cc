// Seeded fuzz of in-dialog orderings: two dialogs (caller and callee) exchange INFO, re-INVITE
// and BYE through a network that delivers in random order. The pure dialog rules must keep
// CSeqs rising, refuse stale and crossing requests with the right status, and never throw
// anything but a DialogError for a request the dialog state forbids.
import { describe, expect, it } from 'vitest';
import type { SipRequest } from '../message/message.ts';
import { buildRequest } from '../endpoint/outgoing-request.ts';
import { cseqOf } from '../message/fields.ts';
import { answer, invite } from '../testing/dialog-builders.ts';
import { seededRandom } from '../testing/seeded-random.ts';
import {
  finishInvite,
  inDialogRequest,
  receiveInDialog,
  uacDialog,
  uasDialog,
  type Dialog,
} from './dialog.ts';
import { DialogError } from './errors.ts';

type Side = 'caller' | 'callee';
type InFlight =
  | { readonly kind: 'request'; readonly to: Side; readonly request: SipRequest }
  | {
      readonly kind: 'response';
      readonly to: Side;
      readonly method: string;
      readonly status: number;
    };

const other = (side: Side): Side => (side === 'caller' ? 'callee' : 'caller');

function run(seed: number) {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const first = invite();
  const dialogs: Record<Side, Dialog> = {
    caller: uacDialog(first, answer()),
    callee: uasDialog(first, 'callee-1', 'confirmed'),
  };
  let id = 0;
  const network: InFlight[] = [];
  const sentSeqs: Record<Side, number[]> = { caller: [], callee: [] };
  const acceptedSeqs: Record<Side, number[]> = { caller: [], callee: [] };
  const counts = { glare: 0, stale: 0, gone: 0, refusedLocally: 0 };

  for (let step = 0; step < 200; step++) {
    if (network.length > 0 && random() < 0.55) {
      const message = network.splice(Math.floor(random() * network.length), 1)[0]!;
      const dialog = dialogs[message.to];
      if (message.kind === 'response') {
        if (message.method === 'INVITE' && dialog.invite === 'outgoing') finishInvite(dialog);
        continue;
      }
      const before = dialog.phase;
      const method = message.request.method;
      const verdict = receiveInDialog(dialog, message.request);
      const seq = cseqOf(message.request)!.seq;
      if (verdict.kind === 'accept') {
        expect(before).not.toBe('terminated');
        acceptedSeqs[message.to].push(seq);
        // The callee answers at once, so its re-INVITE exchange ends with the response.
        if (method === 'INVITE') finishInvite(dialog);
      } else if (verdict.status === 481) {
        expect(before).toBe('terminated');
        counts.gone++;
      } else if (verdict.status === 491) {
        expect(dialog.invite).toBe('outgoing');
        counts.glare++;
      } else {
        expect(verdict.status).toBe(500);
        counts.stale++;
      }
      network.push({
        kind: 'response',
        to: other(message.to),
        method,
        status: verdict.kind === 'accept' ? 200 : verdict.status,
      });
      continue;
    }
    const side: Side = random() < 0.5 ? 'caller' : 'callee';
    const method = pick(['INFO', 'INFO', 'INVITE', 'INVITE', 'BYE'] as const);
    const dialog = dialogs[side];
    try {
      const { spec } = inDialogRequest(dialog, method);
      const request = buildRequest(
        spec,
        { protocol: 'udp', address: '127.0.0.1', port: 5060 },
        () => `id${++id}`,
      );
      sentSeqs[side].push(spec.cseq!);
      network.push({ kind: 'request', to: other(side), request });
    } catch (error) {
      // Only what the state forbids: a second re-INVITE, or anything after our BYE.
      expect(error).toBeInstanceOf(DialogError);
      const code = (error as DialogError).code;
      expect(
        code === 'in-progress' ? dialog.invite !== 'none' : dialog.phase === 'terminated',
      ).toBe(true);
      counts.refusedLocally++;
    }
  }
  return { sentSeqs, acceptedSeqs, counts };
}

const rising = (values: readonly number[]) => values.every((v, i) => i === 0 || v > values[i - 1]!);

describe('dialog orderings (seeded fuzz)', () => {
  it('[DLG3][DLG4][DLG5] CSeqs rise, stale and crossing requests are refused, nothing else throws', () => {
    const totals = { glare: 0, stale: 0, gone: 0, refusedLocally: 0 };
    for (let seed = 1; seed <= 300; seed++) {
      const { sentSeqs, acceptedSeqs, counts } = run(seed);
      for (const side of ['caller', 'callee'] as const) {
        expect(rising(sentSeqs[side]), `seed ${seed}: ${side} sends rising CSeqs`).toBe(true);
        expect(rising(acceptedSeqs[side]), `seed ${seed}: ${side} accepts rising CSeqs`).toBe(true);
      }
      for (const key of Object.keys(totals) as Array<keyof typeof totals>)
        totals[key] += counts[key];
    }
    // Every path was taken somewhere in the 300 runs.
    expect(totals.glare).toBeGreaterThan(0);
    expect(totals.stale).toBeGreaterThan(0);
    expect(totals.gone).toBeGreaterThan(0);
    expect(totals.refusedLocally).toBeGreaterThan(0);
  });
});
