import type { AgentEvent } from '@relais/protocol';
import { describe, expect, it } from 'vitest';
import { fakeSockets } from '../testing/fake-socket.ts';
import { makeEvent } from '../testing/builders.ts';
import {
  ActionLost,
  ActionRefused,
  AgentStream,
  streamUrl,
  type StreamStatus,
} from './agent-stream.ts';

function setUp(afterSeq = 10) {
  const sockets = fakeSockets();
  const events: AgentEvent[] = [];
  const statuses: StreamStatus[] = [];
  const retries: (() => void)[] = [];
  const stream = new AgentStream({
    url: 'ws://relais.test/api/v1/stream',
    agentId: 'casa-07',
    afterSeq,
    socketFactory: sockets.factory,
    schedule: (work) => {
      retries.push(work);
      return () => undefined;
    },
    handlers: { onEvent: (e) => events.push(e), onStatus: (s) => statuses.push(s) },
  });
  stream.start();
  return { stream, sockets, events, statuses, retries };
}

const stateChanged = (seq: number) =>
  makeEvent({
    type: 'agentStateChanged',
    agentId: 'casa-07',
    siteId: 'casa',
    from: 'loggedOut',
    to: 'available',
    seq,
  });

describe('the agent stream', () => {
  it('subscribes after the seq it starts from and goes live once caught up', () => {
    const { sockets, statuses } = setUp(10);
    const socket = sockets.made[0]!;
    socket.open();
    expect(socket.sent).toEqual([{ type: 'subscribe', afterSeq: 10 }]);
    socket.receive({ type: 'caughtUp', seq: 10 });
    expect(statuses).toEqual(['connecting', 'live']);
  });

  it('reconnects after a drop and asks for what followed the last event it saw', () => {
    const { sockets, events, statuses, retries, stream } = setUp(10);
    sockets.made[0]!.open();
    sockets.made[0]!.receive({ type: 'event', event: stateChanged(14) });
    // Events of other kinds move the seq too: the replay starts after them.
    sockets.made[0]!.receive({
      type: 'event',
      event: { seq: 15, atMs: 1, type: 'agentSkillsChanged', agentId: 'casa-07', skills: {} },
    });
    sockets.made[0]!.drop();
    expect(statuses.at(-1)).toBe('reconnecting');
    expect(retries).toHaveLength(1);
    retries[0]!();
    const second = sockets.made[1]!;
    second.open();
    expect(second.sent).toEqual([{ type: 'subscribe', afterSeq: 15 }]);
    second.receive({ type: 'event', event: stateChanged(15) }); // a duplicate: ignored
    second.receive({ type: 'event', event: stateChanged(16) });
    expect(events.map((e) => e.seq)).toEqual([14, 16]);
    expect(stream.seq).toBe(16);
  });

  it('sends actions on the socket and settles them with their results', async () => {
    const { sockets, stream } = setUp();
    const socket = sockets.made[0]!;
    socket.open();
    const accepted = stream.act('accept', { contactId: 'c1' });
    const refused = stream.act('state', { state: 'paused', reason: 'nope' });
    expect(socket.sent.slice(1)).toEqual([
      {
        type: 'action',
        ref: 'a1',
        agentId: 'casa-07',
        action: 'accept',
        body: { contactId: 'c1' },
      },
      {
        type: 'action',
        ref: 'a2',
        agentId: 'casa-07',
        action: 'state',
        body: { state: 'paused', reason: 'nope' },
      },
    ]);
    socket.receive({ type: 'actionResult', ref: 'a1', ok: true, events: [] });
    socket.receive({
      type: 'actionResult',
      ref: 'a2',
      ok: false,
      status: 404,
      error: { code: 'UnknownPauseCode', message: 'no pause code "nope"' },
    });
    await expect(accepted).resolves.toBeUndefined();
    await expect(refused).rejects.toEqual(
      new ActionRefused(404, 'UnknownPauseCode', 'no pause code "nope"'),
    );
  });

  it('fails actions in flight when the socket drops, and refuses them while it is down', async () => {
    const { sockets, stream } = setUp();
    sockets.made[0]!.open();
    const inFlight = stream.act('complete', { contactId: 'c1' });
    sockets.made[0]!.drop();
    await expect(inFlight).rejects.toBeInstanceOf(ActionLost);
    await expect(stream.act('end-wrap-up', { contactId: 'c1' })).rejects.toBeInstanceOf(ActionLost);
  });

  it('stops reconnecting when the server refuses the session', () => {
    const { sockets, statuses, retries } = setUp();
    sockets.made[0]!.open();
    sockets.made[0]!.drop(4401);
    expect(statuses.at(-1)).toBe('ended');
    expect(retries).toEqual([]);
  });

  it('stops for good when told to', () => {
    const { sockets, stream, retries } = setUp();
    sockets.made[0]!.open();
    stream.stop();
    expect(retries).toEqual([]);
    expect(sockets.made).toHaveLength(1);
  });

  it('addresses the stream on the page’s own server', () => {
    expect(streamUrl({ protocol: 'https:', host: 'relais.example:8443' })).toBe(
      'wss://relais.example:8443/api/v1/stream',
    );
    expect(streamUrl({ protocol: 'http:', host: '127.0.0.1:8080' })).toBe(
      'ws://127.0.0.1:8080/api/v1/stream',
    );
  });
});
