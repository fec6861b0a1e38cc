import { createSocket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytes, requestText } from '../testing/message-builders.ts';
import { freeUdpPort, killSipps, requireSipp, runSipp } from '../testing/sipp.ts';
import { startRegistrarDev } from './registrar-dev.ts';

// The dev registrar's call relay, for what the browser test cannot show: the refusals.
describe('dev call relay', () => {
  const lines: object[] = [];
  let running: Awaited<ReturnType<typeof startRegistrarDev>>;

  beforeAll(async () => {
    requireSipp();
    running = await startRegistrarDev(
      {
        host: '127.0.0.1',
        udpPort: 0,
        tcpPort: 0,
        wsPort: 0,
        realm: 'relais.example.com',
        users: new Map([['agent-7', 'pw']]),
        relayCalls: true,
      },
      (line) => lines.push(line),
    );
  });

  afterAll(async () => {
    killSipps();
    await running?.stop();
  });

  it('[REG11] answers 480 to a call for a user with no registered phone', async () => {
    const sipp = runSipp('uac-call-pcap-bye.xml', [
      '-s',
      'agent-7',
      '-p',
      String(await freeUdpPort()),
      `127.0.0.1:${running.endpoint.local('udp').port}`,
    ]);
    const { code, output } = await sipp.done;
    expect(code).not.toBe(0);
    expect(output).toMatch(/480/);
    expect(lines).toContainEqual({
      call: expect.objectContaining({ result: 'no-binding', user: 'agent-7' }) as unknown,
    });
  }, 30_000);

  it('[REG11] answers 481 to a BYE for no relayed call', async () => {
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const answer = new Promise<string>((resolve) =>
      socket.once('message', (m) => resolve(m.toString())),
    );
    const via = `SIP/2.0/UDP 127.0.0.1:${socket.address().port};branch=z9hG4bK-bye-1`;
    socket.send(
      bytes(requestText({ method: 'BYE', via })),
      running.endpoint.local('udp').port,
      '127.0.0.1',
    );
    expect(await answer).toMatch(/^SIP\/2\.0 481 /);
    socket.close();
  });
});
