// Test helpers for packages that run real SIP peers against Relais (the server's call tests):
// sipp runs, RTP peers that count packets, a tone WAV for music on hold. Not for production code.
export { RtpPeer, settle, waitUntil } from './media/testing/rtp-peer.ts';
export { makeToneWav } from './media/testing/wav.ts';
export {
  freeUdpPort,
  killSipps,
  requireSipp,
  runSipp,
  SCENARIOS,
  type SippRun,
} from './sip/testing/sipp.ts';
export { cpuMsOf, readSippStats, rtpengineRelayed } from './sip/testing/bench-measures.ts';
export { seededRandom } from './sip/testing/seeded-random.ts';
