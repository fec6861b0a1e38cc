// Seeded fuzz of MediaControl against a real rtpengine: random operations on a few calls, each
// checked against a model of the call phases; after every step rtpengine's calls match the
// model and every caller still has the port it was answered with.
import { SeededRandom } from '@relais/engine';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaError } from './errors.ts';
import type { AgentMediaKind } from './media-control.ts';
import { audioRtpStream } from './ng-query.ts';
import { startRtpengine, type RunningRtpengine } from './rtpengine-process.ts';
import { CALLER_TAG, RtpengineMediaControl } from './rtpengine-media-control.ts';
import { readAudio } from './sdp-audio.ts';

type Phase = 'held' | 'ringing' | 'bridged';
type Operation =
  'anchor' | 'playHold' | 'stopHold' | 'offerToAgent' | 'bridge' | 'returnToHold' | 'release';
const OPERATIONS: readonly Operation[] = [
  'anchor',
  'playHold',
  'stopHold',
  'offerToAgent',
  'bridge',
  'returnToHold',
  'release',
];

/** Which operations the model allows in each phase (undefined = not anchored). */
function allowed(operation: Operation, phase: Phase | undefined): boolean {
  switch (operation) {
    case 'anchor':
      return phase === undefined;
    case 'playHold':
    case 'offerToAgent':
      return phase === 'held' || phase === 'ringing';
    case 'bridge':
      return phase === 'ringing';
    case 'stopHold':
    case 'returnToHold':
      return phase !== undefined;
    case 'release':
      return true;
  }
}

function phaseAfter(operation: Operation, phase: Phase | undefined): Phase | undefined {
  if (operation === 'anchor' || operation === 'returnToHold') return 'held';
  if (operation === 'offerToAgent') return 'ringing';
  if (operation === 'bridge') return 'bridged';
  if (operation === 'release') return undefined;
  return phase;
}

/** A phone's SDP on a port nobody listens to: rtpengine only needs somewhere to send. */
function phoneSdp(name: string, port: number): string {
  return [
    'v=0',
    `o=${name} 1 1 IN IP4 127.0.0.1`,
    's=-',
    'c=IN IP4 127.0.0.1',
    't=0 0',
    `m=audio ${port} RTP/AVP 0 8 101`,
    'a=rtpmap:101 telephone-event/8000',
    'a=sendrecv',
    '',
  ].join('\r\n');
}

let engine: RunningRtpengine;
let musicFile: string;
beforeAll(async () => {
  engine = await startRtpengine();
  musicFile = join(await mkdtemp(join(tmpdir(), 'relais-moh-fuzz-')), 'hold.wav');
  // A WAV header with no samples would be refused; 40 ms of silence is enough to loop.
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + 640, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(8000, 24);
  header.writeUInt32LE(16000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(640, 40);
  await writeFile(musicFile, Buffer.concat([header, Buffer.alloc(640)]));
});
afterAll(async () => {
  await engine?.stop();
});

describe('MediaControl fuzz', () => {
  for (const seed of [11, 2026]) {
    it(`[MED14][MED12] seed ${seed}: random operations follow the phase model and keep caller ports`, async () => {
      const random = new SeededRandom(seed);
      const media = new RtpengineMediaControl(engine.client, { holdMusic: { file: musicFile } });
      const callIds = [0, 1, 2].map((n) => `fuzz-${seed}-${n}`);
      const phases = new Map<string, Phase>();
      const callerPorts = new Map<string, number>();
      for (let step = 0; step < 120; step++) {
        const callId = random.pick(callIds);
        const operation = random.pick(OPERATIONS);
        const kind: AgentMediaKind = random.chance(0.3) ? 'webrtc' : 'rtp';
        const phase = phases.get(callId);
        const where = `seed ${seed} step ${step}: ${operation} on ${callId} (${phase ?? 'absent'})`;
        const run = async (): Promise<void> => {
          if (operation === 'anchor') {
            const answer = await media.anchorCaller(callId, phoneSdp('caller', 40000 + step * 2));
            callerPorts.set(callId, readAudio(answer, where).port);
          } else if (operation === 'playHold') await media.playHold(callId);
          else if (operation === 'stopHold') await media.stopHold(callId);
          else if (operation === 'offerToAgent') await media.offerToAgent(callId, kind);
          else if (operation === 'bridge') {
            const bridged = await media.bridge(callId, phoneSdp('agent', 50000 + step * 2));
            expect(bridged.callerSdpChanged, where).toBe(false);
          } else if (operation === 'returnToHold') await media.returnToHold(callId);
          else await media.release(callId);
        };
        const outcome = await run().then(
          () => 'ok' as const,
          (error: unknown) => error,
        );
        if (allowed(operation, phase)) {
          expect(outcome, where).toBe('ok');
          const next = phaseAfter(operation, phase);
          if (next === undefined) phases.delete(callId);
          else phases.set(callId, next);
        } else {
          expect(outcome, where).toBeInstanceOf(MediaError);
          expect((outcome as MediaError).code, where).toBe('MediaCallState');
        }
        const live = (await engine.client.list(1000)).filter((id) => callIds.includes(id));
        expect(live.sort(), where).toEqual([...phases.keys()].sort());
        for (const id of phases.keys()) {
          const stream = audioRtpStream(await engine.client.query({ callId: id }), CALLER_TAG);
          expect(stream?.localPort, `${where}: caller port of ${id}`).toBe(callerPorts.get(id));
        }
      }
      await Promise.all(callIds.map((id) => media.release(id)));
    });
  }
});
