// The dialog layer on real loopback endpoints: two layers calling each other, and a raw UDP
// socket where a test needs to see every datagram. Dialog timers run on a fake clock.
import { createSocket, type Socket } from 'node:dgram';
import { afterEach, describe, expect, it } from 'vitest';
import { SipEndpoint } from '../endpoint/sip-endpoint.ts';
import { header, headerValue, type SipMessage } from '../message/message.ts';
import { parseMessage } from '../message/parse.ts';
import { waitUntil } from '../../media/testing/rtp-peer.ts';
import { FakeScheduler } from '../testing/fake-scheduler.ts';
import { bytes, requestText } from '../testing/message-builders.ts';
import { seededRandom } from '../testing/seeded-random.ts';
import { DialogLayer, type IncomingInvite, type SipDialog } from './dialog-layer.ts';

const OFFER =
  'v=0\r\no=a 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n';
const ANSWER = OFFER.replace('o=a', 'o=b').replace('4000', '4002');

const opened: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()));
});

interface Side {
  readonly endpoint: SipEndpoint;
  readonly layer: DialogLayer;
  readonly clock: FakeScheduler;
  readonly invites: IncomingInvite[];
}

async function side(name: string, seed: number): Promise<Side> {
  const endpoint = await SipEndpoint.start({ udpPort: 0 });
  opened.push(endpoint);
  const clock = new FakeScheduler();
  let n = 0;
  const layer = new DialogLayer(endpoint, {
    scheduler: clock,
    newId: () => `${name}-${++n}`,
    random: seededRandom(seed),
    contact: () => `sip:${name}@127.0.0.1:${endpoint.local('udp').port}`,
  });
  const invites: IncomingInvite[] = [];
  layer.onInvite((invite) => invites.push(invite));
  return { endpoint, layer, clock, invites };
}

function call(from: Side, to: Side) {
  const port = to.endpoint.local('udp').port;
  return from.layer.invite({
    uri: `sip:agent@127.0.0.1:${port}`,
    from: '<sip:relais@127.0.0.1>',
    to: `<sip:agent@127.0.0.1:${port}>`,
    sdp: OFFER,
    destination: { protocol: 'udp', address: '127.0.0.1', port },
  });
}

/** A raw UDP socket that records every SIP message it gets. */
async function rawPeer(): Promise<{ socket: Socket; port: number; got: SipMessage[] }> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  opened.push({ close: () => new Promise<void>((resolve) => socket.close(() => resolve())) });
  const got: SipMessage[] = [];
  socket.on('message', (data) => got.push(parseMessage(new Uint8Array(data))));
  return { socket, port: socket.address().port, got };
}

function rawInvite(port: number, extra: string[] = []): string {
  return requestText({
    method: 'INVITE',
    uri: 'sip:800100@127.0.0.1',
    via: `SIP/2.0/UDP 127.0.0.1:${port};branch=z9hG4bK-raw-1`,
    cseq: '1 INVITE',
    extra: [`Contact: <sip:raw@127.0.0.1:${port}>`, 'Content-Type: application/sdp', ...extra],
    body: OFFER,
  });
}

const cseqOfText = (message: SipMessage) => headerValue(message, 'cseq')!.split(' ')[0];

const statuses = (got: SipMessage[]) =>
  got.flatMap((m) => (m.kind === 'response' ? [`${m.status} ${headerValue(m, 'cseq')}`] : []));

describe('DialogLayer', () => {
  it('[DLG7] retransmits its 2xx from T1, doubling, until the ACK; then nothing more', async () => {
    const uas = await side('uas', 1);
    const peer = await rawPeer();
    const target = uas.endpoint.local('udp');
    peer.socket.send(rawInvite(peer.port), target.port, '127.0.0.1');
    await waitUntil(() => uas.invites.length === 1, 'the INVITE reaches the application');
    const dialog = uas.invites[0]!.answer(ANSWER);
    const count200 = () => statuses(peer.got).filter((s) => s === '200 1 INVITE').length;
    await waitUntil(() => count200() === 1, 'the 200');
    uas.clock.advance(500);
    await waitUntil(() => count200() === 2, 'the first retransmission at T1');
    uas.clock.advance(999);
    uas.clock.advance(1);
    await waitUntil(() => count200() === 3, 'the second at 2·T1');
    const ok = peer.got.find((m) => m.kind === 'response' && m.status === 200)!;
    const toTag = headerValue(ok, 'to')!;
    peer.socket.send(
      requestText({
        method: 'ACK',
        uri: 'sip:uas@127.0.0.1',
        via: `SIP/2.0/UDP 127.0.0.1:${peer.port};branch=z9hG4bK-raw-ack`,
        cseq: '1 ACK',
        to: toTag,
      }),
      target.port,
      '127.0.0.1',
    );
    // The ACK stops the retransmissions: no timer of the dialog is left.
    await waitUntil(() => uas.clock.pendingCount === 0, 'the ACK stops the 2xx retransmissions');
    uas.clock.advance(60_000);
    expect(count200()).toBe(3);
    expect(dialog.terminated).toBe(false);
  });

  it('[DLG7] without an ACK in 64·T1 it stops, sends BYE and reports it', async () => {
    const uas = await side('uas', 2);
    const peer = await rawPeer();
    peer.socket.send(rawInvite(peer.port), uas.endpoint.local('udp').port, '127.0.0.1');
    await waitUntil(() => uas.invites.length === 1, 'the INVITE');
    let reported = false;
    uas.invites[0]!.answer(ANSWER, { onAckTimeout: () => (reported = true) });
    uas.clock.advance(32_000);
    await waitUntil(() => peer.got.some((m) => m.kind === 'request' && m.method === 'BYE'), 'BYE');
    const bye = peer.got.find((m) => m.kind === 'request' && m.method === 'BYE')!;
    expect(bye.kind === 'request' && bye.uri).toBe(`sip:raw@127.0.0.1:${peer.port}`);
    // 200 at 0, then at 0.5, 1.5, 3.5, 7.5 s and every T2 (4 s) after, the last at 31.5 s: 11.
    expect(statuses(peer.got).filter((s) => s === '200 1 INVITE')).toHaveLength(11);
    expect(reported).toBe(true);
    expect(uas.layer.size).toBe(0);
  });

  it('[DLG8] BYE, INFO and re-INVITE naming no dialog get 481', async () => {
    const uas = await side('uas', 3);
    const peer = await rawPeer();
    for (const [i, method] of ['BYE', 'INFO', 'INVITE'].entries()) {
      peer.socket.send(
        requestText({
          method,
          uri: 'sip:uas@127.0.0.1',
          via: `SIP/2.0/UDP 127.0.0.1:${peer.port};branch=z9hG4bK-stray-${i}`,
          cseq: `${i + 2} ${method}`,
          to: '<sip:uas@127.0.0.1>;tag=nobody',
        }),
        uas.endpoint.local('udp').port,
        '127.0.0.1',
      );
    }
    const finals = () => statuses(peer.got).filter((s) => !s.startsWith('100 '));
    await waitUntil(() => finals().length === 3, 'three final answers');
    expect(finals().sort()).toEqual(['481 2 BYE', '481 3 INFO', '481 4 INVITE']);
  });

  it('[DLG9] CANCEL of a ringing INVITE: the callee hears of it, the caller gets cancelled', async () => {
    const a = await side('a', 4);
    const b = await side('b', 5);
    const outgoing = call(a, b);
    await waitUntil(() => b.invites.length === 1, 'B gets the INVITE');
    let cancelled = false;
    b.invites[0]!.onCancel(() => (cancelled = true));
    b.invites[0]!.ring();
    await waitUntil(() => a.layer.size === 1, 'the 180 makes an early dialog at A');
    outgoing.cancel();
    expect(await outgoing.result).toEqual({ kind: 'cancelled' });
    expect(cancelled).toBe(true);
    expect(b.invites[0]!.cancelled).toBe(true);
    expect(a.layer.size).toBe(0);
  });

  it('[DLG9] a CANCEL asked before any provisional waits for one (§9.1)', async () => {
    const a = await side('a', 6);
    const b = await side('b', 7);
    // A peer that sends nothing: the endpoint's own 100 Trying is the provisional.
    const outgoing = call(a, b);
    outgoing.cancel();
    expect(await outgoing.result).toEqual({ kind: 'cancelled' });
  });

  it('[DLG9][B2B7] a 200 crossing our CANCEL is ACKed and hung up; the outcome stays cancelled', async () => {
    const a = await side('a', 13);
    const peer = await rawPeer();
    const outgoing = a.layer.invite({
      uri: `sip:agent@127.0.0.1:${peer.port}`,
      from: '<sip:relais@127.0.0.1>',
      to: `<sip:agent@127.0.0.1:${peer.port}>`,
      sdp: OFFER,
      destination: { protocol: 'udp', address: '127.0.0.1', port: peer.port },
    });
    await waitUntil(() => peer.got.length === 1, 'the INVITE');
    const request = peer.got[0]!;
    if (request.kind !== 'request') throw new Error('expected the INVITE');
    const reply = (
      status: number,
      reason: string,
      cseq: string,
      extra: string[] = [],
      to: SipMessage = request,
    ) => {
      const copied = ['via', 'from', 'call-id']
        .map((key) => to.headers.find((h) => h.key === key)!)
        .map((h) => `${h.name}: ${h.value}`);
      const lines = [
        `SIP/2.0 ${status} ${reason}`,
        ...copied,
        `To: ${headerValue(request, 'to')};tag=phone-1`,
        `CSeq: ${cseq}`,
        ...extra,
        'Content-Length: 0',
      ];
      peer.socket.send(`${lines.join('\r\n')}\r\n\r\n`, a.endpoint.local('udp').port, '127.0.0.1');
    };
    reply(180, 'Ringing', '1 INVITE');
    await waitUntil(() => a.layer.size === 1, 'the early dialog');
    outgoing.cancel();
    await waitUntil(
      () => peer.got.some((m) => m.kind === 'request' && m.method === 'CANCEL'),
      'CANCEL',
    );
    // The phone answered before it saw the CANCEL: 200 to the INVITE, then 200 to the CANCEL.
    reply(200, 'OK', '1 INVITE', [`Contact: <sip:agent@127.0.0.1:${peer.port}>`]);
    reply(200, 'OK', '1 CANCEL');
    await waitUntil(() => peer.got.some((m) => m.kind === 'request' && m.method === 'BYE'), 'BYE');
    const methods = peer.got.flatMap((m) => (m.kind === 'request' ? [m.method] : []));
    expect(methods).toEqual(['INVITE', 'CANCEL', 'ACK', 'BYE']);
    const bye = peer.got.find((m) => m.kind === 'request' && m.method === 'BYE')!;
    expect(headerValue(bye, 'to')).toContain('tag=phone-1');
    reply(200, 'OK', `${cseqOfText(bye)} BYE`, [], bye);
    expect(await outgoing.result).toEqual({ kind: 'cancelled' });
    await waitUntil(() => a.layer.size === 0, 'the dialog is forgotten');
  });

  it('[DLG10] answered call: ACK, re-INVITE offer/answer, INFO both ways, BYE; nothing left', async () => {
    const a = await side('a', 8);
    const b = await side('b', 9);
    const outgoing = call(a, b);
    await waitUntil(() => b.invites.length === 1, 'B gets the INVITE');
    const infos: string[] = [];
    let byes = 0;
    const bDialog = b.invites[0]!.answer(ANSWER, {
      onReinvite: (_d, offer) => Promise.resolve({ sdp: offer.replace('o=a', 'o=b') }),
      onInfo: (_d, request) => infos.push(`b:${new TextDecoder().decode(request.body)}`),
      onBye: () => byes++,
    });
    const outcome = await outgoing.result;
    if (outcome.kind !== 'answered') throw new Error(`not answered: ${outcome.kind}`);
    expect(outcome.sdp).toBe(ANSWER);
    const aDialog: SipDialog = outcome.dialog;
    aDialog.handlers = {
      onInfo: (_d, request) => infos.push(`a:${new TextDecoder().decode(request.body)}`),
    };
    // B's 2xx retransmissions stop: A's ACK arrived.
    await waitUntil(() => b.clock.pendingCount === 0, 'the ACK reaches B');
    const renegotiated = await aDialog.reinvite(OFFER.replace('4000', '4100'));
    expect(renegotiated).toEqual({ sdp: OFFER.replace('4000', '4100').replace('o=a', 'o=b') });
    expect(await aDialog.info('application/dtmf-relay', 'Signal=5\r\nDuration=160\r\n')).toBe(200);
    expect(await bDialog.info('application/dtmf', '#')).toBe(200);
    expect(infos).toEqual(['b:Signal=5\r\nDuration=160\r\n', 'a:#']);
    // A late offer (re-INVITE without SDP) is refused, and the dialog goes on.
    const late = a.endpoint.createRequest({
      method: 'INVITE',
      uri: aDialog.state.remoteTarget,
      from: aDialog.state.localUri,
      to: aDialog.state.remoteUri,
      callId: aDialog.state.callId,
      cseq: aDialog.state.localSeq + 1,
      headers: [header('Contact', '<sip:a@127.0.0.1>')],
    });
    aDialog.state.localSeq += 1;
    const refused = await a.endpoint.send(late, {
      protocol: 'udp',
      address: '127.0.0.1',
      port: b.endpoint.local('udp').port,
    });
    expect(refused.status).toBe(488);
    expect(await aDialog.bye()).toBe(200);
    await waitUntil(() => byes === 1, 'B hears the BYE');
    expect(a.layer.size + b.layer.size).toBe(0);
  });

  it('[DLG5] glare: re-INVITEs crossing each get 491, both retry after §14.1 waits and succeed', async () => {
    const a = await side('a', 10);
    const b = await side('b', 11);
    const outgoing = call(a, b);
    await waitUntil(() => b.invites.length === 1, 'B gets the INVITE');
    const echo = { onReinvite: (_d: SipDialog, offer: string) => Promise.resolve({ sdp: offer }) };
    const bDialog = b.invites[0]!.answer(ANSWER, echo);
    const outcome = await outgoing.result;
    if (outcome.kind !== 'answered') throw new Error(outcome.kind);
    outcome.dialog.handlers = echo;
    await waitUntil(() => b.clock.pendingCount === 0, 'the ACK reaches B');
    const fromA = outcome.dialog.reinvite(OFFER.replace('4000', '4200'));
    const fromB = bDialog.reinvite(OFFER.replace('4000', '4300'));
    // Both wait on their fake clocks: B (not the Call-ID's owner) 0–2 s, A 2.1–4 s.
    await waitUntil(() => a.clock.pendingCount === 1 && b.clock.pendingCount === 1, 'both got 491');
    b.clock.advance(2_000);
    expect(await fromB).toEqual({ sdp: OFFER.replace('4000', '4300') });
    a.clock.advance(4_000);
    expect(await fromA).toEqual({ sdp: OFFER.replace('4000', '4200') });
  });

  it('[DLG8] an INVITE with a bad SDP-less Contact still gets an answer, never a crash', async () => {
    const uas = await side('uas', 12);
    const peer = await rawPeer();
    peer.socket.send(
      bytes(
        requestText({
          method: 'INVITE',
          uri: 'sip:800100@127.0.0.1',
          via: `SIP/2.0/UDP 127.0.0.1:${peer.port};branch=z9hG4bK-nocontact`,
          cseq: '1 INVITE',
        }),
      ),
      uas.endpoint.local('udp').port,
      '127.0.0.1',
    );
    await waitUntil(() => uas.invites.length === 1, 'the INVITE');
    expect(() => uas.invites[0]!.answer(ANSWER)).toThrow(/no usable Contact/);
    uas.invites[0]!.reject(400);
    await waitUntil(() => statuses(peer.got).includes('400 1 INVITE'), 'a 400');
  });
});
