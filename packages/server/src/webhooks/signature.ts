import { createHmac } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-relais-signature';
export const TIMESTAMP_HEADER = 'x-relais-timestamp';

/**
 * `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">`: the timestamp is signed too, so a receiver
 * can refuse replays older than a few minutes.
 */
export const sign = (secret: string, timestamp: string, body: string): string =>
  `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
