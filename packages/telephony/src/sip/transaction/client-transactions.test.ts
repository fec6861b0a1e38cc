import { describe, expect, it } from 'vitest';
import { headerValue } from '../message/message.ts';
import { FakeScheduler } from '../testing/fake-scheduler.ts';
import {
  describeSent,
  makeRequest,
  makeResponse,
  recordingOutput,
  recordingUser,
} from '../testing/transaction-builders.ts';
import { TransactionLayer } from './transaction-layer.ts';

const INVITE_VIA = 'SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK-test-1';

function setup(
  reliable = false,
  timers?: { t1Ms: number; t2Ms: number; t4Ms: number; timerDMs: number },
) {
  const clock = new FakeScheduler();
  const layer = new TransactionLayer(clock, timers);
  const output = recordingOutput(clock, reliable);
  const user = recordingUser();
  return { clock, layer, output, user };
}

describe('INVITE client transaction', () => {
  it('[TX1] retransmits with Timer A doubling from T1 and times out with Timer B at 64*T1', () => {
    const { clock, layer, output, user } = setup();
    layer.sendRequest(makeRequest({ method: 'INVITE', via: INVITE_VIA }), output, user);
    clock.advance(40_000);
    expect(output.sent.map((s) => s.atMs)).toEqual([0, 500, 1500, 3500, 7500, 15500, 31500]);
    expect(user.events).toEqual(['timeout']);
    expect(layer.clientCount).toBe(0);
  });

  it('[TX1] stops on 1xx; ACKs a non-2xx itself, again for each retransmission, and ends after Timer D', () => {
    const { clock, layer, output, user } = setup();
    const tx = layer.sendRequest(makeRequest({ method: 'INVITE', via: INVITE_VIA }), output, user);
    clock.advance(600);
    layer.receiveResponse(makeResponse({ status: 180, reason: 'Ringing', cseq: '1 INVITE' }));
    clock.advance(10_000);
    expect(output.sent).toHaveLength(2);
    const busy = makeResponse({
      status: 486,
      reason: 'Busy Here',
      cseq: '1 INVITE',
      toTag: 'callee',
    });
    layer.receiveResponse(busy);
    layer.receiveResponse(busy);
    expect(user.events).toEqual(['180', '486']);
    const acks = output.sent.slice(2).map((s) => s.message);
    expect(acks.map(describeSent)).toEqual(['ACK', 'ACK']);
    const ack = acks[0]!;
    expect(headerValue(ack, 'to')).toContain('tag=callee');
    expect(headerValue(ack, 'cseq')).toBe('1 ACK');
    expect(headerValue(ack, 'via')).toBe(INVITE_VIA);
    expect(tx.state).toBe('completed');
    clock.advance(31_999);
    expect(tx.state).toBe('completed');
    clock.advance(1);
    expect(tx.state).toBe('terminated');
    expect(layer.clientCount).toBe(0);
  });

  it('[TX1] passes the 2xx and its retransmissions to the TU while Accepted, then ends with Timer M', () => {
    const { clock, layer, output, user } = setup();
    const tx = layer.sendRequest(makeRequest({ method: 'INVITE', via: INVITE_VIA }), output, user);
    const ok = makeResponse({ status: 200, cseq: '1 INVITE' });
    layer.receiveResponse(ok);
    clock.advance(500);
    layer.receiveResponse(ok);
    expect(user.events).toEqual(['200', '200']);
    expect(output.sent).toHaveLength(1);
    expect(tx.state).toBe('accepted');
    clock.advance(31_500);
    expect(tx.state).toBe('terminated');
    expect(layer.receiveResponse(ok)).toBe(false);
  });

  it('[TX6] never retransmits over a reliable transport and ends at once after a non-2xx', () => {
    const { clock, layer, output, user } = setup(true);
    const tx = layer.sendRequest(makeRequest({ method: 'INVITE', via: INVITE_VIA }), output, user);
    clock.advance(20_000);
    expect(output.sent).toHaveLength(1);
    layer.receiveResponse(makeResponse({ status: 603, reason: 'Decline', cseq: '1 INVITE' }));
    expect(output.sent.map((s) => describeSent(s.message))).toEqual(['INVITE', 'ACK']);
    expect(tx.state).toBe('terminated');
  });
});

describe('non-INVITE client transaction', () => {
  it('[TX2] retransmits with Timer E doubling up to T2 and times out with Timer F', () => {
    const { clock, layer, output, user } = setup();
    layer.sendRequest(makeRequest({ method: 'OPTIONS' }), output, user);
    clock.advance(40_000);
    expect(output.sent.map((s) => s.atMs)).toEqual([
      0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500,
    ]);
    expect(user.events).toEqual(['timeout']);
  });

  it('[TX2] retransmits every T2 once Proceeding; a final response ends it after Timer K', () => {
    const { clock, layer, output, user } = setup();
    const tx = layer.sendRequest(makeRequest({ method: 'REGISTER' }), output, user);
    layer.receiveResponse(makeResponse({ status: 100, reason: 'Trying', cseq: '1 REGISTER' }));
    clock.advance(9_000);
    expect(output.sent.map((s) => s.atMs)).toEqual([0, 500, 4500, 8500]);
    const ok = makeResponse({ status: 200, cseq: '1 REGISTER' });
    layer.receiveResponse(ok);
    layer.receiveResponse(ok);
    expect(user.events).toEqual(['100', '200']);
    clock.advance(4_999);
    expect(tx.state).toBe('completed');
    clock.advance(1);
    expect(tx.state).toBe('terminated');
  });

  it('[TX6][TX8] honours configured timers and skips Timer K over a reliable transport', () => {
    const fast = setup(false, { t1Ms: 100, t2Ms: 400, t4Ms: 1000, timerDMs: 32_000 });
    fast.layer.sendRequest(makeRequest({ method: 'OPTIONS' }), fast.output, fast.user);
    fast.clock.advance(7_000);
    expect(fast.output.sent.map((s) => s.atMs).slice(0, 5)).toEqual([0, 100, 300, 700, 1100]);
    expect(fast.user.events).toEqual(['timeout']);
    expect(fast.clock.nowMs).toBe(7_000);
    const tcp = setup(true);
    const tx = tcp.layer.sendRequest(makeRequest({ method: 'OPTIONS' }), tcp.output, tcp.user);
    tcp.layer.receiveResponse(makeResponse({ status: 200 }));
    expect(tx.state).toBe('terminated');
  });

  it('[TX7] a transport failure ends the transaction and tells the TU', () => {
    const { clock, layer, output, user } = setup();
    layer.sendRequest(makeRequest({ method: 'OPTIONS' }), output, user);
    output.breakDown();
    clock.advance(600);
    expect(user.events).toEqual(['transport-error']);
    expect(layer.clientCount).toBe(0);
    expect(clock.pendingCount).toBe(0);
  });
});
