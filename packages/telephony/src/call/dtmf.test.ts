import { describe, expect, it } from 'vitest';
import { makeRequest } from '../sip/testing/transaction-builders.ts';
import { dtmfDigitOf } from './dtmf.ts';

const info = (contentType: string | undefined, body: string) =>
  makeRequest({
    method: 'INFO',
    cseq: '3 INFO',
    extra: contentType === undefined ? [] : [`Content-Type: ${contentType}`],
    body,
  });

describe('DTMF in SIP INFO', () => {
  it('[B2B11] reads application/dtmf-relay (Signal=) and application/dtmf bodies', () => {
    expect(dtmfDigitOf(info('application/dtmf-relay', 'Signal=5\r\nDuration=160\r\n'))).toBe('5');
    expect(dtmfDigitOf(info('Application/DTMF-Relay; charset=x', 'signal = #\r\n'))).toBe('#');
    expect(dtmfDigitOf(info('application/dtmf', '*'))).toBe('*');
    expect(dtmfDigitOf(info('application/dtmf', 'a'))).toBe('A');
  });

  it('[B2B11] other content, no signal, or a signal that is not one DTMF key gives nothing', () => {
    expect(dtmfDigitOf(info('text/plain', 'Signal=5'))).toBeUndefined();
    expect(dtmfDigitOf(info(undefined, 'Signal=5'))).toBeUndefined();
    expect(dtmfDigitOf(info('application/dtmf-relay', 'Duration=160'))).toBeUndefined();
    expect(dtmfDigitOf(info('application/dtmf-relay', 'Signal=55'))).toBeUndefined();
    expect(dtmfDigitOf(info('application/dtmf-relay', 'Signal=E'))).toBeUndefined();
    expect(dtmfDigitOf(info('application/dtmf', ''))).toBeUndefined();
  });
});
