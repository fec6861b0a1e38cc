import { describe, expect, it } from 'vitest';
import { buildResponse } from '../message/response.ts';
import { FakeScheduler } from '../testing/fake-scheduler.ts';
import {
  describeSent,
  makeRequest,
  makeResponse,
  recordingOutput,
} from '../testing/transaction-builders.ts';
import { TransactionLayer } from './transaction-layer.ts';

function setup(reliable = false) {
  const clock = new FakeScheduler();
  const layer = new TransactionLayer(clock);
  const output = recordingOutput(clock, reliable);
  const events: string[] = [];
  const user = {
    onTimeout: () => events.push('timeout'),
    onTransportError: () => events.push('transport-error'),
  };
  return { clock, layer, output, events, user };
}

const invite = () => makeRequest({ method: 'INVITE' });
const ackOf = (via = 'SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK-test-1') =>
  makeRequest({ method: 'ACK', via });

describe('INVITE server transaction', () => {
  it('[TX3] sends 100 Trying at once and repeats the last provisional for a retransmitted INVITE', () => {
    const { layer, output, user } = setup();
    const first = layer.receiveRequest(invite(), output, user);
    expect(first.kind).toBe('new');
    if (first.kind !== 'new') return;
    expect(output.sent.map((s) => describeSent(s.message))).toEqual(['100']);
    first.transaction.respond(buildResponse(invite(), 180, { toTag: 'a' }));
    expect(layer.receiveRequest(invite(), output, user).kind).toBe('retransmission');
    expect(output.sent.map((s) => describeSent(s.message))).toEqual(['100', '180', '180']);
  });

  it('[TX3] retransmits a non-2xx with Timer G until the ACK, then absorbs ACKs for Timer I', () => {
    const { clock, layer, output, user, events } = setup();
    const incoming = layer.receiveRequest(invite(), output, user);
    if (incoming.kind !== 'new') throw new Error('new transaction expected');
    incoming.transaction.respond(buildResponse(invite(), 486, { toTag: 'a' }));
    clock.advance(12_000);
    expect(output.sent.filter((s) => describeSent(s.message) === '486').map((s) => s.atMs)).toEqual(
      [0, 500, 1500, 3500, 7500, 11500],
    );
    expect(layer.receiveRequest(ackOf(), output, user).kind).toBe('retransmission');
    expect(incoming.transaction.state).toBe('confirmed');
    clock.advance(4_999);
    expect(layer.receiveRequest(ackOf(), output, user).kind).toBe('retransmission');
    clock.advance(1);
    expect(incoming.transaction.state).toBe('terminated');
    expect(output.sent).toHaveLength(7);
    expect(events).toEqual([]);
  });

  it('[TX3] tells the TU when Timer H fires without an ACK', () => {
    const { clock, layer, output, user, events } = setup();
    const incoming = layer.receiveRequest(invite(), output, user);
    if (incoming.kind !== 'new') throw new Error('new transaction expected');
    incoming.transaction.respond(buildResponse(invite(), 404, { toTag: 'a' }));
    clock.advance(32_000);
    expect(events).toEqual(['timeout']);
    expect(layer.serverCount).toBe(0);
  });

  it('[TX3] after a 2xx absorbs INVITE retransmissions, passes the 2xx ACK on, ends with Timer L', () => {
    const { clock, layer, output, user } = setup();
    const incoming = layer.receiveRequest(invite(), output, user);
    if (incoming.kind !== 'new') throw new Error('new transaction expected');
    const ok = buildResponse(invite(), 200, { toTag: 'a' });
    incoming.transaction.respond(ok);
    layer.receiveRequest(invite(), output, user);
    incoming.transaction.respond(ok);
    expect(output.sent.map((s) => describeSent(s.message))).toEqual(['100', '200', '200']);
    expect(
      layer.receiveRequest(
        ackOf('SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK-ack-2xx'),
        output,
        user,
      ).kind,
    ).toBe('ack');
    clock.advance(32_000);
    expect(incoming.transaction.state).toBe('terminated');
  });
});

describe('non-INVITE server transaction', () => {
  it('[TX4] absorbs retransmissions while Trying, repeats the final response, ends with Timer J', () => {
    const { clock, layer, output, user } = setup();
    const request = makeRequest({ method: 'REGISTER' });
    const incoming = layer.receiveRequest(request, output, user);
    if (incoming.kind !== 'new') throw new Error('new transaction expected');
    layer.receiveRequest(request, output, user);
    expect(output.sent).toHaveLength(0);
    incoming.transaction.respond(buildResponse(request, 200, { toTag: 'r' }));
    layer.receiveRequest(request, output, user);
    expect(output.sent.map((s) => describeSent(s.message))).toEqual(['200', '200']);
    clock.advance(31_999);
    expect(incoming.transaction.state).toBe('completed');
    clock.advance(1);
    expect(layer.serverCount).toBe(0);
  });

  it('[TX6] ends at once over a reliable transport', () => {
    const { layer, output, user } = setup(true);
    const request = makeRequest({ method: 'OPTIONS' });
    const incoming = layer.receiveRequest(request, output, user);
    if (incoming.kind !== 'new') throw new Error('new transaction expected');
    incoming.transaction.respond(buildResponse(request, 200));
    expect(incoming.transaction.state).toBe('terminated');
  });
});

describe('matching', () => {
  it('[TX5] matches responses by top Via branch and CSeq method only', () => {
    const clock = new FakeScheduler();
    const layer = new TransactionLayer(clock);
    const output = recordingOutput(clock);
    const seen: number[] = [];
    const user = {
      onResponse: (r: { status: number }) => seen.push(r.status),
      onTimeout: () => {},
      onTransportError: () => {},
    };
    layer.sendRequest(makeRequest({ method: 'INVITE' }), output, user);
    expect(layer.receiveResponse(makeResponseFor('z9hG4bK-other', '1 INVITE'))).toBe(false);
    expect(layer.receiveResponse(makeResponseFor('z9hG4bK-test-1', '1 CANCEL'))).toBe(false);
    expect(layer.receiveResponse(makeResponseFor('z9hG4bK-test-1', '1 INVITE'))).toBe(true);
    expect(seen).toEqual([180]);
  });

  it('[TX5] keys server transactions by branch, sent-by and method; CANCEL finds its INVITE', () => {
    const { layer, output, user } = setup();
    layer.receiveRequest(invite(), output, user);
    const otherHost = makeRequest({
      method: 'INVITE',
      via: 'SIP/2.0/UDP 192.0.2.99:5062;branch=z9hG4bK-test-1',
    });
    expect(layer.receiveRequest(otherHost, output, user).kind).toBe('new');
    const cancel = makeRequest({ method: 'CANCEL' });
    expect(layer.receiveRequest(cancel, output, user).kind).toBe('new');
    expect(layer.inviteForCancel(cancel)?.request.method).toBe('INVITE');
    expect(layer.serverCount).toBe(3);
  });

  it('[TX5] falls back to RFC 2543 matching when the branch lacks the magic cookie', () => {
    const { layer, output, user } = setup();
    const old = () => makeRequest({ method: 'INVITE', via: 'SIP/2.0/UDP 192.0.2.5' });
    expect(layer.receiveRequest(old(), output, user).kind).toBe('new');
    expect(layer.receiveRequest(old(), output, user).kind).toBe('retransmission');
    const nextCseq = makeRequest({
      method: 'INVITE',
      via: 'SIP/2.0/UDP 192.0.2.5',
      cseq: '2 INVITE',
    });
    expect(layer.receiveRequest(nextCseq, output, user).kind).toBe('new');
    const ack = makeRequest({ method: 'ACK', via: 'SIP/2.0/UDP 192.0.2.5' });
    expect(layer.receiveRequest(ack, output, user).kind).toBe('retransmission');
  });

  it('[TX5] refuses to send an ACK or a request without a magic-cookie branch', () => {
    const { layer, output } = setup();
    const user = { onResponse: () => {}, onTimeout: () => {}, onTransportError: () => {} };
    expect(() => layer.sendRequest(makeRequest({ method: 'ACK' }), output, user)).toThrow(
      /without a client transaction/,
    );
    expect(() =>
      layer.sendRequest(makeRequest({ via: 'SIP/2.0/UDP h;branch=old' }), output, user),
    ).toThrow(/magic|z9hG4bK/);
  });
});

function makeResponseFor(branch: string, cseq: string) {
  const via = `SIP/2.0/UDP 192.0.2.10:5062;branch=${branch}`;
  return makeResponse({ status: 180, reason: 'Ringing', via, cseq });
}
