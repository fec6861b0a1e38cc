import { createSocket, type Socket } from 'node:dgram';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DigestServer } from '../auth/digest-server.ts';
import { header, headerValue } from '../message/message.ts';
import { toOf } from '../message/fields.ts';
import { serializeNameAddr } from '../message/name-addr.ts';
import { bytes, requestText, sdpBody } from '../testing/message-builders.ts';
import { freeUdpPort, killSipps, requireSipp, runSipp } from '../testing/sipp.ts';
import { SipEndpoint, type EndpointEvent } from './sip-endpoint.ts';

// Real peers on loopback: sipp as caller, registering phone and answering phone.
describe('SipEndpoint against sipp', () => {
  let endpoint: SipEndpoint;
  const events: EndpointEvent[] = [];

  beforeAll(async () => {
    requireSipp();
    endpoint = await SipEndpoint.start({ udpPort: 0, tcpPort: 0, onEvent: (e) => events.push(e) });
    // sipp 3.6 answers MD5 challenges only, and only the first one offered.
    const registrar = new DigestServer({
      realm: '127.0.0.1',
      secret: 'sipp-test',
      lookupPassword: (u) => (u === 'agent-7' ? 'secret-7' : undefined),
      algorithms: ['MD5'],
    });
    endpoint.handle('REGISTER', (incoming) => {
      const verdict = registrar.verify(incoming.request);
      if (!verdict.ok) {
        const challenge = registrar.challenge(verdict.reason === 'stale');
        incoming.respond(challenge.status, { headers: challenge.headers });
        return;
      }
      incoming.respond(200, {
        headers: [
          header('Contact', `${headerValue(incoming.request, 'contact') ?? ''};expires=120`),
        ],
      });
    });
  });

  afterAll(async () => {
    killSipps();
    await endpoint?.close();
  });

  const target = (protocol: 'udp' | 'tcp') => `127.0.0.1:${endpoint.local(protocol).port}`;

  it.each(['udp', 'tcp'] as const)(
    '[EP1][TP1] answers sipp’s OPTIONS over %s with 200 and Allow',
    async (protocol) => {
      const sipp = runSipp('uac-options.xml', [
        '-t',
        protocol === 'udp' ? 'u1' : 't1',
        '-p',
        String(await freeUdpPort()),
        target(protocol),
      ]);
      const { code, output } = await sipp.done;
      expect(code, output).toBe(0);
    },
    30_000,
  );

  it.each(['udp', 'tcp'] as const)(
    '[AUTH1][AUTH2] registers sipp over %s after a digest challenge',
    async (protocol) => {
      const sipp = runSipp('uac-register-digest.xml', [
        '-t',
        protocol === 'udp' ? 'u1' : 't1',
        '-p',
        String(await freeUdpPort()),
        '-au',
        'agent-7',
        '-ap',
        'secret-7',
        target(protocol),
      ]);
      const { code, output } = await sipp.done;
      expect(code, output).toBe(0);
    },
    30_000,
  );

  it('[EP5] calls sipp: INVITE, 180, 200, ACK, then BYE and its 200', async () => {
    const port = await freeUdpPort();
    const sipp = runSipp('uas-answer-then-bye.xml', ['-t', 'u1', '-p', String(port)]);
    const destination = { protocol: 'udp' as const, address: '127.0.0.1', port };
    const local = endpoint.local('udp');
    const invite = endpoint.createRequest({
      method: 'INVITE',
      uri: `sip:agent@127.0.0.1:${port}`,
      from: '<sip:queue-sales@127.0.0.1>',
      to: `<sip:agent@127.0.0.1:${port}>`,
      headers: [
        header('Contact', `<sip:relais@${local.address}:${local.port}>`),
        header('Content-Type', 'application/sdp'),
      ],
      body: bytes(sdpBody()),
    });
    const statuses: number[] = [];
    const answer = await endpoint.send(invite, destination, {
      onResponse: (r) => statuses.push(r.status),
    });
    expect(answer.status).toBe(200);
    expect(statuses.slice(0, 2)).toEqual([180, 200]);
    expect(new TextDecoder().decode(answer.body)).toContain('m=audio');
    const ack = endpoint.ack(invite, answer, destination);
    expect(ack.uri).toBe(`sip:agent@127.0.0.1:${port};transport=UDP`);
    const bye = endpoint.createRequest({
      method: 'BYE',
      uri: ack.uri,
      from: headerValue(invite, 'from') ?? '',
      to: serializeNameAddr(toOf(answer)!),
      callId: headerValue(invite, 'call-id') ?? '',
      cseq: 2,
    });
    const byeAnswer = await endpoint.send(bye, destination);
    expect(byeAnswer.status).toBe(200);
    const { code, output } = await sipp.done;
    expect(code, output).toBe(0);
  }, 30_000);

  it('[EP3] answers a malformed request with 400 and a huge header with 513, drops garbage, keeps serving', async () => {
    const socket: Socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const received: string[] = [];
    socket.on('message', (message) => received.push(message.toString('utf8')));
    const { port } = endpoint.local('udp');
    const via = `SIP/2.0/UDP 127.0.0.1:${socket.address().port};branch=z9hG4bK-raw-`;
    const sendRaw = (data: Uint8Array | string) =>
      socket.send(typeof data === 'string' ? bytes(data) : data, port, '127.0.0.1');
    const nextMessage = async (count: number) => {
      while (received.length < count) await new Promise((resolve) => setTimeout(resolve, 20));
      return received[count - 1]!;
    };
    const dropsBefore = endpoint.stats.dropped;
    sendRaw(requestText({ via: `${via}1`, contentLength: 'twelve' }));
    expect(await nextMessage(1)).toMatch(/^SIP\/2.0 400 Bad Request\r\n/);
    sendRaw(requestText({ via: `${via}2`, extra: [`Subject: ${'h'.repeat(20_000)}`] }));
    expect(await nextMessage(2)).toMatch(/^SIP\/2.0 513 Message Too Large\r\n/);
    sendRaw(Uint8Array.from({ length: 900 }, (_, i) => (i * 7919) % 256));
    sendRaw('SIP/2.0 200 OK\r\n\r\n');
    sendRaw(requestText({ via: `${via}3` }));
    // The garbage got no answer: the next message is the OPTIONS 200.
    expect(await nextMessage(3)).toMatch(/^SIP\/2.0 200 OK\r\n/);
    expect(received).toHaveLength(3);
    expect(endpoint.stats.dropped - dropsBefore).toBe(2);
    expect(events.some((e) => e.kind === 'answered-parse-error' && e.detail.includes('513'))).toBe(
      true,
    );
    socket.close();
    const sipp = runSipp('uac-options.xml', [
      '-t',
      'u1',
      '-p',
      String(await freeUdpPort()),
      target('udp'),
    ]);
    expect((await sipp.done).code).toBe(0);
  }, 30_000);
});
