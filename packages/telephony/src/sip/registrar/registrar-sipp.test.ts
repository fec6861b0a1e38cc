import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SipEndpoint } from '../endpoint/sip-endpoint.ts';
import { freeUdpPort, killSipps, requireSipp, runSipp } from '../testing/sipp.ts';
import { Registrar, type RegisteredContact } from './registrar.ts';

// sipp registers as an agent phone (digest, MD5: all sipp 3.6 answers) over UDP and TCP.
describe('Registrar against sipp', () => {
  let endpoint: SipEndpoint;
  let registrar: Registrar;
  const changes: Array<[string, readonly RegisteredContact[]]> = [];

  beforeAll(async () => {
    requireSipp();
    endpoint = await SipEndpoint.start({ udpPort: 0, tcpPort: 0 });
    registrar = new Registrar({
      realm: '127.0.0.1',
      secret: 'registrar-sipp',
      lookupPassword: (user) => (user === 'agent-7' ? 'secret-7' : undefined),
      algorithms: ['MD5'],
      onBindingsChanged: (aor, bindings) => changes.push([aor, bindings]),
    });
    registrar.attach(endpoint);
  });

  afterAll(async () => {
    killSipps();
    await endpoint?.close();
  });

  const register = async (protocol: 'udp' | 'tcp', password: string, port: number) => {
    const sipp = runSipp('uac-register-digest.xml', [
      '-t',
      protocol === 'udp' ? 'u1' : 't1',
      '-p',
      String(port),
      '-au',
      'agent-7',
      '-ap',
      password,
      `127.0.0.1:${endpoint.local(protocol).port}`,
    ]);
    return sipp.done;
  };

  it('[REG1][REG6][REG8] registers sipp over UDP: 401, then 200 listing the binding; resolve gives its address', async () => {
    const port = await freeUdpPort();
    const { code, output } = await register('udp', 'secret-7', port);
    expect(code, output).toBe(0);
    const [contact] = registrar.resolve('sip:agent-7@127.0.0.1');
    expect(contact).toMatchObject({
      uri: `sip:agent-7@127.0.0.1:${port};transport=UDP`,
      username: 'agent-7',
      expiresIn: 120,
      destination: { protocol: 'udp', address: '127.0.0.1', port },
    });
  }, 30_000);

  it('[REG8][REG9] registers sipp over TCP on its connection, and drops the binding when sipp closes it', async () => {
    changes.length = 0;
    const { code, output } = await register('tcp', 'secret-7', await freeUdpPort());
    expect(code, output).toBe(0);
    while (changes.length < 2) await new Promise((resolve) => setTimeout(resolve, 20));
    const [registered, closed] = changes;
    const tcp = registered?.[1].find((c) => c.destination.protocol === 'tcp');
    expect(tcp?.destination).toEqual(tcp?.flow);
    expect(closed?.[1].some((c) => c.destination.protocol === 'tcp')).toBe(false);
  }, 30_000);

  it('[REG1] keeps challenging sipp with a wrong password: the registration fails', async () => {
    const { code } = await register('udp', 'wrong', await freeUdpPort());
    expect(code).not.toBe(0);
  }, 30_000);
});
