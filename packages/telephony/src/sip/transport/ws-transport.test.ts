import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { SipRequestFailed } from '../endpoint/errors.ts';
import { SipEndpoint, type IncomingRequest } from '../endpoint/sip-endpoint.ts';
import { headerValue } from '../message/message.ts';
import { parseMessage } from '../message/parse.ts';
import { serializeMessage } from '../message/serialize.ts';
import { Registrar } from '../registrar/registrar.ts';
import { requestText } from '../testing/message-builders.ts';
import { answerChallenge } from '../testing/register-builders.ts';
import { TestWsClient } from '../testing/ws-client.ts';
import type { RemoteAddress } from './types.ts';

// SIP over WebSocket against a Node client speaking what a browser speaks (RFC 7118).
const opened: SipEndpoint[] = [];
const clients: TestWsClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.socket.terminate();
  await Promise.all(opened.splice(0).map((e) => e.close()));
});

async function start(): Promise<{ endpoint: SipEndpoint; url: string }> {
  const endpoint = await SipEndpoint.start({ udpPort: false, wsPort: 0 });
  opened.push(endpoint);
  return { endpoint, url: `ws://127.0.0.1:${endpoint.local('ws').port}` };
}

async function connect(url: string): Promise<TestWsClient> {
  const client = await TestWsClient.connect(url);
  clients.push(client);
  return client;
}

/** A browser-like request: Via `WS` with an `.invalid` host, no Content-Length (RFC 7118 §5). */
function browserRequest(method: string, branch: string, extra: string[] = []): string {
  return requestText({
    method,
    uri: 'sip:relais.example.com',
    via: `SIP/2.0/WS df7jal23ls0d.invalid;branch=z9hG4bK${branch}`,
    from: `<sip:agent-7@relais.example.com>;tag=${branch}`,
    to: '<sip:agent-7@relais.example.com>',
    callId: `${branch}@browser`,
    cseq: `1 ${method}`,
    contentLength: null,
    extra,
  });
}

const parse = (text: string) => parseMessage(new TextEncoder().encode(text));

describe('WebSocket transport', () => {
  it('[WS1] accepts a client offering the sip subprotocol and refuses one that does not', async () => {
    const { url } = await start();
    const client = await connect(url);
    expect(client.socket.protocol).toBe('sip');
    const refused = await new Promise<number>((resolve) => {
      const socket = new WebSocket(url, ['chat']);
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.on('open', () => resolve(101));
      socket.on('error', () => undefined);
    });
    expect(refused).toBe(401);
    const bare = await new Promise<number>((resolve) => {
      const socket = new WebSocket(url);
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.on('open', () => resolve(101));
      socket.on('error', () => undefined);
    });
    expect(bare).toBe(401);
  });

  it('[WS1] with allowed origins, refuses a browser from another origin', async () => {
    const endpoint = await SipEndpoint.start({
      udpPort: false,
      wsPort: 0,
      wsAllowedOrigins: ['https://desk.relais.example.com'],
    });
    opened.push(endpoint);
    const url = `ws://127.0.0.1:${endpoint.local('ws').port}`;
    const status = (origin: string) =>
      new Promise<number>((resolve) => {
        const socket = new WebSocket(url, ['sip'], { origin });
        socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
        socket.on('open', () => {
          socket.close();
          resolve(101);
        });
        socket.on('error', () => undefined);
      });
    expect(await status('https://evil.example.org')).toBe(401);
    expect(await status('https://desk.relais.example.com')).toBe(101);
  });

  it('[WS2][WS3] answers an OPTIONS frame with one text frame, Via stamped with received and rport', async () => {
    const { url } = await start();
    const client = await connect(url);
    client.send(
      browserRequest('OPTIONS', 'opt1', ['Via: SIP/2.0/WS proxy.invalid;branch=z9hG4bKx']),
    );
    const frame = await client.next();
    expect(frame.binary).toBe(false);
    const response = parse(frame.text);
    expect(response.kind === 'response' && response.status).toBe(200);
    expect(headerValue(response, 'via')).toBe(
      'SIP/2.0/WS df7jal23ls0d.invalid;branch=z9hG4bKopt1;received=127.0.0.1',
    );
    expect(frame.text.match(/^SIP\/2\.0/gm)).toHaveLength(1);
    client.send(
      browserRequest('OPTIONS', 'opt2').replace(
        'SIP/2.0/WS df7jal23ls0d.invalid;',
        'SIP/2.0/WS df7jal23ls0d.invalid;rport;',
      ),
    );
    const second = parse((await client.next()).text);
    expect(headerValue(second, 'via')).toBe(
      `SIP/2.0/WS df7jal23ls0d.invalid;rport=${client.localPort};branch=z9hG4bKopt2;received=127.0.0.1`,
    );
  });

  it('[WS4] answers a malformed frame with 400, drops garbage and keepalives, closes on an oversized frame, and keeps serving', async () => {
    const { endpoint, url } = await start();
    const client = await connect(url);
    client.send(browserRequest('OPTIONS', 'bad1', ['Max-Forwards: many']));
    expect(parse((await client.next()).text)).toMatchObject({ status: 400 });
    client.send(
      Uint8Array.from({ length: 700 }, (_, i) => (i * 7919) % 256),
      true,
    );
    client.send('\r\n\r\n');
    client.send('SIP/2.0 200 OK\r\n\r\n');
    client.send(browserRequest('REGISTER', 'huge', [`Subject: ${'h'.repeat(20_000)}`]));
    expect(parse((await client.next()).text)).toMatchObject({ status: 513 });
    client.send(browserRequest('OPTIONS', 'ok1'));
    expect(parse((await client.next()).text)).toMatchObject({ status: 200 });
    expect(client.pending).toBe(0);
    expect(endpoint.stats.dropped).toBe(2);

    const flooder = await connect(url);
    flooder.send('x'.repeat(200_000));
    expect(await flooder.closed()).toBe(1009);
    const after = await connect(url);
    after.send(browserRequest('OPTIONS', 'ok2'));
    expect(parse((await after.next()).text)).toMatchObject({ status: 200 });
  });

  it('[WS5] sends requests to a WebSocket phone on the connection it opened, and fails clearly without one', async () => {
    const { endpoint, url } = await start();
    const client = await connect(url);
    const sources: RemoteAddress[] = [];
    endpoint.handle('REGISTER', (incoming: IncomingRequest) => {
      sources.push(incoming.source);
      incoming.respond(200);
    });
    client.send(browserRequest('REGISTER', 'reg1'));
    expect(parse((await client.next()).text)).toMatchObject({ status: 200 });
    const flow = sources[0]!;
    expect(flow).toEqual({ protocol: 'ws', address: '127.0.0.1', port: client.localPort });

    const options = endpoint.createRequest(
      {
        method: 'OPTIONS',
        uri: 'sip:agent-7@df7jal23ls0d.invalid;transport=ws',
        from: '<sip:relais@relais.example.com>',
        to: '<sip:agent-7@relais.example.com>',
      },
      'ws',
    );
    expect(headerValue(options, 'via')).toMatch(/^SIP\/2\.0\/WS 127\.0\.0\.1:\d+;branch=z9hG4bK/);
    const answered = endpoint.send(options, flow);
    const incoming = parse((await client.next()).text);
    expect(incoming).toMatchObject({ kind: 'request', method: 'OPTIONS' });
    const reply = (incoming.headers as Array<{ name: string; value: string }>)
      .filter((h) => ['Via', 'From', 'To', 'Call-ID', 'CSeq'].includes(h.name))
      .map((h) => `${h.name}: ${h.value}${h.name === 'To' ? ';tag=browser' : ''}`);
    client.send(`SIP/2.0 200 OK\r\n${reply.join('\r\n')}\r\n\r\n`);
    expect((await answered).status).toBe(200);

    const gone = endpoint.send(
      endpoint.createRequest({ ...optionsSpec(), method: 'OPTIONS' }, 'ws'),
      { protocol: 'ws', address: '127.0.0.1', port: 1 },
    );
    await expect(gone).rejects.toBeInstanceOf(SipRequestFailed);
    await expect(gone).rejects.toThrow(/no open WebSocket connection from 127\.0\.0\.1:1/);
  });

  it('[WS6] reports a closed connection as a closed flow', async () => {
    const { endpoint, url } = await start();
    const closed: RemoteAddress[] = [];
    endpoint.onFlowClosed((flow) => closed.push(flow));
    const client = await connect(url);
    client.close();
    await client.closed();
    while (closed.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(closed).toEqual([{ protocol: 'ws', address: '127.0.0.1', port: client.localPort }]);
  });
});

function optionsSpec() {
  return {
    uri: 'sip:agent-7@df7jal23ls0d.invalid;transport=ws',
    from: '<sip:relais@relais.example.com>',
    to: '<sip:agent-7@relais.example.com>',
  };
}

/** A self-signed certificate for 127.0.0.1, made with the openssl command. */
function selfSignedCertificate(): { cert: Buffer; key: Buffer } {
  const dir = mkdtempSync(path.join(tmpdir(), 'relais-wss-'));
  try {
    const made = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        path.join(dir, 'key.pem'),
        '-out',
        path.join(dir, 'cert.pem'),
      ],
      { encoding: 'utf8' },
    );
    if (made.status !== 0) throw new Error(`openssl failed: ${made.stderr}`);
    return {
      cert: readFileSync(path.join(dir, 'cert.pem')),
      key: readFileSync(path.join(dir, 'key.pem')),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('secure WebSocket', () => {
  it('[WS7] speaks SIP over wss:// with the given certificate, Via WSS, and refuses a wssPort without one', async () => {
    const tls = selfSignedCertificate();
    const endpoint = await SipEndpoint.start({ udpPort: false, wssPort: 0, wssTls: tls });
    opened.push(endpoint);
    const { port } = endpoint.local('wss');
    const client = await TestWsClient.connect(`wss://127.0.0.1:${port}`, ['sip'], { ca: tls.cert });
    clients.push(client);
    const sources: RemoteAddress[] = [];
    endpoint.handle('REGISTER', (incoming) => {
      sources.push(incoming.source);
      incoming.respond(200);
    });
    client.send(browserRequest('REGISTER', 'wss1').replace('SIP/2.0/WS ', 'SIP/2.0/WSS '));
    const answer = parse((await client.next()).text);
    expect(answer).toMatchObject({ status: 200 });
    expect(headerValue(answer, 'via')).toMatch(/^SIP\/2\.0\/WSS df7jal23ls0d\.invalid;/);
    expect(sources[0]).toEqual({ protocol: 'wss', address: '127.0.0.1', port: client.localPort });
    const options = endpoint.createRequest({ ...optionsSpec(), method: 'OPTIONS' }, 'wss');
    expect(headerValue(options, 'via')).toMatch(/^SIP\/2\.0\/WSS 127\.0\.0\.1:/);
    await expect(TestWsClient.connect(`wss://127.0.0.1:${port}`)).rejects.toThrow(/self.signed/i);
    await expect(SipEndpoint.start({ udpPort: false, wssPort: 0 })).rejects.toThrow(
      /wssPort needs wssTls/,
    );
  });
});

describe('WebSocket registration', () => {
  it('[WS5][REG8][REG9] registers a WebSocket phone with digest auth, reaches it on its connection, forgets it when the connection closes', async () => {
    const endpoint = await SipEndpoint.start({ udpPort: false, wsPort: 0 });
    opened.push(endpoint);
    const registrar = new Registrar({
      realm: 'relais.example.com',
      secret: 'ws-registration',
      lookupPassword: (user) => (user === 'agent-7' ? 'secret-7' : undefined),
    });
    registrar.attach(endpoint);
    const client = await connect(`ws://127.0.0.1:${endpoint.local('ws').port}`);
    const contact = 'Contact: <sip:x8k2@df7jal23ls0d.invalid;transport=ws>;expires=600';
    const first = browserRequest('REGISTER', 'wsreg1', [contact]);
    client.send(first);
    const challenge = parse((await client.next()).text);
    expect(challenge).toMatchObject({ status: 401 });
    const request = parse(first);
    if (request.kind !== 'request') throw new Error('not a request');
    const outcome = { status: 401, headers: challenge.headers };
    const authorized = answerChallenge(request, outcome, 'secret-7', 'agent-7');
    client.send(
      new TextDecoder().decode(
        serializeMessage({
          ...authorized,
          headers: authorized.headers.map((h) =>
            h.key === 'cseq' ? { ...h, value: '2 REGISTER' } : h,
          ),
        }),
      ),
    );
    const ok = parse((await client.next()).text);
    expect(ok).toMatchObject({ status: 200 });
    expect(headerValue(ok, 'contact')).toBe(
      '<sip:x8k2@df7jal23ls0d.invalid;transport=ws>;expires=600',
    );
    const [binding] = registrar.resolve('sip:agent-7@relais.example.com');
    expect(binding?.destination).toEqual({
      protocol: 'ws',
      address: '127.0.0.1',
      port: client.localPort,
    });
    client.close();
    await client.closed();
    while (registrar.resolve('sip:agent-7@relais.example.com').length > 0)
      await new Promise((resolve) => setTimeout(resolve, 10));
    expect(registrar.aorCount).toBe(0);
  });
});
