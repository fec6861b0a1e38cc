// The training flags of `relais serve` (LIVE10 in packages/dialer/SPEC.md): the shifted clock and
// the simulated called party's figures, and every bad value refused with what to write instead.
import { DEFAULT_CALLED_PARTY } from '@relais/server';
import { describe, expect, it } from 'vitest';
import { calledPartyFlag, clockStartFlag, shiftedClock } from './training-flags.ts';
import { FlagError } from '../workload/flags.ts';

// The machine's time in these tests: before every instant they name.
const BEFORE = Date.parse('2026-11-27T03:00:00Z');

describe('--clock-start', () => {
  it('[LIVE10] reads an instant with its offset, only on a training server', () => {
    expect(clockStartFlag('2026-12-01T10:30:00+01:00', true, BEFORE)).toBe(
      Date.parse('2026-12-01T09:30:00Z'),
    );
    expect(clockStartFlag('2026-12-01T09:30Z', true, BEFORE)).toBe(
      Date.parse('2026-12-01T09:30:00Z'),
    );
    expect(clockStartFlag(undefined, false, BEFORE)).toBeUndefined();
    expect(() => clockStartFlag('2026-12-01T10:30:00+01:00', false, BEFORE)).toThrow(
      /--clock-start needs --training/,
    );
  });

  it.each([
    ['2026-12-01T10:30:00', 'no offset: the hour would depend on the machine'],
    ['2026-12-01', 'a date alone'],
    ['tomorrow', 'words'],
    ['', 'nothing'],
    ['2026-13-45T10:30:00+01:00', 'no such day'],
  ])('[LIVE10] refuses %j (%s), naming the flag and an example', (raw) => {
    expect(() => clockStartFlag(raw, true, BEFORE)).toThrow(FlagError);
    expect(() => clockStartFlag(raw, true, BEFORE)).toThrow(
      /--clock-start: expected a date and time with its UTC offset.*For example: --clock-start 2026-12-01T10:30:00\+01:00/,
    );
  });

  it('[LIVE10] refuses an instant before the machine’s time (the browser would drop the session cookie)', () => {
    expect(() => clockStartFlag('2026-11-26T10:30:00+01:00', true, BEFORE)).toThrow(
      "--clock-start: 2026-11-26T10:30:00+01:00 is before this machine's time (2026-11-27T03:00:00.000Z)",
    );
    expect(clockStartFlag('2026-11-27T03:00:00Z', true, BEFORE)).toBe(BEFORE);
  });

  it('[LIVE10] the shifted clock starts at the instant and moves with the real one', () => {
    let real = 1_000_000;
    const clock = shiftedClock(5_000_000_000, () => real);
    expect(clock()).toBe(5_000_000_000);
    real += 61_000;
    expect(clock()).toBe(5_000_061_000);
  });
});

describe('--simulated-called-party', () => {
  it('[LIVE10] sets the rates given and keeps the other defaults; ring and talk are fixed', () => {
    expect(calledPartyFlag(undefined)).toBeUndefined();
    expect(calledPartyFlag('answer=0.4, machine=0.1,talk=90')).toEqual({
      ...DEFAULT_CALLED_PARTY,
      answerRate: 0.4,
      machineShare: 0.1,
      talkSeconds: { dist: 'fixed', value: 90 },
    });
    expect(
      calledPartyFlag('answer=1,machine=0,busy=0,wrong=0,failed=0,ring=4,talk=600'),
    ).toMatchObject({
      answerRate: 1,
      machineShare: 0,
      busyRate: 0,
      wrongNumberRate: 0,
      failedRate: 0,
      ringSeconds: { dist: 'fixed', value: 4 },
      talkSeconds: { dist: 'fixed', value: 600 },
    });
  });

  it.each([
    ['', "expected KEY=VALUE pairs separated by commas, got ''"],
    ['answer', "expected KEY=VALUE pairs separated by commas, got 'answer'"],
    ['answer=1=2', "expected KEY=VALUE pairs separated by commas, got 'answer=1=2'"],
    ['=0.5', "expected KEY=VALUE pairs separated by commas, got '=0.5'"],
    ['pickup=0.5', "unknown key 'pickup' (keys: answer, machine, busy, wrong, failed, ring, talk)"],
    ['answer=0.2,answer=0.3', "'answer' is given twice"],
    ['answer=1.5', "answer: expected a share from 0 to 1, got '1.5'"],
    ['machine=-0.1', "machine: expected a share from 0 to 1, got '-0.1'"],
    ['busy=', "busy: expected a share from 0 to 1, got ''"],
    ['wrong=lots', "wrong: expected a share from 0 to 1, got 'lots'"],
    ['ring=0', "ring: expected seconds above 0, at most 3600, got '0'"],
    ['talk=7200', "talk: expected seconds above 0, at most 3600, got '7200'"],
    ['talk=NaN', "talk: expected seconds above 0, at most 3600, got 'NaN'"],
    ['answer=1', 'answer 1 + busy 0.05 + wrong 0.02 + failed 0.01 is 1.08, above 1'],
  ])('[LIVE10] refuses %j and says what to fix', (raw, message) => {
    let error: unknown;
    try {
      calledPartyFlag(raw);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(FlagError);
    expect((error as Error).message).toContain(`--simulated-called-party: ${message}`);
    expect((error as Error).message).toContain('For example: --simulated-called-party answer=1');
  });
});
