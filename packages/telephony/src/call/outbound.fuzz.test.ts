// Seeded fuzz of outbound calls with real rtpengine: the trunk is an in-process SIP peer
// (DialogLayer on its own endpoint) whose behaviour a seed draws per call — challenge first or
// not, answer after a while (then maybe hang up), refuse with a status, ring forever — while a
// random dialer hangs up at any moment, plays a drop message, or lets the callee talk. Every
// call must get exactly one result; an answered one ends exactly once; nothing is left.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../media/testing/rtp-peer.ts';
import { DialogLayer, type IncomingInvite } from '../sip/dialog/dialog-layer.ts';
import { SipEndpoint } from '../sip/endpoint/sip-endpoint.ts';
import { header, headerValue } from '../sip/message/message.ts';
import { parseUri } from '../sip/message/uri.ts';
import { seededRandom } from '../sip/testing/seeded-random.ts';
import { realScheduler } from '../sip/transport/real-scheduler.ts';
import { CallControlError } from './errors.ts';
import { OutboundCaller, type OutboundEvent } from './outbound.ts';
import { B2buaHarness } from './testing/b2bua-harness.ts';
import { trunkSettings } from './trunk-settings.ts';

const SDP = `v=0\r\no=t 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40002 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n`;

type Trunk =
  | { kind: 'answer'; afterMs: number; byeAfterMs?: number }
  | { kind: 'refuse'; status: number; afterMs: number }
  | { kind: 'ring' };

interface Script {
  readonly challenge: boolean;
  readonly trunk: Trunk;
  /** The dialer hangs up this long after dialing (whatever the call is doing then). */
  readonly hangUpAfterMs?: number;
  readonly onAnswer: 'hang-up' | 'drop-message' | 'wait';
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function draw(random: () => number): Script {
  const between = (low: number, high: number) => low + Math.floor(random() * (high - low));
  const roll = random();
  const trunk: Trunk =
    roll < 0.55
      ? {
          kind: 'answer',
          afterMs: between(0, 300),
          ...(random() < 0.4 ? { byeAfterMs: between(0, 600) } : {}),
        }
      : roll < 0.85
        ? {
            kind: 'refuse',
            status: [486, 404, 484, 604, 480, 503][between(0, 6)]!,
            afterMs: between(0, 200),
          }
        : { kind: 'ring' };
  return {
    challenge: random() < 0.5,
    trunk,
    // A call left ringing is often hung up by the dialer before its ring timeout (900 ms).
    ...(random() < (trunk.kind === 'ring' ? 0.7 : 0.35)
      ? { hangUpAfterMs: between(trunk.kind === 'ring' ? 100 : 0, 700) }
      : {}),
    onAnswer: (['hang-up', 'drop-message', 'wait'] as const)[between(0, 3)]!,
  };
}

let harness: B2buaHarness;
let trunk: { endpoint: SipEndpoint; layer: DialogLayer };

beforeAll(async () => {
  harness = await B2buaHarness.start();
  const endpoint = await SipEndpoint.start({ udpPort: 0 });
  let n = 0;
  const layer = new DialogLayer(endpoint, {
    scheduler: realScheduler,
    newId: () => `trunk-${++n}`,
    random: seededRandom(5),
    contact: () => `sip:trunk@127.0.0.1:${endpoint.local('udp').port}`,
  });
  trunk = { endpoint, layer };
});
afterAll(async () => {
  await trunk?.endpoint.close();
  await harness?.stop();
});

describe('outbound calls under a random trunk and dialer (seeded fuzz)', () => {
  it('[OUT3][OUT5][OUT6][OUT8] one result per call, one end per answered call, nothing left', async () => {
    const random = seededRandom(20261127);
    const scripts = Array.from({ length: 24 }, () => draw(random));
    const events: OutboundEvent[] = [];
    const unexpected: string[] = [];
    const tolerate = (error: unknown) => {
      if (error instanceof CallControlError && error.code !== 'media-failed') return;
      unexpected.push(error instanceof Error ? error.message : String(error));
    };

    trunk.layer.onInvite((invite: IncomingInvite) => {
      const user = (parseUri(invite.request.uri) as { user?: string }).user ?? '';
      const script = scripts[Number(user.slice(-3))];
      if (script === undefined) {
        invite.reject(404);
        return;
      }
      if (script.challenge && headerValue(invite.request, 'authorization') === undefined) {
        invite.reject(401, [
          header('WWW-Authenticate', 'Digest realm="t", nonce="n1", qop="auth"'),
        ]);
        return;
      }
      invite.ring();
      const behaviour = script.trunk;
      if (behaviour.kind === 'ring') return; // until the dialer's CANCEL
      void wait(behaviour.afterMs).then(() => {
        if (invite.cancelled) return;
        if (behaviour.kind === 'refuse') {
          invite.reject(behaviour.status);
          return;
        }
        const dialog = invite.answer(SDP);
        if (behaviour.byeAfterMs !== undefined)
          void wait(behaviour.byeAfterMs).then(() => dialog.bye());
      });
    });

    const caller = new OutboundCaller({
      dialogs: harness.dialogs,
      media: harness.media,
      b2bua: harness.b2bua,
      scheduler: harness.timers,
      newCnonce: () => 'c0ffee',
      trunk: trunkSettings({
        address: `127.0.0.1:${trunk.endpoint.local('udp').port}`,
        domain: 'trunk.test',
        username: 'acct',
        password: 'secret',
      }),
      onEvent: (event) => {
        events.push(event);
        const script = scripts[Number(event.callId.slice(-3))];
        if (event.type !== 'outbound-answered' || script === undefined) return;
        if (script.onAnswer === 'hang-up') void caller.hangUp(event.callId).catch(tolerate);
        else if (script.onAnswer === 'drop-message')
          void caller.announceThenHangUp(event.callId, harness.toneFile).catch(tolerate);
        else void wait(800).then(() => caller.hangUp(event.callId).catch(tolerate));
      },
    });

    for (const [index, script] of scripts.entries()) {
      const callId = `fz-${String(index).padStart(3, '0')}`;
      caller.dial({
        callId,
        number: `+33600000${String(index).padStart(3, '0')}`,
        callerId: '+33170000000',
        ringTimeoutMs: 900,
      });
      if (script.hangUpAfterMs !== undefined)
        void wait(script.hangUpAfterMs).then(() => caller.hangUp(callId).catch(tolerate));
      await wait(40);
    }

    const results = (callId: string) =>
      events.filter(
        (e) =>
          e.callId === callId && (e.type === 'outbound-answered' || e.type === 'outbound-failed'),
      );
    const ids = scripts.map((_, i) => `fz-${String(i).padStart(3, '0')}`);
    await waitUntil(
      () => ids.every((id) => results(id).length > 0),
      'a result for every call',
      40_000,
    );
    await waitUntil(() => harness.b2bua.activeCalls === 0, 'every answered call ends', 40_000);
    await waitUntil(() => caller.ringing === 0, 'nothing ringing');
    await waitUntil(() => harness.dialogs.size === 0, 'every dialog ends', 40_000);
    await waitUntil(() => harness.timers.pending === 0, 'no timer left', 40_000);
    expect(await harness.engine.client.list()).toEqual([]);
    for (const id of ids) {
      const got = results(id);
      expect(got, id).toHaveLength(1);
      const ended = harness.events.filter((e) => e.callId === id && e.type === 'call-ended');
      expect(ended, id).toHaveLength(got[0]?.type === 'outbound-answered' ? 1 : 0);
      const script = scripts[Number(id.slice(-3))]!;
      // A refusal the dialer did not overtake is read as its status says.
      if (script.trunk.kind === 'refuse' && script.hangUpAfterMs === undefined)
        expect(got[0], id).toMatchObject({ type: 'outbound-failed', status: script.trunk.status });
    }
    // The seed's mix reaches the answered path and several failures, the challenge included.
    const kinds = new Set(events.map((e) => (e.type === 'outbound-failed' ? e.reason : e.type)));
    expect([...kinds].sort()).toEqual(
      expect.arrayContaining([
        'busy',
        'cancelled',
        'no-answer',
        'outbound-answered',
        'wrong-number',
      ]),
    );
    expect(scripts.some((s) => s.challenge && s.trunk.kind === 'answer')).toBe(true);
    expect(unexpected).toEqual([]);
    expect(harness.errors).toEqual([]);
  }, 120_000);
});
