// @relais/telephony: the SIP B2BUA (sip/) and media control through rtpengine (media/).
export const TELEPHONY_PACKAGE = '@relais/telephony';
export * from './sip/index.ts';
export * from './media/index.ts';
