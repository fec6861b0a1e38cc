// Builders for dialog tests: an INVITE from a caller and the responses that make its dialog.
import { makeRequest, makeResponse } from './transaction-builders.ts';
import type { SipRequest, SipResponse } from '../message/message.ts';

export const CALLER_CONTACT = 'sip:caller@192.0.2.10:5062';
export const CALLEE_CONTACT = 'sip:agent@192.0.2.20:5070;transport=udp';

export function invite(extra: string[] = [], cseq = 7): SipRequest {
  return makeRequest({
    method: 'INVITE',
    cseq: `${cseq} INVITE`,
    extra: [`Contact: <${CALLER_CONTACT}>`, ...extra],
  });
}

export function answer(
  status = 200,
  extra: string[] = [`Contact: <${CALLEE_CONTACT}>`],
  toTag = 'callee-1',
  cseq = 7,
): SipResponse {
  return makeResponse({
    status,
    reason: status === 200 ? 'OK' : 'Ringing',
    cseq: `${cseq} INVITE`,
    toTag,
    extra,
  });
}

/** An in-dialog request from the caller (UAC) towards the callee's dialog (tags as in `answer`). */
export function fromCaller(method: string, seq: number, extra: string[] = []): SipRequest {
  return makeRequest({
    method,
    cseq: `${seq} ${method}`,
    to: '<sip:queue-sales@relais.example.com>;tag=callee-1',
    extra,
  });
}
