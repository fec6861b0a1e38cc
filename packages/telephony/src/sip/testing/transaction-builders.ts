// Builders for transaction tests: parsed requests and responses, and a recording output.
import type { SipMessage, SipRequest, SipResponse } from '../message/message.ts';
import { parseMessage } from '../message/parse.ts';
import type { FakeScheduler } from './fake-scheduler.ts';
import {
  bytes,
  requestText,
  responseText,
  type RequestText,
  type ResponseText,
} from './message-builders.ts';

export function makeRequest(spec: RequestText = {}): SipRequest {
  const message = parseMessage(bytes(requestText(spec)));
  if (message.kind !== 'request') throw new Error('builder made no request');
  return message;
}

export function makeResponse(spec: ResponseText = {}): SipResponse {
  const message = parseMessage(bytes(responseText(spec)));
  if (message.kind !== 'response') throw new Error('builder made no response');
  return message;
}

export interface RecordingOutput {
  readonly reliable: boolean;
  readonly sent: Array<{ atMs: number; message: SipMessage }>;
  send(message: SipMessage): void;
  /** Makes every later send throw, as a closed socket would. */
  breakDown(): void;
}

export function recordingOutput(clock: FakeScheduler, reliable = false): RecordingOutput {
  let broken = false;
  const sent: Array<{ atMs: number; message: SipMessage }> = [];
  return {
    reliable,
    sent,
    send(message) {
      if (broken) throw new Error('transport closed');
      sent.push({ atMs: clock.nowMs, message });
    },
    breakDown() {
      broken = true;
    },
  };
}

export function recordingUser() {
  const responses: SipResponse[] = [];
  const events: string[] = [];
  return {
    responses,
    events,
    onResponse: (r: SipResponse) => {
      responses.push(r);
      events.push(String(r.status));
    },
    onTimeout: () => events.push('timeout'),
    onTransportError: () => events.push('transport-error'),
  };
}

/** A short description of a sent message, for compact expectations. */
export function describeSent(message: SipMessage): string {
  return message.kind === 'request' ? message.method : String(message.status);
}
