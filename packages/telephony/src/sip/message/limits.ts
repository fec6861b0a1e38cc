// Limits against abusive messages; exceeding one is a SipParseError with the status to answer.

export interface ParseLimits {
  /** Whole message, start line to last body byte. A UDP datagram carries at most 65,507 bytes. */
  readonly maxMessageBytes: number;
  readonly maxHeaderCount: number;
  /** One header after unfolding, name included; also bounds the start line. */
  readonly maxHeaderLineBytes: number;
  readonly maxBodyBytes: number;
}

export const DEFAULT_PARSE_LIMITS: ParseLimits = {
  maxMessageBytes: 65_535,
  maxHeaderCount: 128,
  maxHeaderLineBytes: 8_192,
  maxBodyBytes: 32_768,
};
