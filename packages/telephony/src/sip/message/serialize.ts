// Writes a SIP message as bytes; Content-Length always states the body's real length.
import type { SipMessage } from './message.ts';

const encoder = new TextEncoder();

/** The message as wire bytes: start line, headers in order, Content-Length, empty line, body. */
export function serializeMessage(message: SipMessage): Uint8Array {
  const head = encoder.encode(serializeHead(message));
  if (message.body.length === 0) return head;
  const out = new Uint8Array(head.length + message.body.length);
  out.set(head);
  out.set(message.body, head.length);
  return out;
}

/** The start line and headers, ending with the empty line. */
export function serializeHead(message: SipMessage): string {
  let out =
    message.kind === 'request'
      ? `${message.method} ${message.uri} SIP/2.0\r\n`
      : `SIP/2.0 ${message.status} ${message.reason}\r\n`;
  let wroteLength = false;
  for (const h of message.headers) {
    if (h.key === 'content-length') {
      if (!wroteLength) out += `Content-Length: ${message.body.length}\r\n`;
      wroteLength = true;
    } else {
      out += `${h.name}: ${h.value}\r\n`;
    }
  }
  if (!wroteLength) out += `Content-Length: ${message.body.length}\r\n`;
  return `${out}\r\n`;
}
