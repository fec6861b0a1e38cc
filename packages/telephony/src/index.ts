// @relais/telephony: the SIP stack (sip/), media control through rtpengine (media/), and the
// call-center B2BUA on both (call/).
export const TELEPHONY_PACKAGE = '@relais/telephony';
export * from './sip/index.ts';
export * from './media/index.ts';
export * from './call/index.ts';
