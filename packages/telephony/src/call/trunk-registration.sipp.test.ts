// Registration with a SIP trunk against a sipp registrar that challenges every REGISTER.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../media/testing/rtp-peer.ts';
import { SipEndpoint } from '../sip/endpoint/sip-endpoint.ts';
import { freeUdpPort, killSipps, requireSipp, runSipp } from '../sip/testing/sipp.ts';
import { realScheduler } from '../sip/transport/real-scheduler.ts';
import { TrunkRegistration, type TrunkRegistrationEvent } from './trunk-registration.ts';
import { trunkSettings } from './trunk-settings.ts';

let endpoint: SipEndpoint;
let counter = 0;

beforeAll(async () => {
  requireSipp();
  endpoint = await SipEndpoint.start({ udpPort: 0 });
});
afterEach(() => killSipps());
afterAll(async () => {
  killSipps();
  await endpoint?.close();
});

async function registrar(password: string, expires: string) {
  const port = await freeUdpPort();
  const sipp = runSipp('uas-trunk-registrar.xml', [
    '-t',
    'u1',
    '-p',
    String(port),
    '-key',
    'expires',
    expires,
  ]);
  const events: TrunkRegistrationEvent[] = [];
  const local = endpoint.local('udp');
  const registration = new TrunkRegistration({
    endpoint,
    trunk: trunkSettings({
      address: `127.0.0.1:${port}`,
      domain: 'trunk.test',
      username: 'relais-acct',
      password,
      register: '600',
    }),
    contact: `sip:relais-acct@${local.address}:${local.port}`,
    scheduler: realScheduler,
    newId: () => `id${++counter}`,
    onEvent: (event) => events.push(event),
    retryS: 60,
  });
  return { sipp, events, registration };
}

describe('trunk registration against a sipp registrar', () => {
  it('[TRK2][TRK3] registers with digest, refreshes before the granted expiry, unregisters on stop', async () => {
    const { sipp, events, registration } = await registrar('trunk-secret', '6');
    await registration.start();
    expect(events[0]).toEqual({ type: 'registered', expiresS: 6 });
    // Granted 6 s: refreshed after 1 s (at least 5 s before the end).
    await waitUntil(() => events.length >= 2, 'the refresh', 10_000);
    expect(events[1]).toEqual({ type: 'registered', expiresS: 6 });
    await registration.stop();
    expect(events.at(-1)).toEqual({ type: 'unregistered' });
    const { code, output } = await sipp.done;
    expect(code, output).toBe(0);
  }, 30_000);

  it('[TRK4] refused credentials: a failure saying what to check, retried later, nothing sent on stop', async () => {
    const { sipp, events, registration } = await registrar('wrong', '6');
    await registration.start();
    expect(events).toEqual([
      {
        type: 'failed',
        detail: 'the trunk answered REGISTER with 403 Forbidden',
        retryInS: 60,
      },
    ]);
    expect(registration.expiresS).toBe(0);
    await registration.stop();
    expect(events).toHaveLength(1);
    expect((await sipp.done).code).not.toBe(0);
  }, 30_000);
});
