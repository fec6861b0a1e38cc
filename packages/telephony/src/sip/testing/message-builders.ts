// Builders of SIP message text for tests: a valid message, changed only where a test says.

export interface RequestText {
  method?: string;
  uri?: string;
  version?: string;
  via?: string;
  from?: string;
  to?: string;
  callId?: string;
  cseq?: string;
  /** Extra header lines, written as given. */
  extra?: string[];
  body?: string;
  /** Content-Length value; the body's UTF-8 length when absent, omitted when null. */
  contentLength?: string | null;
  /** Line end; CRLF unless a test wants bare LF. */
  eol?: string;
}

/** A request as text: start line, the five mandatory headers, Max-Forwards, extras, body. */
export function requestText(spec: RequestText = {}): string {
  const method = spec.method ?? 'OPTIONS';
  const eol = spec.eol ?? '\r\n';
  const body = spec.body ?? '';
  const lines = [
    `${method} ${spec.uri ?? 'sip:queue-sales@relais.example.com'} ${spec.version ?? 'SIP/2.0'}`,
    `Via: ${spec.via ?? 'SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK-test-1'}`,
    'Max-Forwards: 70',
    `From: ${spec.from ?? '"Caller" <sip:caller@192.0.2.10>;tag=from-1'}`,
    `To: ${spec.to ?? '<sip:queue-sales@relais.example.com>'}`,
    `Call-ID: ${spec.callId ?? 'call-1@192.0.2.10'}`,
    `CSeq: ${spec.cseq ?? `1 ${method}`}`,
    ...(spec.extra ?? []),
  ];
  const length = spec.contentLength === undefined ? String(utf8Length(body)) : spec.contentLength;
  if (length !== null) lines.push(`Content-Length: ${length}`);
  return `${lines.join(eol)}${eol}${eol}${body}`;
}

export interface ResponseText {
  status?: number;
  reason?: string;
  via?: string;
  cseq?: string;
  toTag?: string;
  extra?: string[];
  body?: string;
}

/** A response as text, matching `requestText()`'s defaults. */
export function responseText(spec: ResponseText = {}): string {
  const body = spec.body ?? '';
  const lines = [
    `SIP/2.0 ${spec.status ?? 200} ${spec.reason ?? 'OK'}`,
    `Via: ${spec.via ?? 'SIP/2.0/UDP 192.0.2.10:5062;branch=z9hG4bK-test-1'}`,
    `From: "Caller" <sip:caller@192.0.2.10>;tag=from-1`,
    `To: <sip:queue-sales@relais.example.com>;tag=${spec.toTag ?? 'to-1'}`,
    'Call-ID: call-1@192.0.2.10',
    `CSeq: ${spec.cseq ?? '1 OPTIONS'}`,
    ...(spec.extra ?? []),
    `Content-Length: ${utf8Length(body)}`,
  ];
  return `${lines.join('\r\n')}\r\n\r\n${body}`;
}

/** An SDP offer body, with a non-ASCII session name so byte-exactness shows. */
export function sdpBody(): string {
  return [
    'v=0',
    'o=caller 2890844526 2890844526 IN IP4 192.0.2.10',
    's=Appel entrant – file',
    'c=IN IP4 192.0.2.10',
    't=0 0',
    'm=audio 49170 RTP/AVP 0 8 101',
    'a=rtpmap:101 telephone-event/8000',
    '',
  ].join('\r\n');
}

export const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}
