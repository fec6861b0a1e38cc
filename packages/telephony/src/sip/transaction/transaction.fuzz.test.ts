import { describe, expect, it } from 'vitest';
import { buildResponse } from '../message/response.ts';
import { FakeScheduler } from '../testing/fake-scheduler.ts';
import { seededRandom } from '../testing/seeded-random.ts';
import { makeRequest, makeResponse, recordingOutput } from '../testing/transaction-builders.ts';
import {
  TransactionLayer,
  type ClientTransaction,
  type ServerTransaction,
} from './transaction-layer.ts';

const STATUSES = [100, 180, 183, 200, 302, 404, 486, 500, 603];
const METHODS = ['INVITE', 'OPTIONS', 'REGISTER', 'BYE'];

describe('transaction layer fuzz', () => {
  it.each([11, 12, 13, 2026])(
    '[TX1][TX2][TX3][TX4] seed %i: random traffic keeps the RFC 3261 invariants',
    (seed) => {
      const random = seededRandom(seed);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
      const clock = new FakeScheduler();
      const layer = new TransactionLayer(clock);
      const output = recordingOutput(clock, random() < 0.3);
      const clients: Array<{
        tx: ClientTransaction;
        finals: number;
        afterEnd: number;
        timeouts: number;
      }> = [];
      const servers: ServerTransaction[] = [];
      const broken: string[] = [];
      for (let step = 0; step < 400; step++) {
        const roll = random();
        const method = pick(METHODS);
        const branch = `branch=z9hG4bK-${seed}-${Math.floor(random() * 12)}`;
        const via = `SIP/2.0/UDP 192.0.2.10:5062;${branch}`;
        if (roll < 0.2) {
          const record = { finals: 0, afterEnd: 0, timeouts: 0 } as {
            tx: ClientTransaction;
            finals: number;
            afterEnd: number;
            timeouts: number;
          };
          try {
            record.tx = layer.sendRequest(makeRequest({ method, via }), output, {
              onResponse: (r) => {
                if (record.tx?.state === 'terminated') record.afterEnd++;
                if (r.status >= 300) record.finals++;
              },
              onTimeout: () => record.timeouts++,
              onTransportError: () => {},
            });
            clients.push(record);
          } catch (error) {
            expect(String(error)).toMatch(/exists already/);
          }
        } else if (roll < 0.5) {
          const status = pick(STATUSES);
          layer.receiveResponse(makeResponse({ status, reason: 'X', via, cseq: `1 ${method}` }));
        } else if (roll < 0.7) {
          const incoming = layer.receiveRequest(
            makeRequest({ method: random() < 0.2 ? 'ACK' : method, via }),
            output,
          );
          if (incoming.kind === 'new') servers.push(incoming.transaction);
        } else if (roll < 0.85 && servers.length > 0) {
          const tx = pick(servers);
          tx.respond(buildResponse(tx.request, pick(STATUSES), { toTag: 't' }));
        } else {
          clock.advance(Math.floor(random() * 8_000));
        }
        for (const record of clients) {
          if (record.finals > 1) broken.push(`step ${step}: two final responses reached the TU`);
          if (record.afterEnd > 0) broken.push(`step ${step}: a response after Terminated`);
          if (record.timeouts + record.finals > 1) broken.push(`step ${step}: timeout and final`);
        }
      }
      expect(broken).toEqual([]);
      // Every server transaction left waiting for its TU gets an answer, then time runs out.
      for (const tx of servers) tx.respond(buildResponse(tx.request, 500, { toTag: 't' }));
      clock.advance(200_000);
      expect(layer.clientCount).toBe(0);
      expect(layer.serverCount).toBe(0);
      expect(clock.pendingCount).toBe(0);
      const sentAfterQuiet = output.sent.length;
      clock.advance(100_000);
      expect(output.sent.length).toBe(sentAfterQuiet);
    },
  );
});
