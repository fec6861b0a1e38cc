// The check's words (LIVE13): which write, which field, what was wrong, what is expected. Which
// values both dialects refuse is the contract suite's (contract/dialer-values-contract.ts).
import { describe, expect, it } from 'vitest';
import type { DialerWrite } from '../port.ts';
import { checkDialerWrite } from './dialer-write-checks.ts';

const refusal = (write: DialerWrite): unknown => {
  try {
    checkDialerWrite(write);
  } catch (error) {
    return error;
  }
  return undefined;
};

describe('checkDialerWrite', () => {
  it('[LIVE13] lets every kind of good write through, optionals absent or given', () => {
    const good: DialerWrite[] = [
      { kind: 'attempt', callId: 'c:1', leadId: 'L-12', atMs: 1_000, outcome: 'answered' },
      {
        kind: 'attempt',
        callId: 'c:2',
        leadId: 'L-12',
        atMs: 2_000,
        outcome: 'failed',
        agentId: 'a1',
        ringSeconds: 4.25,
        note: 'the result was lost',
      },
      {
        kind: 'disposition',
        callId: 'c:1',
        leadId: 'L-12',
        dispositionId: 'sale',
        flag: 'success',
        agentId: 'a1',
        talkSeconds: 61.5,
      },
      { kind: 'leadState', leadId: 'L-12', state: 'done' },
      { kind: 'leadState', leadId: 'L-12', state: 'scheduled', nextAtMs: 50_000 },
      { kind: 'blocking', leadId: 'L-12' },
      { kind: 'blocking', leadId: 'L-12', blockedBy: 'FR.hours', dialableAtMs: null },
      { kind: 'callback', leadId: 'L-12', atMs: 50_000, createdBy: 'agent:a1' },
    ];
    for (const write of good) expect(refusal(write)).toBeUndefined();
  });

  it('[LIVE13] names the write, the field, the value and what is expected', () => {
    expect(
      refusal({ kind: 'leadState', leadId: 'L-12', state: 'scheduled', nextAtMs: NaN }),
    ).toMatchObject({
      name: 'StoreError',
      code: 'InvalidValue',
      message:
        'leadState write for lead "L-12": nextAtMs is NaN, expected whole milliseconds (an integer within ±2^53)',
      details: { kind: 'leadState', leadId: 'L-12', field: 'nextAtMs' },
    });
    expect(
      refusal({
        kind: 'attempt',
        callId: 'c:1',
        leadId: 'L-12',
        atMs: 1,
        outcome: 'busy',
        note: 'a\u0000',
      }),
    ).toMatchObject({
      message:
        'attempt write for lead "L-12": note holds a NUL character (U+0000), expected text without one',
      details: { callId: 'c:1' },
    });
    expect(
      refusal({ kind: 'callback', leadId: 'L-12', atMs: 1, createdBy: true as unknown as string }),
    ).toMatchObject({
      message: 'callback write for lead "L-12": createdBy is a boolean, expected a string',
    });
    expect(refusal({ kind: 'callback', leadId: 'L-12' } as DialerWrite)).toMatchObject({
      message:
        'callback write for lead "L-12": atMs is missing, expected whole milliseconds (an integer within ±2^53)',
    });
    expect(refusal({ kind: 'note', leadId: {} } as unknown as DialerWrite)).toMatchObject({
      message:
        'note write for lead an object: kind is "note", expected one of attempt, disposition, leadState, blocking, callback',
    });
  });
});
