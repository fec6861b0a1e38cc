// Canonical header names and the compact forms of RFC 3261 §7.3.3 and later RFCs.

const CANONICAL_NAMES = [
  'Accept',
  'Accept-Contact',
  'Accept-Encoding',
  'Accept-Language',
  'Alert-Info',
  'Allow',
  'Allow-Events',
  'Authentication-Info',
  'Authorization',
  'Call-ID',
  'Call-Info',
  'Contact',
  'Content-Disposition',
  'Content-Encoding',
  'Content-Language',
  'Content-Length',
  'Content-Type',
  'CSeq',
  'Date',
  'Error-Info',
  'Event',
  'Expires',
  'From',
  'Identity',
  'In-Reply-To',
  'Max-Forwards',
  'MIME-Version',
  'Min-Expires',
  'Min-SE',
  'Organization',
  'P-Asserted-Identity',
  'Path',
  'Priority',
  'Privacy',
  'Proxy-Authenticate',
  'Proxy-Authorization',
  'Proxy-Require',
  'RAck',
  'Reason',
  'Record-Route',
  'Refer-To',
  'Referred-By',
  'Reject-Contact',
  'Replaces',
  'Reply-To',
  'Request-Disposition',
  'Require',
  'Retry-After',
  'Route',
  'RSeq',
  'Server',
  'Service-Route',
  'Session-Expires',
  'SIP-ETag',
  'SIP-If-Match',
  'Subject',
  'Subscription-State',
  'Supported',
  'Timestamp',
  'To',
  'Unsupported',
  'User-Agent',
  'Via',
  'Warning',
  'WWW-Authenticate',
] as const;

/** Compact form → canonical name (RFC 3261 §7.3.3, RFC 3515, 3841, 3892, 4028, 6665, 8224). */
const COMPACT_FORMS: Record<string, string> = {
  a: 'Accept-Contact',
  b: 'Referred-By',
  c: 'Content-Type',
  d: 'Request-Disposition',
  e: 'Content-Encoding',
  f: 'From',
  i: 'Call-ID',
  j: 'Reject-Contact',
  k: 'Supported',
  l: 'Content-Length',
  m: 'Contact',
  o: 'Event',
  r: 'Refer-To',
  s: 'Subject',
  t: 'To',
  u: 'Allow-Events',
  v: 'Via',
  x: 'Session-Expires',
  y: 'Identity',
};

const BY_LOWER_NAME = new Map<string, string>();
for (const name of CANONICAL_NAMES) BY_LOWER_NAME.set(name.toLowerCase(), name);
for (const [compact, name] of Object.entries(COMPACT_FORMS)) BY_LOWER_NAME.set(compact, name);

/**
 * Headers whose comma-separated values the parser splits into one header each (RFC 3261 §7.3.1),
 * because the stack edits them one value at a time (Via stamping, route sets, bindings).
 */
const SPLIT_ON_PARSE = new Set([
  'via',
  'route',
  'record-route',
  'contact',
  'path',
  'service-route',
]);

/** The canonical name of a header as written (`v` → `Via`, `call-id` → `Call-ID`); unknown names stay as written. */
export function canonicalHeaderName(written: string): string {
  return BY_LOWER_NAME.get(written.toLowerCase()) ?? written;
}

/** The lookup key of a header name: its canonical name in lower case. */
export function headerKey(name: string): string {
  const lower = name.toLowerCase();
  const canonical = BY_LOWER_NAME.get(lower);
  return canonical === undefined ? lower : canonical.toLowerCase();
}

export function isSplitOnParse(key: string): boolean {
  return SPLIT_ON_PARSE.has(key);
}
