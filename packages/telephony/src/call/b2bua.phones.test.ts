// The B2BUA with in-process SIP phones (a DialogLayer on their own endpoint) where sipp cannot
// easily play the part: a caller sending DTMF and a re-INVITE, and both legs over TCP.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../media/testing/rtp-peer.ts';
import { DialogLayer, type IncomingInvite, type SipDialog } from '../sip/dialog/dialog-layer.ts';
import { SipEndpoint } from '../sip/endpoint/sip-endpoint.ts';
import { header } from '../sip/message/message.ts';
import { seededRandom } from '../sip/testing/seeded-random.ts';
import { realScheduler } from '../sip/transport/real-scheduler.ts';
import { CallControlError } from './errors.ts';
import { B2buaHarness } from './testing/b2bua-harness.ts';

const sdp = (port: number) =>
  `v=0\r\no=p 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio ${port} RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\na=sendrecv\r\n`;

let harness: B2buaHarness;
let phones: { endpoint: SipEndpoint; layer: DialogLayer; invites: IncomingInvite[] };

beforeAll(async () => {
  harness = await B2buaHarness.start();
  const endpoint = await SipEndpoint.start({ udpPort: 0, tcpPort: 0 });
  let n = 0;
  const layer = new DialogLayer(endpoint, {
    scheduler: realScheduler,
    newId: () => `phone-${++n}`,
    random: seededRandom(5),
    contact: (protocol) =>
      `sip:phone@127.0.0.1:${endpoint.local(protocol).port}${protocol === 'tcp' ? ';transport=tcp' : ''}`,
  });
  const invites: IncomingInvite[] = [];
  layer.onInvite((invite) => invites.push(invite));
  phones = { endpoint, layer, invites };
});
afterEach(() => {
  harness.reset();
  phones.invites.length = 0;
});
afterAll(async () => {
  await phones?.endpoint.close();
  await harness?.stop();
});

function dial(protocol: 'udp' | 'tcp') {
  const port = harness.endpoint.local(protocol).port;
  return phones.layer.invite({
    uri: `sip:800200@127.0.0.1:${port}`,
    from: '<sip:caller@127.0.0.1>',
    to: '<sip:800200@127.0.0.1>',
    sdp: sdp(31_000),
    destination: { protocol, address: '127.0.0.1', port },
  });
}

async function nothingLeft(): Promise<void> {
  await waitUntil(() => harness.b2bua.activeCalls === 0, 'the call is gone');
  await waitUntil(() => harness.dialogs.size === 0 && phones.layer.size === 0, 'no dialogs');
  await waitUntil(() => harness.timers.pending === 0, 'no timers');
  expect(await harness.engine.client.list()).toEqual([]);
  expect(harness.errors).toEqual([]);
}

describe('the B2BUA with in-process phones', () => {
  it('[B2B11][B2B17][DLG10] the caller’s DTMF becomes an event; its re-INVITE refused by the agent’s phone gets 488 and the call goes on', async () => {
    harness.script = async (event, b2bua) => {
      if (event.type === 'inbound') {
        await b2bua.answer(event.callId);
        await b2bua.ringAgent(event.callId, 'kim', { ringTimeoutMs: 10_000 });
      }
    };
    harness.agentOn('kim', phones.endpoint.local('udp').port);
    const outgoing = dial('udp');
    await waitUntil(() => phones.invites.length === 1, 'the agent phone rings');
    phones.invites[0]!.answer(sdp(32_000));
    const outcome = await outgoing.result;
    if (outcome.kind !== 'answered') throw new Error(`caller not answered: ${outcome.kind}`);
    const callerDialog: SipDialog = outcome.dialog;
    const inbound = await harness.event('inbound');
    await harness.event('agent-answered', inbound.callId);

    expect(await callerDialog.info('application/dtmf-relay', 'Signal=3\r\nDuration=100\r\n')).toBe(
      200,
    );
    expect(await harness.event('dtmf', inbound.callId)).toMatchObject({
      leg: 'caller',
      digit: '3',
    });
    // The agent's phone has no re-INVITE handler: it refuses with 488, and so does the caller.
    expect(await callerDialog.reinvite(sdp(31_002))).toEqual({ status: 488 });

    expect(await callerDialog.bye()).toBe(200);
    expect(await harness.event('caller-hung-up', inbound.callId)).toMatchObject({
      phase: 'bridged',
    });
    await harness.event('call-ended', inbound.callId);
    await nothingLeft();
  }, 60_000);

  it('[TP3][B2B3][B2B8] caller and agent over TCP: answered, bridged, hung up by the server on both legs', async () => {
    harness.script = async (event, b2bua) => {
      if (event.type === 'inbound') {
        await b2bua.answer(event.callId);
        await b2bua.ringAgent(event.callId, 'lea', { ringTimeoutMs: 10_000 });
      }
    };
    harness.agentOn('lea', phones.endpoint.local('tcp').port, 'tcp');
    const outgoing = dial('tcp');
    await waitUntil(() => phones.invites.length === 1, 'the agent phone rings');
    const agentInvite = phones.invites[0]!;
    expect(agentInvite.source.protocol).toBe('tcp');
    let agentByes = 0;
    agentInvite.answer(sdp(32_002), { onBye: () => agentByes++ });
    const outcome = await outgoing.result;
    if (outcome.kind !== 'answered') throw new Error(`caller not answered: ${outcome.kind}`);
    let callerByes = 0;
    outcome.dialog.handlers = { onBye: () => callerByes++ };
    const inbound = await harness.event('inbound');
    await harness.event('agent-answered', inbound.callId);
    await harness.b2bua.hangUp(inbound.callId);
    await waitUntil(() => agentByes === 1 && callerByes === 1, 'both phones get BYE over TCP');
    await harness.event('call-ended', inbound.callId);
    await nothingLeft();
  }, 60_000);

  it('[B2B2][B2B13] an INVITE without SDP (late offer) is refused with 488 when answered; nothing is kept', async () => {
    const answers: unknown[] = [];
    harness.script = async (event, b2bua) => {
      if (event.type === 'inbound')
        await b2bua.answer(event.callId).catch((e: unknown) => answers.push(e));
    };
    const port = harness.endpoint.local('udp').port;
    const invite = phones.endpoint.createRequest({
      method: 'INVITE',
      uri: `sip:800200@127.0.0.1:${port}`,
      from: '<sip:late@127.0.0.1>',
      to: '<sip:800200@127.0.0.1>',
      headers: [header('Contact', `<sip:late@127.0.0.1:${phones.endpoint.local('udp').port}>`)],
    });
    const response = await phones.endpoint.send(invite, {
      protocol: 'udp',
      address: '127.0.0.1',
      port,
    });
    expect(response.status).toBe(488);
    await waitUntil(() => answers.length === 1, 'answer fails');
    expect(answers[0]).toBeInstanceOf(CallControlError);
    expect((answers[0] as CallControlError).code).toBe('media-failed');
    const inbound = await harness.event('inbound');
    await harness.event('call-ended', inbound.callId);
    await nothingLeft();
  }, 60_000);
});
