import { createSocket } from 'node:dgram';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { headerValue, type SipResponse } from '../message/message.ts';
import { bytes, requestText } from '../testing/message-builders.ts';
import { SipRequestFailed } from './errors.ts';
import { SipEndpoint, type IncomingRequest, type SipEndpointOptions } from './sip-endpoint.ts';

const opened: SipEndpoint[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((e) => e.close()));
});

async function start(options: SipEndpointOptions = {}): Promise<SipEndpoint> {
  const endpoint = await SipEndpoint.start({ udpPort: 0, tcpPort: 0, ...options });
  opened.push(endpoint);
  return endpoint;
}

/** Sends a request from `from` to `to` and resolves with the final response. */
function ask(
  from: SipEndpoint,
  to: SipEndpoint,
  method: string,
  protocol: 'udp' | 'tcp' = 'udp',
  onResponse?: (r: SipResponse) => void,
): Promise<SipResponse> {
  const { address, port } = to.local(protocol);
  const request = from.createRequest(
    {
      method,
      uri: `sip:relais@${address}:${port}`,
      from: '<sip:a@127.0.0.1>',
      to: `<sip:relais@${address}>`,
    },
    protocol,
  );
  return from.send(
    request,
    { protocol, address, port },
    onResponse === undefined ? {} : { onResponse },
  );
}

describe('SipEndpoint', () => {
  it('[EP1][EP2] answers OPTIONS with 200, an unhandled known method with 405 and Allow, an unknown one with 501', async () => {
    const server = await start();
    const client = await start();
    server.handle('REGISTER', (incoming) => incoming.respond(200));
    const options = await ask(client, server, 'OPTIONS');
    expect(options.status).toBe(200);
    expect(headerValue(options, 'allow')).toBe('OPTIONS, ACK, CANCEL, REGISTER');
    expect(headerValue(options, 'to')).toMatch(/;tag=/);
    const invite = await ask(client, server, 'SUBSCRIBE');
    expect(invite.status).toBe(405);
    expect(headerValue(invite, 'allow')).toContain('REGISTER');
    expect((await ask(client, server, 'FROBNICATE')).status).toBe(501);
  });

  it('[EP3] answers 500 when a handler throws or rejects, and keeps serving', async () => {
    const server = await start();
    const client = await start();
    server.handle('MESSAGE', () => {
      throw new Error('handler bug');
    });
    server.handle('INFO', () => Promise.reject(new Error('async handler bug')));
    expect((await ask(client, server, 'MESSAGE')).status).toBe(500);
    expect((await ask(client, server, 'INFO')).status).toBe(500);
    expect((await ask(client, server, 'OPTIONS')).status).toBe(200);
  });

  it('[EP4] CANCEL: 200 to the CANCEL, 487 to the pending INVITE; 481 when nothing matches', async () => {
    const server = await start();
    const client = await start();
    let pending: IncomingRequest | undefined;
    // The INVITE stays unanswered until the CANCEL has ended it.
    server.handle('INVITE', (incoming) => {
      pending = incoming;
    });
    const { address, port } = server.local('udp');
    const destination = { protocol: 'udp' as const, address, port };
    const invite = client.createRequest({
      method: 'INVITE',
      uri: `sip:q@${address}:${port}`,
      from: '<sip:a@127.0.0.1>',
      to: '<sip:q@127.0.0.1>',
    });
    const provisional: number[] = [];
    const final = client.send(invite, destination, {
      onResponse: (r) => provisional.push(r.status),
    });
    while (provisional.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const cancel = {
      ...invite,
      method: 'CANCEL',
      headers: invite.headers.map((h) => (h.key === 'cseq' ? { ...h, value: '1 CANCEL' } : h)),
    };
    expect((await client.send(cancel, destination)).status).toBe(200);
    expect((await final).status).toBe(487);
    expect(pending?.cancelled).toBe(true);
    pending?.respond(200); // too late: the transaction has its final response
    expect(provisional).toEqual([100, 487]);
    const stray = client.createRequest({
      method: 'CANCEL',
      uri: `sip:q@${address}:${port}`,
      from: '<sip:a@127.0.0.1>',
      to: '<sip:q@127.0.0.1>',
    });
    expect((await client.send(stray, destination)).status).toBe(481);
  });

  it('[TP2] stamps received and rport on the top Via and answers to them', async () => {
    const server = await start();
    let seenVia = '';
    server.handle('MESSAGE', (incoming) => {
      seenVia = headerValue(incoming.request, 'via') ?? '';
      incoming.respond(200);
    });
    const socket = createSocket('udp4');
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const answered = new Promise<string>((resolve) =>
      socket.once('message', (m) => resolve(m.toString())),
    );
    // The Via names a host and port that are not where the request came from (a NAT).
    const request = requestText({
      method: 'MESSAGE',
      via: 'SIP/2.0/UDP 203.0.113.9:5099;branch=z9hG4bK-nat;rport',
    });
    socket.send(bytes(request), server.local('udp').port, '127.0.0.1');
    const response = await answered;
    const sourcePort = socket.address().port;
    socket.close();
    expect(seenVia).toBe(
      `SIP/2.0/UDP 203.0.113.9:5099;branch=z9hG4bK-nat;rport=${sourcePort};received=127.0.0.1`,
    );
    expect(response).toMatch(/^SIP\/2.0 200 OK/);
  });

  it('[TP3] reuses one TCP connection for requests and their responses', async () => {
    const server = await start();
    const client = await start();
    for (let i = 0; i < 3; i++)
      expect((await ask(client, server, 'OPTIONS', 'tcp')).status).toBe(200);
    const transports = (
      client as unknown as { transports: Map<string, { connectionCount: number }> }
    ).transports;
    expect(transports.get('tcp')?.connectionCount).toBe(1);
  });

  it('[TP3] answers a TCP message without Content-Length with 400 and closes the connection', async () => {
    const server = await start();
    const socket = connect({ host: '127.0.0.1', port: server.local('tcp').port });
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString()));
    const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    socket.write(
      requestText({ via: 'SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bK-tcp', contentLength: null }),
    );
    await closed;
    expect(data).toMatch(/^SIP\/2.0 400 Bad Request\r\n/);
  });

  it('[EP5] rejects with a typed error when a request gets no final response', async () => {
    const silent = await start();
    const client = await start({ timers: { t1Ms: 5, t2Ms: 20, t4Ms: 20, timerDMs: 40 } });
    silent.handle('MESSAGE', () => {});
    const failure = ask(client, silent, 'MESSAGE').catch((error: unknown) => error);
    expect(await failure).toBeInstanceOf(SipRequestFailed);
    expect(await failure).toMatchObject({ code: 'timeout' });
  });
});
