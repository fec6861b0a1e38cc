// Webhooks against a real HTTP receiver: signed, retried with backoff while the receiver is
// down or failing, and nothing lost across a server restart.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Harness, seedNetwork, type Caller } from '../testing/harness.ts';
import { backoffMs } from './dispatcher.ts';
import { sign } from './signature.ts';

const SECRET = 'a-long-shared-secret-for-tests';

interface Received {
  type: string;
  contactId: string;
  signatureOk: boolean;
}

/** A receiver that answers `status()` and records what it accepted. */
async function receiver(
  status: () => number,
  port = 0,
): Promise<{ server: Server; url: string; received: Received[]; attempts: () => number }> {
  const received: Received[] = [];
  let attempts = 0;
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      attempts++;
      const code = status();
      if (code === 200) {
        const parsed = JSON.parse(body) as { event: { type: string; contactId: string } };
        const timestamp = String(request.headers['x-relais-timestamp']);
        const signatureOk = request.headers['x-relais-signature'] === sign(SECRET, timestamp, body);
        received.push({ type: parsed.event.type, contactId: parsed.event.contactId, signatureOk });
      }
      response.writeHead(code).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${address.port}/hook`,
    received,
    attempts: () => attempts,
  };
}

const until = async (test: () => boolean, what: string): Promise<void> => {
  for (let i = 0; i < 200 && !test(); i++) await new Promise((resolve) => setTimeout(resolve, 25));
  if (!test()) throw new Error(`timed out waiting for ${what}`);
};

let h: Harness;
let admin: Caller;
const servers: Server[] = [];
beforeEach(async () => {
  h = await Harness.start();
  admin = await h.tenantAdmin('north');
  await seedNetwork(h, admin);
});
afterEach(async () => {
  for (const server of servers.splice(0)) server.close();
  await h.stop();
});

describe('webhooks', () => {
  it('backs off exponentially up to a cap', () => {
    const options = { baseBackoffMs: 1000, maxBackoffMs: 60_000 };
    expect([1, 2, 3, 4, 10].map((n) => backoffMs(n, options))).toEqual([
      1000, 2000, 4000, 8000, 60_000,
    ]);
  });

  it('delivers the subscribed event types, signed, after the subscription only', async () => {
    await h.ok(admin, 'POST', '/api/v1/contacts', { id: 'before', queueId: 'support' });
    const hook = await receiver(() => 200);
    servers.push(hook.server);
    await h.ok(admin, 'POST', '/api/v1/webhooks', {
      id: 'crm',
      url: hook.url,
      events: ['contactArrived', 'contactCancelled'],
      secret: SECRET,
    });
    await h.ok(admin, 'POST', '/api/v1/contacts', { id: 'c1', queueId: 'support' });
    await h.ok(admin, 'POST', '/api/v1/contacts/c1/cancel', {});
    await until(() => hook.received.length >= 2, 'two deliveries');
    await until(() => h.server.context.webhooks.idle(), 'the attempts recorded');
    // Deliveries run in parallel: receivers order them by the event's seq, not by arrival.
    hook.received.sort((a, b) => a.type.localeCompare(b.type));
    expect(hook.received).toEqual([
      { type: 'contactArrived', contactId: 'c1', signatureOk: true },
      { type: 'contactCancelled', contactId: 'c1', signatureOk: true },
    ]);
    const log = await h.call<{ items: { status: string; attempts: number }[] }>(
      admin,
      'GET',
      '/api/v1/webhooks/crm/deliveries',
    );
    expect(log.body.items.map((d) => [d.status, d.attempts])).toEqual([
      ['delivered', 1],
      ['delivered', 1],
    ]);
  });

  it('retries while the subscriber fails, and loses nothing when it is down across a server restart', async () => {
    let failing = 3;
    const hook = await receiver(() => (failing-- > 0 ? 503 : 200));
    servers.push(hook.server);
    await h.ok(admin, 'POST', '/api/v1/webhooks', {
      id: 'crm',
      url: hook.url,
      events: ['contactArrived'],
      secret: SECRET,
    });
    await h.ok(admin, 'POST', '/api/v1/contacts', { id: 'c1', queueId: 'support' });
    await until(() => hook.received.length === 1, 'the retried delivery');
    // The receiver has the event before the server has recorded its answer: wait for that too.
    await until(() => h.server.context.webhooks.idle(), 'the attempts recorded');
    expect(hook.attempts()).toBe(4);
    const log = await h.call<{
      items: { status: string; attempts: number; lastStatusCode: number }[];
    }>(admin, 'GET', '/api/v1/webhooks/crm/deliveries');
    expect(log.body.items[0]).toMatchObject({
      status: 'delivered',
      attempts: 4,
      lastStatusCode: 200,
    });

    // The subscriber goes away; events keep coming; the server restarts; the subscriber returns.
    await new Promise((resolve) => hook.server.close(resolve));
    await h.ok(admin, 'POST', '/api/v1/contacts', { id: 'c2', queueId: 'support' });
    await h.ok(admin, 'POST', '/api/v1/contacts', { id: 'c3', queueId: 'support' });
    await h.restart();
    const back = await receiver(() => 200, Number(new URL(hook.url).port));
    servers.push(back.server);
    await until(
      () => back.received.length === 2,
      'the deliveries held while the subscriber was down',
    );
    expect(back.received.map((r) => r.contactId).sort()).toEqual(['c2', 'c3']);
    expect(back.received.every((r) => r.signatureOk)).toBe(true);
  });
});
