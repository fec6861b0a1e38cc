// Parse and serialize throughput of the SIP message layer on typical call-setup messages.
// Run: npm run bench:sip-parse -w @relais/telephony (the last line is one JSON object).
import { parseMessage } from '../src/sip/message/parse.ts';
import { serializeMessage } from '../src/sip/message/serialize.ts';
import { bytes, requestText, responseText, sdpBody } from '../src/sip/testing/message-builders.ts';

const invite = bytes(
  requestText({
    method: 'INVITE',
    via: 'SIP/2.0/UDP 203.0.113.20:5060;branch=z9hG4bK-trunk-77;rport, SIP/2.0/UDP 10.1.1.4:5060;branch=z9hG4bK-pbx-1',
    extra: [
      'Contact: <sip:+33155550101@203.0.113.20:5060;transport=udp>',
      'Record-Route: <sip:203.0.113.20;lr>',
      'Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE, INFO',
      'Supported: timer, replaces, 100rel',
      'Session-Expires: 1800',
      'User-Agent: trunk-sbc/4.2',
      'P-Asserted-Identity: <sip:+33155550101@trunk.example.net>',
      'Content-Type: application/sdp',
    ],
    body: sdpBody(),
  }),
);
const ringing = bytes(
  responseText({
    status: 180,
    reason: 'Ringing',
    cseq: '1 INVITE',
    extra: ['Contact: <sip:agent-7@192.0.2.50:5062>'],
  }),
);
const samples = [invite, ringing];

function run(iterations: number): { parsed: number; bytesParsed: number } {
  let bytesParsed = 0;
  for (let i = 0; i < iterations; i++) {
    const sample = samples[i & 1]!;
    parseMessage(sample);
    bytesParsed += sample.length;
  }
  return { parsed: iterations, bytesParsed };
}

run(20_000); // warm-up
const iterations = 200_000;
const started = performance.now();
const { parsed, bytesParsed } = run(iterations);
const parseMs = performance.now() - started;

const message = parseMessage(invite);
const serializeStarted = performance.now();
for (let i = 0; i < iterations / 2; i++) serializeMessage(message);
const serializeMs = performance.now() - serializeStarted;

const result = {
  messagesPerSec: Math.round((parsed / parseMs) * 1000),
  parseMBPerSec: Number((bytesParsed / 1e6 / (parseMs / 1000)).toFixed(1)),
  inviteBytes: invite.length,
  responseBytes: ringing.length,
  serializedInvitesPerSec: Math.round((iterations / 2 / serializeMs) * 1000),
};
console.log(
  `parsed ${parsed} messages (INVITE ${invite.length} B with SDP, 180 ${ringing.length} B alternating) in ${parseMs.toFixed(0)} ms`,
);
console.log(JSON.stringify(result));
