// Media through rtpengine: the ng protocol client, a launcher for the daemon, and MediaControl.
export {
  decodeBencode,
  encodeBencode,
  type BencodeDictionary,
  type BencodeValue,
  type DecodeOptions,
} from './bencode.ts';
export {
  DtmfListener,
  parseDtmfLog,
  type DtmfListenerOptions,
  type MediaDtmf,
} from './dtmf-events.ts';
export { MediaError, type MediaErrorCode } from './errors.ts';
export type {
  AgentMediaKind,
  BridgeResult,
  CallerUpdate,
  MediaControl,
  OutboundMediaControl,
} from './media-control.ts';
export {
  NgClient,
  type AnswerRequest,
  type CallSelector,
  type PlayMediaRequest,
  type SdpReply,
  type SdpRequest,
} from './ng-client.ts';
export {
  audioRtpStream,
  type CallQuery,
  type MediaQuery,
  type PacketStats,
  type ParticipantQuery,
  type StreamQuery,
} from './ng-query.ts';
export {
  NgTransport,
  type NgReply,
  type NgStats,
  type NgTransportOptions,
} from './ng-transport.ts';
export {
  DEFAULT_RTPENGINE_BINARY,
  startRtpengine,
  type RtpengineOptions,
  type RunningRtpengine,
} from './rtpengine-process.ts';
export {
  agentLegOptions,
  AGENT_TAG,
  CALLER_TAG,
  RtpengineMediaControl,
  type HoldMusic,
  type RtpengineMediaControlOptions,
} from './rtpengine-media-control.ts';
