export { realScheduler } from './real-scheduler.ts';
export { TcpTransport } from './tcp-transport.ts';
export {
  addressKey,
  type RemoteAddress,
  type SipTransport,
  type TransportEvents,
  type TransportProtocol,
} from './types.ts';
export { UdpTransport } from './udp-transport.ts';
export { responseDestination, stampVia } from './via-stamping.ts';
export { SIP_SUBPROTOCOL, WsTransport, type WsTransportOptions } from './ws-transport.ts';
