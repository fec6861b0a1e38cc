// DTMF carried in SIP INFO: `application/dtmf-relay` (`Signal=5`) or `application/dtmf` (`5`).
import { headerValue, type SipRequest } from '../sip/message/message.ts';

const DIGIT = /^[0-9*#A-Da-d]$/;

/** The digit an INFO carries, or undefined when it carries none (other content, bad signal). */
export function dtmfDigitOf(request: SipRequest): string | undefined {
  const type = headerValue(request, 'content-type')?.split(';')[0]?.trim().toLowerCase();
  const body = new TextDecoder().decode(request.body).trim();
  let signal: string | undefined;
  if (type === 'application/dtmf-relay') {
    const line = body.split(/\r?\n/).find((l) => /^signal\s*=/i.test(l.trim()));
    signal = line?.split('=')[1]?.trim();
  } else if (type === 'application/dtmf') signal = body;
  if (signal === undefined || !DIGIT.test(signal)) return undefined;
  return signal.toUpperCase();
}
