// A trunk that answers badly: an answer without audio, or a 200 that cannot make a dialog.
// The call fails cleanly (the answered leg is hung up) and nothing is left. In-process trunk,
// real rtpengine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../media/testing/rtp-peer.ts';
import { DialogLayer } from '../sip/dialog/dialog-layer.ts';
import { SipEndpoint } from '../sip/endpoint/sip-endpoint.ts';
import { seededRandom } from '../sip/testing/seeded-random.ts';
import { realScheduler } from '../sip/transport/real-scheduler.ts';
import { OutboundCaller, type OutboundEvent } from './outbound.ts';
import { B2buaHarness } from './testing/b2bua-harness.ts';
import { trunkSettings } from './trunk-settings.ts';

let harness: B2buaHarness;
let trunk: { endpoint: SipEndpoint; layer: DialogLayer };
const byes: string[] = [];

beforeAll(async () => {
  harness = await B2buaHarness.start();
  const endpoint = await SipEndpoint.start({ udpPort: 0 });
  let n = 0;
  const layer = new DialogLayer(endpoint, {
    scheduler: realScheduler,
    newId: () => `bad-${++n}`,
    random: seededRandom(4),
    contact: () => `sip:trunk@127.0.0.1:${endpoint.local('udp').port}`,
  });
  trunk = { endpoint, layer };
});
afterAll(async () => {
  await trunk?.endpoint.close();
  await harness?.stop();
});

function caller(events: OutboundEvent[]): OutboundCaller {
  return new OutboundCaller({
    dialogs: harness.dialogs,
    media: harness.media,
    b2bua: harness.b2bua,
    scheduler: harness.timers,
    newCnonce: () => 'n',
    trunk: trunkSettings({ address: `127.0.0.1:${trunk.endpoint.local('udp').port}` }),
    onEvent: (event) => events.push(event),
  });
}

async function nothingLeft(): Promise<void> {
  await waitUntil(() => harness.dialogs.size === 0, 'no dialog left');
  await waitUntil(() => harness.timers.pending === 0, 'no timer left');
  expect(harness.b2bua.activeCalls).toBe(0);
  expect(await harness.engine.client.list()).toEqual([]);
}

describe('a trunk answering badly', () => {
  it.each([
    ['no audio stream', 'v=0\r\no=t 1 1 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n'],
    [
      'no voice codec',
      'v=0\r\no=t 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 101\r\na=rtpmap:101 telephone-event/8000\r\n',
    ],
    ['no SDP at all', ''],
  ])(
    '[OUT3] an answer with %s: the callee is hung up (BYE), the call failed, nothing left',
    async (_what, sdp) => {
      trunk.layer.onInvite((invite) => {
        invite.answer(sdp, { onBye: (dialog) => byes.push(dialog.state.callId) });
      });
      const events: OutboundEvent[] = [];
      const id = `bad-${byes.length}-${sdp.length}`;
      caller(events).dial({
        callId: id,
        number: '+33600000009',
        callerId: '+33170000000',
        ringTimeoutMs: 5_000,
      });
      await waitUntil(() => events.some((e) => e.type === 'outbound-failed'), 'the failure');
      expect(events).toEqual([{ type: 'outbound-failed', callId: id, reason: 'failed' }]);
      await waitUntil(() => byes.length > 0, 'the BYE to the callee');
      byes.length = 0;
      await nothingLeft();
    },
    30_000,
  );
});
