// `relais serve` with a trunk account to register: the server registers at start (digest), keeps
// the registration fresh, and unregisters when it stops. sipp plays the trunk's registrar.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trunkSettings } from '@relais/telephony';
import {
  freeUdpPort,
  killSipps,
  makeToneWav,
  requireSipp,
  runSipp,
  waitUntil,
} from '@relais/telephony/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { Harness } from '../testing/harness.ts';
import type { TelephonyService } from './telephony-service.ts';

afterAll(() => killSipps());

describe('the server’s registration with its SIP trunk', () => {
  it('[TEL23][TRK2][TRK3] registers at start, refreshes before the expiry, unregisters on stop', async () => {
    requireSipp();
    const tone = join(await mkdtemp(join(tmpdir(), 'relais-reg-')), 'tone.wav');
    await writeFile(tone, makeToneWav({ seconds: 1 }));
    const port = await freeUdpPort();
    // The registrar grants 6 s whatever is asked: the refresh comes after 1 s.
    const registrar = runSipp('uas-trunk-registrar.xml', [
      '-t',
      'u1',
      '-p',
      String(port),
      '-key',
      'expires',
      '6',
    ]);
    const h = await Harness.start({
      telephony: {
        host: '127.0.0.1',
        udpPort: 0,
        tcpPort: false,
        wsPort: false,
        rtpengine: { start: true },
        holdMusicFile: tone,
        trunk: {
          settings: trunkSettings({
            address: `127.0.0.1:${port}`,
            domain: 'trunk.test',
            username: 'relais-acct',
            password: 'trunk-secret',
            register: '600',
          }),
          identificationFile: tone,
        },
      },
    });
    const telephony = h.server.telephony as TelephonyService;
    try {
      await waitUntil(
        () => (telephony.trunkRegistration?.registrations ?? 0) >= 2,
        'the registration and its refresh',
        15_000,
      );
      expect(telephony.trunkRegistration?.expiresS).toBe(6);
    } finally {
      await h.stop();
    }
    const { code, output } = await registrar.done;
    expect(code, output).toBe(0); // it saw the unregistration (Expires: 0) last
  }, 60_000);
});
