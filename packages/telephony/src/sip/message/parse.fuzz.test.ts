import { describe, expect, it } from 'vitest';
import { bytes, requestText, responseText, sdpBody } from '../testing/message-builders.ts';
import { seededRandom } from '../testing/seeded-random.ts';
import { SipParseError } from './errors.ts';
import type { SipMessage } from './message.ts';
import { parseMessage } from './parse.ts';
import { serializeMessage } from './serialize.ts';
import { SipStreamFramer } from './stream-framer.ts';

const SEEDS = [1, 2, 3, 20261126];
const ALPHABET = bytes(' \t\r\n:;,<>"\\@=/[]?%*+-.0123456789abzZSIPviaVIAl');
const VALID = [
  requestText({
    method: 'INVITE',
    body: sdpBody(),
    extra: ['Contact: <sip:c@192.0.2.1>, "x,y" <sip:d@e>', 'c: application/sdp'],
  }),
  requestText({
    method: 'REGISTER',
    extra: ['Authorization: Digest username="u", realm="r", nonce="n"', 'Expires: 60'],
  }),
  responseText({
    status: 401,
    extra: ['WWW-Authenticate: Digest realm="relais", nonce="abc", qop="auth"'],
  }),
  requestText({
    via: 'SIP/2.0/UDP 192.0.2.2;branch=z9hG4bK-1;rport, SIP/2.0/TCP [2001:db8::1]:5070;branch=z9hG4bK-2',
  }),
].map(bytes);

function mutate(source: Uint8Array, random: () => number): Uint8Array {
  const out = Array.from(source);
  const edits = 1 + Math.floor(random() * 6);
  for (let e = 0; e < edits; e++) {
    const at = Math.floor(random() * (out.length + 1));
    const pick = ALPHABET[Math.floor(random() * ALPHABET.length)]!;
    switch (Math.floor(random() * 5)) {
      case 0:
        out[at] = pick;
        break;
      case 1:
        out.splice(at, 0, pick);
        break;
      case 2:
        out.splice(at, 1 + Math.floor(random() * 10));
        break;
      case 3:
        out.length = at;
        break;
      default:
        out.splice(at, 0, ...out.slice(at, at + Math.floor(random() * 300)));
        break;
    }
  }
  return Uint8Array.from(out);
}

function randomBytes(random: () => number): Uint8Array {
  const out = new Uint8Array(Math.floor(random() * 600));
  for (let i = 0; i < out.length; i++) out[i] = Math.floor(random() * 256);
  return out;
}

/**
 * Parses and, when the message is accepted, checks it survives a round trip. Returns the outcome,
 * or a description of the broken rule (plain checks: thousands of expect() calls are slow).
 */
function check(input: Uint8Array, stream: boolean): string {
  let message: SipMessage;
  try {
    message = parseMessage(input, { stream });
  } catch (error) {
    if (!(error instanceof SipParseError)) return `threw ${String(error)}`;
    if (error.status !== 'drop' && error.context === undefined)
      return `status ${error.status} without context`;
    return 'refused';
  }
  // The serializer always writes Content-Length, so the round trip is compared without it.
  const again = parseMessage(serializeMessage(message), { stream });
  if (JSON.stringify(withoutLength(again)) !== JSON.stringify(withoutLength(message)))
    return 'round trip changed the message';
  if (Buffer.compare(serializeMessage(again), serializeMessage(message)) !== 0)
    return 'round trip changed the bytes';
  return 'accepted';
}

function withoutLength(message: SipMessage): SipMessage {
  return { ...message, headers: message.headers.filter((h) => h.key !== 'content-length') };
}

describe('parser fuzz', () => {
  it.each(SEEDS)(
    '[MSG8] seed %i: mutated messages and random bytes only ever give a SipParseError',
    { timeout: 30_000 },
    (seed) => {
      const random = seededRandom(seed);
      const outcomes = { accepted: 0, refused: 0 };
      const broken: string[] = [];
      for (let i = 0; i < 1500; i++) {
        const source = VALID[i % VALID.length]!;
        const input = i % 5 === 4 ? randomBytes(random) : mutate(source, random);
        const outcome = check(input, i % 3 === 0);
        if (outcome === 'accepted' || outcome === 'refused') outcomes[outcome]++;
        else broken.push(`${outcome}: ${JSON.stringify(new TextDecoder().decode(input))}`);
      }
      expect(broken).toEqual([]);
      // Both outcomes occur, so the mutations neither always break nor never touch the messages.
      expect(outcomes.accepted).toBeGreaterThan(50);
      expect(outcomes.refused).toBeGreaterThan(50);
    },
  );

  it.each(SEEDS)(
    '[MSG8] seed %i: the stream framer takes any bytes in any chunks',
    { timeout: 30_000 },
    (seed) => {
      const random = seededRandom(seed);
      const broken: string[] = [];
      for (let i = 0; i < 300; i++) {
        const framer = new SipStreamFramer();
        const input = mutate(VALID[i % VALID.length]!, random);
        try {
          for (let at = 0; at < input.length; at += 1 + Math.floor(random() * 100)) {
            for (const frame of framer.push(input.slice(at, at + 100))) {
              const outcome = check(frame, true);
              if (outcome !== 'accepted' && outcome !== 'refused') broken.push(outcome);
            }
          }
        } catch (error) {
          if (!(error instanceof SipParseError)) broken.push(`framer threw ${String(error)}`);
        }
      }
      expect(broken).toEqual([]);
    },
  );
});
