// MediaControl when rtpengine fails half-way, with a scripted peer in rtpengine's place (a real
// daemon cannot be made to refuse an answer after accepting the offer on demand).
import { afterEach, describe, expect, it } from 'vitest';
import { MediaError } from './errors.ts';
import { NgClient } from './ng-client.ts';
import { RtpengineMediaControl } from './rtpengine-media-control.ts';
import { ScriptedPeer } from './testing/scripted-ng-peer.ts';

const CALLER_SDP = [
  'v=0',
  'o=caller 1 1 IN IP4 127.0.0.1',
  's=-',
  'c=IN IP4 127.0.0.1',
  't=0 0',
  'm=audio 40000 RTP/AVP 0',
  'a=sendrecv',
  '',
].join('\r\n');

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((thing) => thing.close()));
});

describe('MediaControl when rtpengine fails', () => {
  it('[MED15] a failed anchor deletes what rtpengine had created and leaves no call behind', async () => {
    const peer = await ScriptedPeer.open();
    const client = await NgClient.open({ host: '127.0.0.1', port: peer.port });
    open.push(peer, client);
    peer.onRequest = (request) => {
      const command = request.body['command'];
      if (command === 'offer') {
        peer.reply(request, { result: 'ok', sdp: CALLER_SDP.replace('40000', '30000') });
      } else if (command === 'answer') {
        peer.reply(request, { result: 'error', 'error-reason': 'Ran out of ports' });
      } else peer.reply(request, { result: 'ok' });
    };
    const media = new RtpengineMediaControl(client, { holdMusic: { file: '/moh.wav' } });
    const error: unknown = await media.anchorCaller('c1', CALLER_SDP).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaError);
    expect((error as MediaError).message).toContain('Ran out of ports');
    expect(peer.requests.map((request) => request.body['command'])).toEqual([
      'offer',
      'answer',
      'delete',
    ]);
    expect(peer.requests[2]?.body['call-id']).toBe('c1');
    // MediaControl kept nothing of the call either.
    await expect(media.playHold('c1')).rejects.toMatchObject({ code: 'MediaCallState' });
  });
});
