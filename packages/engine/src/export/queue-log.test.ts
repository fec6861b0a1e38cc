import { describe, expect, it } from 'vitest';
import { Harness } from '../testing/builders.ts';
import { toQueueLog } from './queue-log.ts';

const T0 = 1_700_000_000_000; // epoch ms: queue_log times are epoch seconds

const fields = (lines: string[], verb: string): string[][] =>
  lines.map((l) => l.split('|')).filter((f) => f[4] === verb);

describe('Asterisk queue_log from engine events', () => {
  it('[EVT1] writes ENTERQUEUE, CONNECT, COMPLETEAGENT with wait, ring and talk times', () => {
    const h = new Harness();
    h.nowMs = T0;
    h.queue({ wrapUp: { mode: 'timed', seconds: 10 } }).agent();
    h.arrive({ contactId: 'c1', callbackNumber: '0600000000' });
    h.wait(5_000);
    h.do({ type: 'accept', agentId: 'a1', contactId: 'c1' });
    h.arrive({ contactId: 'c2' });
    h.wait(30_000);
    h.do({ type: 'hold', contactId: 'c1' });
    h.wait(20_000);
    h.do({ type: 'retrieve', contactId: 'c1' });
    h.wait(50_000);
    h.do({ type: 'end', contactId: 'c1' });
    h.wait(10_000); // wrap-up ends, c2 is offered after waiting 110 s
    h.wait(2_000);
    h.do({ type: 'accept', agentId: 'a1', contactId: 'c2' });
    const log = toQueueLog(h.events);
    expect(fields(log, 'AGENTLOGIN')).toEqual([
      [String(T0 / 1000), 'NONE', 'NONE', 'a1', 'AGENTLOGIN', 'Local/a1'],
    ]);
    expect(fields(log, 'ENTERQUEUE').map((f) => [f[1], f[7]])).toEqual([
      ['c1', '1'],
      ['c2', '1'],
    ]);
    expect(fields(log, 'CONNECT').map((f) => f.slice(1, 8))).toEqual([
      ['c1', 'q1', 'a1', 'CONNECT', '5', 'c1', '5'],
      ['c2', 'q1', 'a1', 'CONNECT', '112', 'c2', '2'],
    ]);
    // holdtime = queue wait 5 s, calltime = talk + hold 100 s, origposition 1
    expect(fields(log, 'COMPLETEAGENT').map((f) => f.slice(1, 8))).toEqual([
      ['c1', 'q1', 'a1', 'COMPLETEAGENT', '5', '100', '1'],
    ]);
  });

  it('[EVT1] writes ABANDON with position and wait, FULL, RINGNOANSWER, PAUSE and AGENTLOGOFF', () => {
    const h = new Harness({ missedOffersBeforePause: 1 });
    h.nowMs = T0;
    h.queue({ maxSize: 2, offerTimeoutSeconds: 10 }).agent({}, false);
    h.arrive({ contactId: 'c1' });
    h.arrive({ contactId: 'c2' });
    h.arrive({ contactId: 'c3' }); // queue full
    h.wait(40_000);
    h.do({ type: 'abandon', contactId: 'c2' });
    h.do({ type: 'login', agentId: 'a1' }); // c1 offered
    h.wait(10_000); // offer times out, agent paused for missed offers
    h.do({ type: 'logout', agentId: 'a1' });
    const log = toQueueLog(h.events);
    expect(fields(log, 'FULL').map((f) => f[1])).toEqual(['c3']);
    expect(fields(log, 'ABANDON').map((f) => f.slice(5))).toEqual([['2', '2', '40']]);
    expect(fields(log, 'RINGNOANSWER').map((f) => [f[1], f[3], f[5]])).toEqual([
      ['c1', 'a1', '10000'],
    ]);
    expect(fields(log, 'PAUSE').map((f) => f[5])).toEqual(['missed-offers']);
    expect(fields(log, 'AGENTLOGOFF').map((f) => f.slice(3))).toEqual([
      ['a1', 'AGENTLOGOFF', 'Local/a1', '10'],
    ]);
  });
});
