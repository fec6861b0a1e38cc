import { afterEach, describe, expect, it, vi } from 'vitest';
import { encodeBencode } from './bencode.ts';
import { MediaError } from './errors.ts';
import { ngGiveUpMs, NgTransport, parseReply } from './ng-transport.ts';
import { ScriptedPeer } from './testing/scripted-ng-peer.ts';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((thing) => thing.close()));
});

async function setUp(options: { timeoutMs?: number; retries?: number; maxInFlight?: number } = {}) {
  const peer = await ScriptedPeer.open();
  const transport = await NgTransport.open({
    host: '127.0.0.1',
    port: peer.port,
    timeoutMs: options.timeoutMs ?? 2000,
    retries: options.retries ?? 0,
    ...(options.maxInFlight === undefined ? {} : { maxInFlight: options.maxInFlight }),
  });
  open.push(peer, transport);
  return { peer, transport };
}

async function rejection(promise: Promise<unknown>): Promise<MediaError> {
  const error: unknown = await promise.then(
    () => new Error('expected a rejection'),
    (reason: unknown) => reason,
  );
  if (!(error instanceof MediaError)) throw error;
  return error;
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 10_000) throw new Error('gave up waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('ng transport', () => {
  it('[MED4] sends "cookie SP bencoded dictionary" with the command inside', async () => {
    const { peer, transport } = await setUp();
    peer.onRequest = (request) => peer.reply(request, { result: 'pong' });
    await expect(transport.request('ping')).resolves.toEqual({ result: 'pong' });
    const [request] = peer.requests;
    expect(request?.cookie).toMatch(/^[0-9a-f]{12}_1$/);
    expect(request?.raw.toString('latin1')).toBe(`${request?.cookie} d7:command4:pinge`);
  });

  it('[MED4] two clients opened together never share a cookie (rtpengine replays by cookie)', async () => {
    const { peer, transport } = await setUp();
    const other = await NgTransport.open({ host: '127.0.0.1', port: peer.port });
    open.push(other);
    peer.onRequest = (request) => peer.reply(request, { result: 'pong' });
    await Promise.all([transport.request('ping'), other.request('ping')]);
    const [first, second] = peer.requests.map((request) => request.cookie);
    expect(first).not.toBe(second);
  });

  it('[MED4] matches replies to requests by cookie whatever their order', async () => {
    const { peer, transport } = await setUp();
    peer.onRequest = () => {
      if (peer.requests.length < 3) return;
      for (const request of [...peer.requests].reverse()) {
        peer.reply(request, { result: 'ok', echo: request.body['n'] });
      }
    };
    const replies = await Promise.all(
      [1, 2, 3].map((n) => transport.request('query', { 'call-id': 'c', n })),
    );
    expect(replies.map((reply) => reply['echo'])).toEqual([1, 2, 3]);
  });

  it('[MED4] drops datagrams with an unknown cookie or none, and still takes the real reply', async () => {
    const { peer, transport } = await setUp();
    peer.onRequest = (request) => {
      peer.sendRaw(request.from, Buffer.from('no-cookie-here'));
      peer.sendRaw(request.from, Buffer.from(' d6:result2:oke'));
      peer.reply({ cookie: 'someone-else_9', from: request.from }, { result: 'error' });
      peer.reply(request, { result: 'ok', sdp: 'v=0' });
    };
    await expect(transport.request('offer')).resolves.toMatchObject({ sdp: 'v=0' });
  });

  it('[MED5] resends the same datagram, same cookie, when a reply is late', async () => {
    const { peer, transport } = await setUp({ timeoutMs: 40, retries: 3 });
    peer.onRequest = (request) => {
      if (peer.requests.length === 3) peer.reply(request, { result: 'ok' });
    };
    await expect(transport.request('answer', { 'call-id': 'c' })).resolves.toEqual({
      result: 'ok',
    });
    expect(peer.requests).toHaveLength(3);
    expect(new Set(peer.requests.map((request) => request.raw.toString('latin1'))).size).toBe(1);
  });

  it('[MED5] gives up after retries + 1 attempts with NgTimeout naming the address', async () => {
    const { peer, transport } = await setUp({ timeoutMs: 30, retries: 2 });
    const error = await rejection(transport.request('ping'));
    expect(error.code).toBe('NgTimeout');
    expect(error.message).toContain(`127.0.0.1:${peer.port}`);
    expect(error.message).toContain('3 attempts over 210 ms');
    expect(peer.requests).toHaveLength(3);
    expect(transport.stats()).toEqual({
      requests: { ping: 1 },
      resends: 2,
      timeouts: 1,
      queuePeak: 0,
    });
  });

  it('[MED5] each resend waits twice as long as the attempt before', () => {
    expect(ngGiveUpMs(1000, 0)).toBe(1000);
    expect(ngGiveUpMs(1000, 2)).toBe(7000); // 1 s, then 2 s, then 4 s
    expect(ngGiveUpMs(30, 3)).toBe(450);
  });

  it('[MED5] counts requests by command and resends', async () => {
    const { peer, transport } = await setUp({ timeoutMs: 40, retries: 3 });
    peer.onRequest = (request) => {
      if (request.body['command'] !== 'offer' || peer.requests.length >= 2)
        peer.reply(request, { result: 'ok' });
    };
    await transport.request('offer', { 'call-id': 'c' });
    await transport.request('delete', { 'call-id': 'c' });
    await transport.request('delete', { 'call-id': 'd' });
    expect(transport.stats()).toEqual({
      requests: { offer: 1, delete: 2 },
      resends: 1,
      timeouts: 0,
      queuePeak: 0,
    });
  });

  it('[MED19] at most maxInFlight requests are out at once; the rest go in order as replies come', async () => {
    const { peer, transport } = await setUp({ maxInFlight: 2 });
    const replies = Array.from({ length: 5 }, (_, i) =>
      transport.request('query', { 'call-id': `c${i}` }),
    );
    await waitFor(() => peer.requests.length === 2);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(peer.requests).toHaveLength(2); // nothing more until a reply comes
    peer.onRequest = (request) => peer.reply(request, { result: 'ok' });
    for (const request of peer.requests.slice()) peer.reply(request, { result: 'ok' });
    await Promise.all(replies);
    expect(peer.requests.map((r) => r.body['call-id'])).toEqual(['c0', 'c1', 'c2', 'c3', 'c4']);
    expect(transport.stats()).toMatchObject({ resends: 0, queuePeak: 3 });
  });

  it('[MED19] a queued request that waited as long as a request may take fails unsent with NgTimeout', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    try {
      const { peer, transport } = await setUp({ timeoutMs: 1000, retries: 0, maxInFlight: 1 });
      const first = rejection(transport.request('offer', { 'call-id': 'a' }));
      const queued = [
        rejection(transport.request('offer', { 'call-id': 'b' })),
        rejection(transport.request('delete', { 'call-id': 'c' })),
      ];
      // rtpengine never answers: the first gives up after 1 s, the queued ones waited 1 s too.
      await vi.advanceTimersByTimeAsync(1000);
      expect((await first).message).toMatch(/did not answer "offer"/);
      for (const error of await Promise.all(queued)) {
        expect(error.code).toBe('NgTimeout');
        expect(error.message).toMatch(/not sent: it waited 1000 ms in the client's queue/);
      }
      for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
      expect(peer.requests.map((r) => r.body['call-id'])).toEqual(['a']);
      expect(transport.stats()).toMatchObject({ timeouts: 3, queuePeak: 2 });
    } finally {
      vi.useRealTimers();
    }
  });

  it('[MED19] requests still queued when the client closes fail with NgClosed, none is sent', async () => {
    const { peer, transport } = await setUp({ maxInFlight: 1 });
    const first = rejection(transport.request('ping'));
    const queued = rejection(transport.request('ping'));
    await waitFor(() => peer.requests.length === 1);
    await transport.close();
    expect((await first).code).toBe('NgClosed');
    expect((await queued).code).toBe('NgClosed');
    expect(peer.requests).toHaveLength(1);
  });

  it('[MED6] refuses a maxInFlight below 1 before opening anything', async () => {
    await expect(
      NgTransport.open({ host: '127.0.0.1', port: 2223, maxInFlight: 0 }),
    ).rejects.toThrow(/maxInFlight must be a whole number >= 1/);
  });

  it('[MED6] turns "result: error" into NgRejected carrying the error-reason', async () => {
    const { peer, transport } = await setUp();
    peer.onRequest = (request) =>
      peer.reply(request, { result: 'error', 'error-reason': 'Unknown call-ID' });
    const error = await rejection(transport.request('play media', { 'call-id': 'x' }));
    expect(error.code).toBe('NgRejected');
    expect(error.message).toBe('rtpengine refused "play media": Unknown call-ID');
    expect(error.details).toMatchObject({ command: 'play media', reason: 'Unknown call-ID' });
  });

  it('[MED6] turns an unreadable reply into NgBadResponse', async () => {
    const bodies = [Buffer.from('d6:result'), encodeBencode(['ok']), encodeBencode({ sdp: 'x' })];
    for (const body of bodies) {
      const { peer, transport } = await setUp();
      peer.onRequest = (request) => peer.reply(request, body);
      const error = await rejection(transport.request('offer'));
      expect(error.code, body.toString()).toBe('NgBadResponse');
    }
  });

  it('[MED6] fails pending and later requests with NgClosed once closed', async () => {
    const { transport } = await setUp();
    const pending = transport.request('ping');
    await transport.close();
    expect((await rejection(pending)).code).toBe('NgClosed');
    expect((await rejection(transport.request('ping'))).code).toBe('NgClosed');
  });

  it('[MED6] refuses unusable options before opening anything', async () => {
    for (const options of [
      { host: '127.0.0.1', port: 0 },
      { host: '127.0.0.1', port: 70_000 },
      { host: '127.0.0.1', port: 2223, retries: -1 },
      { host: '127.0.0.1', port: 2223, timeoutMs: 0 },
    ]) {
      const error = await rejection(NgTransport.open(options));
      expect(error.code, JSON.stringify(options)).toBe('MediaInvalidInput');
    }
  });

  it('[MED6] parseReply reads ok, pong and warnings as replies', () => {
    expect(parseReply('ping', encodeBencode({ result: 'pong' }))).toEqual({ result: 'pong' });
    expect(parseReply('delete', encodeBencode({ result: 'ok', warning: 'gone' }))).toEqual({
      result: 'ok',
      warning: 'gone',
    });
    const rejected = parseReply('offer', encodeBencode({ result: 'error' }));
    expect(rejected).toBeInstanceOf(MediaError);
    expect((rejected as MediaError).message).toContain('no error-reason given');
  });
});
