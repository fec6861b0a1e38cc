// A trunk that authenticates INVITEs as a proxy (407, Proxy-Authorization), verified by Relais's
// own digest server in proxy mode; the trunk is an in-process SIP peer, rtpengine is real.
// (sipp's verifyauth reads only Authorization, so the sipp trunk challenges with 401.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../media/testing/rtp-peer.ts';
import { DigestServer } from '../sip/auth/digest-server.ts';
import { DialogLayer, type IncomingInvite } from '../sip/dialog/dialog-layer.ts';
import { SipEndpoint } from '../sip/endpoint/sip-endpoint.ts';
import { cseqOf, fromOf } from '../sip/message/fields.ts';
import { headerValue } from '../sip/message/message.ts';
import { seededRandom } from '../sip/testing/seeded-random.ts';
import { realScheduler } from '../sip/transport/real-scheduler.ts';
import { OutboundCaller, type OutboundEvent } from './outbound.ts';
import { B2buaHarness } from './testing/b2bua-harness.ts';
import { trunkSettings } from './trunk-settings.ts';

const SDP = `v=0\r\no=t 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 40004 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n`;

let harness: B2buaHarness;
let trunk: { endpoint: SipEndpoint; layer: DialogLayer };
const proxy = new DigestServer({
  realm: 'trunk.test',
  secret: 'proxy-secret',
  lookupPassword: (user) => (user === 'acct' ? 'right-password' : undefined),
  algorithms: ['MD5'],
  proxy: true,
});

beforeAll(async () => {
  harness = await B2buaHarness.start();
  const endpoint = await SipEndpoint.start({ udpPort: 0 });
  let n = 0;
  const layer = new DialogLayer(endpoint, {
    scheduler: realScheduler,
    newId: () => `px-${++n}`,
    random: seededRandom(3),
    contact: () => `sip:trunk@127.0.0.1:${endpoint.local('udp').port}`,
  });
  trunk = { endpoint, layer };
});
afterAll(async () => {
  await trunk?.endpoint.close();
  await harness?.stop();
});

function callerWith(password: string, events: OutboundEvent[]): OutboundCaller {
  return new OutboundCaller({
    dialogs: harness.dialogs,
    media: harness.media,
    b2bua: harness.b2bua,
    scheduler: harness.timers,
    newCnonce: () => 'cn0nce',
    trunk: trunkSettings({
      address: `127.0.0.1:${trunk.endpoint.local('udp').port}`,
      domain: 'trunk.test',
      username: 'acct',
      password,
    }),
    onEvent: (event) => events.push(event),
  });
}

describe('a trunk authenticating as a proxy (407)', () => {
  it('[OUT2] the INVITE is resent once with Proxy-Authorization (same Call-ID and From tag, next CSeq) and verified', async () => {
    const invites: IncomingInvite[] = [];
    trunk.layer.onInvite((invite) => {
      invites.push(invite);
      const verdict = proxy.verify(invite.request);
      if (!verdict.ok) {
        const challenge = proxy.challenge();
        invite.reject(challenge.status, challenge.headers);
        return;
      }
      invite.answer(SDP);
    });
    const events: OutboundEvent[] = [];
    const caller = callerWith('right-password', events);
    caller.dial({
      callId: 'px-1',
      number: '+33600000001',
      callerId: '+33170000000',
      ringTimeoutMs: 5_000,
    });
    await waitUntil(() => events.some((e) => e.type === 'outbound-answered'), 'the answer');
    expect(invites).toHaveLength(2);
    const [first, second] = invites.map((i) => i.request);
    expect(headerValue(first!, 'proxy-authorization')).toBeUndefined();
    expect(headerValue(second!, 'proxy-authorization')).toMatch(/^Digest .*username="acct"/);
    expect(headerValue(second!, 'call-id')).toBe(headerValue(first!, 'call-id'));
    expect(fromOf(second!)?.params).toEqual(fromOf(first!)?.params);
    expect(cseqOf(second!)?.seq).toBe((cseqOf(first!)?.seq ?? 0) + 1);
    await caller.hangUp('px-1');
    await harness.event('call-ended', 'px-1');
  }, 30_000);

  it('[OUT2] a wrong password is challenged again: not answered a second time, the call failed with 407', async () => {
    let count = 0;
    trunk.layer.onInvite((invite) => {
      count++;
      const challenge = proxy.challenge();
      invite.reject(challenge.status, challenge.headers);
    });
    const events: OutboundEvent[] = [];
    const caller = callerWith('wrong-password', events);
    caller.dial({
      callId: 'px-2',
      number: '+33600000002',
      callerId: '+33170000000',
      ringTimeoutMs: 5_000,
    });
    await waitUntil(() => events.some((e) => e.type === 'outbound-failed'), 'the failure');
    expect(events).toEqual([
      { type: 'outbound-failed', callId: 'px-2', reason: 'failed', status: 407 },
    ]);
    expect(count).toBe(2);
    await waitUntil(() => harness.dialogs.size === 0, 'no dialog left');
    expect(await harness.engine.client.list()).toEqual([]);
  }, 30_000);
});
