export { SipRequestFailed } from './errors.ts';
export {
  buildAckFor2xx,
  buildRequest,
  type LocalVia,
  type OutgoingRequestSpec,
} from './outgoing-request.ts';
export {
  SipEndpoint,
  type EndpointEvent,
  type IncomingRequest,
  type RequestHandler,
  type SendOptions,
  type SipEndpointOptions,
} from './sip-endpoint.ts';
