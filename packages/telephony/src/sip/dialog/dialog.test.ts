import { describe, expect, it } from 'vitest';
import { headerValue, headerValues } from '../message/message.ts';
import { makeRequest } from '../testing/transaction-builders.ts';
import { cancelOf } from './dialog-layer.ts';
import {
  addressOfUri,
  confirmUac,
  finishInvite,
  inDialogRequest,
  incomingRequestKey,
  keyOf,
  receiveInDialog,
  refreshTarget,
  uacDialog,
  uasDialog,
} from './dialog.ts';
import {
  answer,
  CALLEE_CONTACT,
  CALLER_CONTACT,
  fromCaller,
  invite,
} from '../testing/dialog-builders.ts';
import { DialogError } from './errors.ts';

describe('UAC dialogs', () => {
  it('[DLG1] a 2xx makes a confirmed dialog: tags, CSeq, Contact as target, Record-Route reversed', () => {
    const dialog = uacDialog(
      invite(),
      answer(200, [
        `Contact: <${CALLEE_CONTACT}>`,
        'Record-Route: <sip:p2.example.com;lr>',
        'Record-Route: <sip:p1.example.com;lr>',
      ]),
    );
    expect(dialog).toMatchObject({
      callId: 'call-1@192.0.2.10',
      localTag: 'from-1',
      remoteTag: 'callee-1',
      role: 'uac',
      phase: 'confirmed',
      localSeq: 7,
      remoteSeq: undefined,
      remoteTarget: CALLEE_CONTACT,
      routeSet: ['<sip:p1.example.com;lr>', '<sip:p2.example.com;lr>'],
    });
  });

  it('[DLG1] a 1xx with a To tag makes an early dialog that the 2xx confirms and re-targets', () => {
    const dialog = uacDialog(invite(), answer(180, ['Contact: <sip:early@192.0.2.30>']));
    expect(dialog.phase).toBe('early');
    expect(dialog.remoteTarget).toBe('sip:early@192.0.2.30');
    confirmUac(dialog, answer(200, [`Contact: <${CALLEE_CONTACT}>`, 'Record-Route: <sip:p1;lr>']));
    expect(dialog.phase).toBe('confirmed');
    expect(dialog.remoteTarget).toBe(CALLEE_CONTACT);
    expect(dialog.routeSet).toEqual(['<sip:p1;lr>']);
  });

  it('[DLG1][DLG10] a re-INVITE’s 2xx refreshes the target only: the route set stays', () => {
    const dialog = uacDialog(
      invite(),
      answer(200, [`Contact: <${CALLEE_CONTACT}>`, 'Record-Route: <sip:p1;lr>']),
    );
    refreshTarget(
      dialog,
      answer(200, ['Contact: <sip:moved@192.0.2.77>', 'Record-Route: <sip:other;lr>']),
    );
    expect(dialog.remoteTarget).toBe('sip:moved@192.0.2.77');
    expect(dialog.routeSet).toEqual(['<sip:p1;lr>']);
  });

  it('[DLG1] a 2xx without a To tag or without Contact is a DialogError naming what is missing', () => {
    const noTag = answer(200);
    const to = noTag.headers.findIndex((h) => h.key === 'to');
    noTag.headers[to] = { ...noTag.headers[to]!, value: '<sip:queue-sales@relais.example.com>' };
    expect(() => uacDialog(invite(), noTag)).toThrow(/no To tag/);
    expect(() => uacDialog(invite(), answer(200, []))).toThrow(DialogError);
    expect(() => uacDialog(invite(), answer(200, []))).toThrow(/Contact/);
  });
});

describe('UAS dialogs', () => {
  it('[DLG2] an INVITE answered with our tag: routes in order, remote CSeq, our tag in To', () => {
    const dialog = uasDialog(
      invite(['Record-Route: <sip:p1;lr>', 'Record-Route: <sip:p2;lr>']),
      'ours-1',
      'confirmed',
    );
    expect(dialog).toMatchObject({
      localTag: 'ours-1',
      remoteTag: 'from-1',
      role: 'uas',
      localSeq: 0,
      remoteSeq: 7,
      remoteTarget: CALLER_CONTACT,
      routeSet: ['<sip:p1;lr>', '<sip:p2;lr>'],
    });
    expect(dialog.localUri).toBe('<sip:queue-sales@relais.example.com>;tag=ours-1');
  });

  it('[DLG2] an INVITE without Contact cannot make a dialog', () => {
    const bare = makeRequest({ method: 'INVITE', cseq: '1 INVITE' });
    expect(() => uasDialog(bare, 't', 'confirmed')).toThrow(/no usable Contact/);
  });

  it('[DLG2] incoming requests find the dialog by Call-ID, our tag (To) and theirs (From)', () => {
    const dialog = uasDialog(invite(), 'callee-1', 'confirmed');
    expect(incomingRequestKey(fromCaller('BYE', 8))).toBe(keyOf(dialog));
    expect(incomingRequestKey(invite())).toBeUndefined(); // no To tag: not in a dialog
  });
});

describe('requests in a dialog', () => {
  it('[DLG3] each request takes the next CSeq, the route set as Route, the remote target as URI', () => {
    const dialog = uacDialog(
      invite(),
      answer(200, [`Contact: <${CALLEE_CONTACT}>`, 'Record-Route: <sip:10.0.0.1:5080;lr>']),
    );
    const bye = inDialogRequest(dialog, 'INFO');
    expect(bye.spec).toMatchObject({ method: 'INFO', uri: CALLEE_CONTACT, cseq: 8 });
    expect(bye.spec.from).toContain('tag=from-1');
    expect(bye.spec.to).toContain('tag=callee-1');
    expect(bye.spec.headers?.map((h) => `${h.name}: ${h.value}`)).toEqual([
      'Route: <sip:10.0.0.1:5080;lr>',
    ]);
    expect(bye.next).toBe('sip:10.0.0.1:5080;lr');
    expect(inDialogRequest(dialog, 'INFO').spec.cseq).toBe(9);
    // The ACK of a 2xx reuses the INVITE's number and moves nothing.
    expect(inDialogRequest(dialog, 'ACK', { seq: 7 }).spec.cseq).toBe(7);
    expect(dialog.localSeq).toBe(9);
  });

  it('[DLG3] after our BYE the dialog is over: no more requests', () => {
    const dialog = uacDialog(invite(), answer());
    inDialogRequest(dialog, 'BYE');
    expect(dialog.phase).toBe('terminated');
    expect(() => inDialogRequest(dialog, 'INFO')).toThrow(/has ended/);
  });

  it('[DLG4] a request with a CSeq not above the last gets 500; a BYE ends; then 481', () => {
    const dialog = uasDialog(invite(), 'callee-1', 'confirmed');
    expect(receiveInDialog(dialog, fromCaller('INFO', 7))).toMatchObject({ status: 500 });
    expect(receiveInDialog(dialog, fromCaller('INFO', 9))).toEqual({ kind: 'accept' });
    expect(receiveInDialog(dialog, fromCaller('INFO', 8))).toMatchObject({ status: 500 });
    expect(receiveInDialog(dialog, fromCaller('ACK', 7))).toEqual({ kind: 'accept' });
    expect(receiveInDialog(dialog, fromCaller('BYE', 10))).toEqual({ kind: 'accept' });
    expect(dialog.phase).toBe('terminated');
    expect(receiveInDialog(dialog, fromCaller('INFO', 11))).toMatchObject({ status: 481 });
  });

  it('[DLG4] a re-INVITE refreshes the remote target from its Contact', () => {
    const dialog = uasDialog(invite(), 'callee-1', 'confirmed');
    receiveInDialog(dialog, fromCaller('INVITE', 8, ['Contact: <sip:moved@192.0.2.99>']));
    expect(dialog.remoteTarget).toBe('sip:moved@192.0.2.99');
    expect(dialog.invite).toBe('incoming');
  });

  it('[DLG5] glare: a re-INVITE while ours is pending gets 491; while theirs is pending 500 + Retry-After', () => {
    const dialog = uasDialog(invite(), 'callee-1', 'confirmed');
    inDialogRequest(dialog, 'INVITE');
    expect(() => inDialogRequest(dialog, 'INVITE')).toThrow(/in progress/);
    expect(receiveInDialog(dialog, fromCaller('INVITE', 8))).toMatchObject({ status: 491 });
    finishInvite(dialog);
    expect(receiveInDialog(dialog, fromCaller('INVITE', 9))).toEqual({ kind: 'accept' });
    const busy = receiveInDialog(dialog, fromCaller('INVITE', 10));
    expect(busy).toMatchObject({ status: 500 });
    expect(busy.kind === 'reject' && busy.headers[0]?.value).toBe('1');
  });

  it('[DLG6] CANCEL copies Request-URI, the top Via only, From, To, Call-ID, Route and the CSeq number', () => {
    const request = invite([
      'Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK-second',
      'Route: <sip:p1;lr>',
    ]);
    const cancel = cancelOf(request);
    expect(cancel.method).toBe('CANCEL');
    expect(cancel.uri).toBe(request.uri);
    expect(headerValues(cancel, 'via')).toEqual([
      'SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK-test-1',
    ]);
    expect(headerValue(cancel, 'cseq')).toBe('7 CANCEL');
    expect(headerValue(cancel, 'route')).toBe('<sip:p1;lr>');
    expect(headerValue(cancel, 'contact')).toBeUndefined();
  });
});

describe('addressOfUri', () => {
  it('[DLG3] reads host, port (5060 by default) and transport; tel: and bad URIs are DialogErrors', () => {
    expect(addressOfUri(CALLEE_CONTACT)).toEqual({
      protocol: 'udp',
      address: '192.0.2.20',
      port: 5070,
    });
    expect(addressOfUri('sip:a@10.0.0.1;transport=TCP')).toEqual({
      protocol: 'tcp',
      address: '10.0.0.1',
      port: 5060,
    });
    expect(addressOfUri('sip:[2001:db8::1]:5080', 'tcp')).toEqual({
      protocol: 'tcp',
      address: '2001:db8::1',
      port: 5080,
    });
    expect(() => addressOfUri('tel:+33123456789')).toThrow(/tel: URI/);
    expect(() => addressOfUri('sip:')).toThrow(DialogError);
  });
});
