export { parseCSeq, type CSeq } from './cseq.ts';
export {
  SipParseError,
  type ParseFailureStatus,
  type ResponseContext,
  type SipParseErrorCode,
} from './errors.ts';
export { callIdOf, cseqOf, fromOf, toOf, topVia } from './fields.ts';
export { canonicalHeaderName, headerKey } from './header-names.ts';
export { DEFAULT_PARSE_LIMITS, type ParseLimits } from './limits.ts';
export {
  EMPTY_BODY,
  header,
  headerValue,
  headerValues,
  removeHeader,
  setHeader,
  splitList,
  type SipHeader,
  type SipMessage,
  type SipRequest,
  type SipResponse,
} from './message.ts';
export { parseNameAddr, serializeNameAddr, tagOf, type NameAddr } from './name-addr.ts';
export { paramValue, setParam, type Params } from './params.ts';
export { parseMessage, type ParseOptions } from './parse.ts';
export { buildResponse, REASON_PHRASES, type ResponseOptions } from './response.ts';
export { serializeHead, serializeMessage } from './serialize.ts';
export { SipStreamFramer } from './stream-framer.ts';
export { parseUri, serializeUri, UriError, type SipUri, type TelUri, type Uri } from './uri.ts';
export { branchOf, MAGIC_COOKIE, parseVia, serializeVia, type Via } from './via.ts';
